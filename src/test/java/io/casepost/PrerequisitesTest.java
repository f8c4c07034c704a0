package io.casepost;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrerequisitesTest {

	@Test
	void somethingMissingFailsTheTestUnderCi() {
		assertThatThrownBy(() -> Prerequisites.require(false, "MIME corpus absent", true))
			.isInstanceOf(AssertionError.class)
			.hasMessage("MIME corpus absent. Under CI=true no test may skip.");
	}

	@Test
	void somethingMissingSkipsTheTestOnADevelopersMachine() {
		assertThatThrownBy(() -> Prerequisites.require(false, "MIME corpus absent", false))
			.isInstanceOf(TestAbortedException.class);
	}

	@Test
	void whatIsThereLetsTheTestRun() {
		assertThatCode(() -> Prerequisites.require(true, "never shown", true)).doesNotThrowAnyException();
	}

}
