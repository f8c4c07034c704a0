package io.casepost;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (JUnit's extension auto-detection). Awaitility takes
 * any thread's uncaught exception while a test awaits as that test's failure; GreenMail's
 * connection threads throw on dropped connections and on a race of its own
 * (greenmail-mail-test/greenmail#343, "Need to do this properly..." on MOVE), after which
 * the product's client connects again. What the product does wrong shows in what the
 * tests await, not in a mail server's threads.
 */
public class AwaitilityDefaults implements BeforeAllCallback {

	@Override
	public void beforeAll(ExtensionContext context) {
		Awaitility.doNotCatchUncaughtExceptionsByDefault();
	}

}
