package io.casepost.inbound.mime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile sizes are refused quickly with a reason a person understands. */
class ParseLimitsTest {

	private static final Duration FAST = Duration.ofSeconds(2);

	@TempDir
	Path dir;

	@Test
	void aThousandPartsAreRefused() {
		var message = new StringBuilder("From: x@example.com\nContent-Type: multipart/mixed; boundary=b\n\n");
		for (int i = 0; i < 1_000; i++) {
			message.append("--b\nContent-Type: text/plain\n\npart ").append(i).append('\n');
		}
		message.append("--b--\n");

		assertRefused(message.toString(), "more than 500 MIME parts");
	}

	@Test
	void nestingFiftyDeepIsRefused() {
		var message = new StringBuilder("From: x@example.com\nContent-Type: multipart/mixed; boundary=b0\n\n");
		for (int depth = 1; depth <= 50; depth++) {
			message.append("--b")
				.append(depth - 1)
				.append("\nContent-Type: multipart/mixed; boundary=b")
				.append(depth)
				.append("\n\n");
		}
		message.append("--b50\nContent-Type: text/plain\n\ndeep\n");

		assertRefused(message.toString(), "MIME parts nested deeper than 20 levels");
	}

	@Test
	void aOneMegabyteHeaderLineIsRefused() {
		assertRefused("From: x@example.com\nSubject: " + "a".repeat(1024 * 1024) + "\n\nbody\n",
				"header line longer than 100,000 characters");
	}

	@Test
	void headersLargerThan256KbAreRefused() {
		var manyHeaders = ("Received: from relay" + "x".repeat(80) + "\n").repeat(4_000);

		assertRefused("From: x@example.com\n" + manyHeaders + "\nbody\n", "headers larger than 256 KB");
	}

	@Test
	void aHugePartHeaderInsideTheMessageIsRefusedToo() {
		assertRefused("""
				Content-Type: multipart/mixed; boundary=b

				--b
				Content-Type: text/plain; x=%s

				hi
				--b--
				""".formatted("y".repeat(200_000)), "header line longer than 100,000 characters");
	}

	@Test
	void bodyTextOverTheLimitIsRefused() {
		var limits = new ParseLimits(256 * 1024, 100_000, 500, 20, 1024 * 1024, 50L * 1024 * 1024);
		var file = TestEmails.store(dir, "From: x@example.com\n\n" + "0123456789\n".repeat(200_000));

		assertTimeoutPreemptively(FAST,
				() -> assertThatThrownBy(() -> new EmailParser(limits).parse(file))
					.isInstanceOf(UnreadableEmailException.class)
					.hasMessage("body text larger than 1 MB"));
	}

	@Test
	void aMessageOverTheSizeLimitIsRefusedBeforeItIsParsed() {
		var limits = new ParseLimits(256 * 1024, 100_000, 500, 20, 1024 * 1024, 1024 * 1024);
		var file = TestEmails.store(dir,
				"From: x@example.com\nContent-Type: application/pdf\n\n" + "x".repeat(2 * 1024 * 1024));

		assertTimeoutPreemptively(FAST,
				() -> assertThatThrownBy(() -> new EmailParser(limits).parse(file))
					.isInstanceOf(UnreadableEmailException.class)
					.hasMessage("message larger than 1 MB"));
	}

	private void assertRefused(String message, String reason) {
		var file = TestEmails.store(dir, message);
		assertTimeoutPreemptively(FAST,
				() -> assertThatThrownBy(() -> new EmailParser().parse(file))
					.isInstanceOf(UnreadableEmailException.class)
					.hasMessage(reason));
	}

}
