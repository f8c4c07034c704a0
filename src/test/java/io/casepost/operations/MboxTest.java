package io.casepost.operations;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MboxTest {

	@Test
	void eachMessageIsSplitAtItsFromLineWithoutTheSeparatorAndWithFromLinesUnescaped() throws Exception {
		var file = """
				From alice@example.com Fri Nov 27 10:00:00 2026
				Subject: one

				>From the start.
				>>From a quote.

				Last line.

				From bob@example.com Fri Nov 27 10:01:00 2026
				Subject: two

				Body two.
				""";

		assertThat(messages(file)).containsExactly("""
				Subject: one

				From the start.
				>From a quote.

				Last line.
				""", """
				Subject: two

				Body two.
				""");
	}

	@Test
	void aSingleMessageIsNotAnMbox() {
		assertThat(Mbox.looksLikeMbox("From: alice@example.com".getBytes(StandardCharsets.US_ASCII))).isFalse();
		assertThat(Mbox.looksLikeMbox("From alice@example.com Fri".getBytes(StandardCharsets.US_ASCII))).isTrue();
	}

	private static ArrayList<String> messages(String file) throws Exception {
		var messages = new ArrayList<String>();
		try (var mbox = new Mbox(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)))) {
			while (mbox.hasNext()) {
				try (var message = mbox.nextMessage()) {
					messages.add(new String(message.readAllBytes(), StandardCharsets.UTF_8));
				}
			}
		}
		return messages;
	}

}
