package io.casepost;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (a browser, real mail servers, a corpus): where it
 * is missing the test skips, saying what to install, except under {@code CI=true}, where
 * no test may skip and it fails.
 */
public final class Prerequisites {

	private Prerequisites() {
	}

	public static boolean underCi() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

	public static void require(boolean present, String message) {
		require(present, message, underCi());
	}

	static void require(boolean present, String message, boolean underCi) {
		if (present) {
			return;
		}
		if (underCi) {
			throw new AssertionError(message + ". Under CI=true no test may skip.");
		}
		Assumptions.abort(message);
	}

}
