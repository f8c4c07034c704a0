package io.casepost.accounts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {

	static final String EMAIL = "dana.reyes@agency.example";

	final CommonPasswords common = new CommonPasswords();

	final PasswordPolicy policy = new PasswordPolicy(common);

	@Test
	void twelveCharactersOfAnyKindAreEnough() {
		assertThat(policy.problems("correct horse", EMAIL)).isEmpty();
		assertThat(policy.problems("zürich-tram-7", EMAIL)).isEmpty();
	}

	@Test
	void elevenCharactersAreTooFewCountingLettersNotBytes() {
		assertThat(policy.problems("short phrase", EMAIL)).isEmpty();
		assertThat(policy.problems("shortphrase", EMAIL)).containsExactly("must be at least 12 characters");
		// eleven letters, each two bytes in UTF-8
		assertThat(policy.problems("ééééééééééé", EMAIL)).containsExactly("must be at least 12 characters");
	}

	@Test
	void aPasswordIsRequired() {
		assertThat(policy.problems(null, EMAIL)).containsExactly("is required");
		assertThat(policy.problems("", EMAIL)).containsExactly("is required");
	}

	@Test
	void theEmailAddressIsNotAPasswordInAnyCase() {
		assertThat(policy.problems("Dana.Reyes@Agency.example", EMAIL))
			.containsExactly("must not be the email address");
	}

	@Test
	void aCommonPasswordFromTheShippedListIsRefusedInAnyCase() {
		assertThat(policy.problems("password1234", EMAIL))
			.containsExactly("must not be one of the most common passwords");
		assertThat(policy.problems("QwertyUiop12", EMAIL))
			.containsExactly("must not be one of the most common passwords");
		assertThat(policy.problems("1qaz2wsx3edc", EMAIL))
			.containsExactly("must not be one of the most common passwords");
	}

	@Test
	void theShippedListHoldsItsEntriesOfTwelveOrMoreCharacters() {
		assertThat(common.size()).isEqualTo(308);
	}

	@Test
	void moreThanBcryptReadsIsRefusedRatherThanCutShort() {
		assertThat(policy.problems("a".repeat(72), EMAIL)).isEmpty();
		assertThat(policy.problems("a".repeat(73), EMAIL))
			.containsExactly("must be at most 72 bytes (72 letters, fewer with accents or emoji)");
	}

	@Test
	void aRefusedPasswordNamesTheFieldAndEveryProblem() {
		assertThatThrownBy(() -> policy.check("password1234", "password1234"))
			.isInstanceOfSatisfying(WeakPassword.class,
					weak -> assertThat(weak.problems()).containsExactly("must not be the email address",
							"must not be one of the most common passwords"))
			.hasMessage("password must not be the email address; must not be one of the most common passwords");
	}

}
