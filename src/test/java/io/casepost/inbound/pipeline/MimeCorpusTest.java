package io.casepost.inbound.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

import io.casepost.Prerequisites;
import org.junit.jupiter.api.Test;

import io.casepost.cases.FileTypeDetector;
import io.casepost.inbound.mime.EmailParser;
import io.casepost.inbound.mime.ParsedEmail;
import io.casepost.inbound.mime.TestEmails;
import io.casepost.inbound.mime.UnreadableEmailException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs every message of the shared MIME robustness corpus through parse, classify and
 * select: each must end in a ParsedEmail or a reasoned UnreadableEmailException, within a
 * time limit.
 */
class MimeCorpusTest {

	// catches a hang, not a slow machine: with 2 cores under load a message has taken
	// over 2 s
	private static final Duration TIME_LIMIT_PER_MESSAGE = Duration.ofSeconds(15);

	private final EmailParser parser = new EmailParser();

	private final AutomatedMailClassifier classifier = new AutomatedMailClassifier(TestEmails.MAIL_SETTINGS);

	private final AttachmentSelector selector = new AttachmentSelector(new FileTypeDetector());

	private final AttachmentPolicy policy = new AttachmentPolicy(Set.of("pdf", "png", "jpg", "txt", "docx"),
			AttachmentPolicy.DEFAULT_MAX_FILES, AttachmentPolicy.DEFAULT_MAX_BYTES);

	@Test
	void everyCorpusMessageParsesOrIsRefusedWithAReasonInTime() throws IOException {
		var corpus = mimeCorpus();
		Prerequisites.require(corpus != null,
				"MIME corpus absent (../shared/corpora/mime or -Dcasepost.corpora=<dir>)");
		var tally = new Tally();
		for (var entry : manifest(corpus)) {
			var file = corpus.resolve(entry.get("path").asString());
			var outcome = assertTimeoutPreemptively(TIME_LIMIT_PER_MESSAGE, () -> outcomeOf(file),
					() -> entry.get("id").asString() + " took longer than " + TIME_LIMIT_PER_MESSAGE);
			tally.record(entry, outcome, corpus);
		}
		tally.print();
		assertThat(tally.parsed + tally.unreadable.values().stream().mapToInt(Integer::intValue).sum())
			.isEqualTo(tally.total);
		assertThat(tally.total).isEqualTo(371);
	}

	/**
	 * Either the parsed email (after classifying and selecting, so those steps are
	 * exercised) or the reason.
	 */
	private Object outcomeOf(Path file) {
		try {
			var email = parser.parse(file);
			classifier.automatedReason(email);
			selector.select(email, policy);
			return email;
		}
		catch (UnreadableEmailException unreadable) {
			assertThat(unreadable.reason()).isNotBlank();
			return unreadable.reason();
		}
	}

	/** Where -Dcasepost.corpora says (the build sets it), else beside the project. */
	private static Path mimeCorpus() {
		var corpus = Path.of(System.getProperty("casepost.corpora", "../shared/corpora"), "mime");
		return Files.isDirectory(corpus) ? corpus : null;
	}

	private static List<JsonNode> manifest(Path corpus) throws IOException {
		var mapper = JsonMapper.builder().build();
		return Files.readAllLines(corpus.resolve("manifest.jsonl"))
			.stream()
			.filter(line -> !line.isBlank())
			.map(mapper::readTree)
			.toList();
	}

	private static final class Tally {

		int total;

		int parsed;

		final Map<String, Integer> unreadable = new TreeMap<>();

		int withExpectedParts;

		int bodyMatches;

		int partCountMatches;

		void record(JsonNode entry, Object outcome, Path corpus) throws IOException {
			total++;
			if (outcome instanceof String reason) {
				unreadable.merge(reason.replaceAll("\\d+", "N"), 1, Integer::sum);
				return;
			}
			parsed++;
			var expectedParts = entry.get("expected_decoded_parts");
			if (expectedParts != null) {
				compare((ParsedEmail) outcome,
						StreamSupport.stream(expectedParts.spliterator(), false)
							.map(part -> corpus.resolve(part.asString()))
							.toList());
			}
		}

		/**
		 * mime4j descends into attached messages and we do not, so these are measured,
		 * not asserted.
		 */
		private void compare(ParsedEmail email, List<Path> expectedParts) throws IOException {
			withExpectedParts++;
			var expectedTexts = new ArrayList<String>();
			for (var part : expectedParts) {
				if (part.toString().endsWith(".txt")) {
					var bytes = Files.readAllBytes(part);
					expectedTexts.add(normalized(new String(bytes, StandardCharsets.UTF_8)));
					expectedTexts.add(normalized(new String(bytes, StandardCharsets.ISO_8859_1)));
				}
			}
			if (email.textBody() != null && expectedTexts.contains(normalized(email.textBody()))) {
				bodyMatches++;
			}
			int ourParts = email.attachments().size() + (email.textBody() != null ? 1 : 0)
					+ (email.htmlBody() != null ? 1 : 0);
			if (ourParts == expectedParts.size()) {
				partCountMatches++;
			}
		}

		private static String normalized(String text) {
			return text.replace("\r\n", "\n").strip();
		}

		void print() {
			System.out.printf("MIME corpus: %d messages, %d parsed, %d unreadable%n", total, parsed, total - parsed);
			unreadable.forEach((reason, count) -> System.out.printf("  unreadable %3d x %s%n", count, reason));
			System.out.printf(
					"mime4j expected parts: %d parsed messages with them, text body equal to an expected part in %d,"
							+ " same part count in %d%n",
					withExpectedParts, bodyMatches, partCountMatches);
		}

	}

}
