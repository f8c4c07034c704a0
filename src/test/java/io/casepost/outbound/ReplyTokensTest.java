package io.casepost.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;

import org.junit.jupiter.api.Test;

/**
 * Reply tokens cannot be guessed from one another: random, not counted or derived from
 * ids.
 */
class ReplyTokensTest {

	private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

	@Test
	void tenThousandTokensAreDistinct160BitBase32Strings() {
		var tokens = new HashSet<String>();
		for (int i = 0; i < 10_000; i++) {
			tokens.add(ReplyTokens.next());
		}

		assertThat(tokens).hasSize(10_000).allMatch(token -> token.matches("[a-z2-7]{32}"));
	}

	@Test
	void everyBitOfATokenIsAsLikelyOneAsZero() {
		var ones = new int[160];
		int samples = 4_000;
		for (int i = 0; i < samples; i++) {
			var token = ReplyTokens.next();
			for (int c = 0; c < token.length(); c++) {
				int value = BASE32.indexOf(token.charAt(c));
				for (int bit = 0; bit < 5; bit++) {
					ones[c * 5 + bit] += (value >> (4 - bit)) & 1;
				}
			}
		}

		// a fair bit over 4,000 samples stays within 1,800..2,200 ones with overwhelming
		// likelihood (over 6 sigma)
		assertThat(java.util.Arrays.stream(ones).boxed().toList())
			.allSatisfy(count -> assertThat(count).isBetween(1_800, 2_200));
	}

}
