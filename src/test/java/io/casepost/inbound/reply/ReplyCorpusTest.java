package io.casepost.inbound.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.casepost.Prerequisites;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

/**
 * Scores the extractor on the public corpora in ../shared/corpora/reply (exact after
 * normalization, as NORMALIZATION.md and score.py define it), prints the score per corpus
 * and fails below the agreed targets. Outputs are written to
 * target/reply-corpus/&lt;corpus&gt;.jsonl for cross-checking with score.py.
 */
class ReplyCorpusTest {

	/** Pinned cases and checks that contradict Casepost's rule; each with the reason. */
	private static final Map<String, String> GITHUB_EXCEPTIONS = Map.of("email_1_1",
			"expects the short '-Abhishek Kona' sign-off removed; the rule keeps a name the sender typed "
					+ "(discourse keeps '—Ryan' and '//Jef' the same way)");

	private static final Map<String, String> ZAPIER_EXCEPTIONS = Map.of();

	/**
	 * Measured: 43 of 49 pinned when the corpus was built, 44 once mailing-list footers
	 * were recognised; 24 of 29 check-only.
	 */
	private static final int HELD_OUT_PINNED_FLOOR = 44;

	private static final int HELD_OUT_CHECKS_FLOOR = 24;

	private final ReplyExtractor extractor = new ReplyExtractor();

	@Test
	void discourseTrimmerScoresAtLeast60Of64() throws IOException {
		assertThat(score("discourse_trimmer", this::extract)).isGreaterThanOrEqualTo(60);
	}

	/**
	 * Talon keeps a forwarded message with the reply ("don't parse quotations for
	 * forwarded messages"), as an update does: its text and, below it, the forward.
	 */
	@Test
	void talonPlainScoresAtLeast49Of51() throws IOException {
		assertThat(score("talon_plain", this::updateContent)).isGreaterThanOrEqualTo(49);
	}

	@Test
	void talonEmlScoresAtLeast10Of12() throws IOException {
		assertThat(score("talon_eml", this::extractFromEml)).isGreaterThanOrEqualTo(10);
	}

	@Test
	void talonHtmlScoresAll9() throws IOException {
		assertThat(score("talon_html", this::updateContent)).isEqualTo(9);
	}

	@Test
	void githubParserPassesEveryCaseExceptListedContradictions() throws IOException {
		assertThat(failures("github_erp", GITHUB_EXCEPTIONS)).isEmpty();
	}

	@Test
	void zapierParserPassesEveryCaseExceptListedContradictions() throws IOException {
		assertThat(failures("zapier_erp", ZAPIER_EXCEPTIONS)).isEmpty();
	}

	/**
	 * The text written above a forward header: our text when a forward followed it, else
	 * "". A message that is only a forward must also have had its forward header
	 * recognised (trimmed), so doing nothing scores nothing.
	 */
	@Test
	void crispForwardScoresAtLeast140Of159() throws IOException {
		assertThat(score("crisp_forward", c -> {
			ExtractedReply reply = reply(c);
			boolean recognised = reply.forwardIncluded() || !reply.trimmed().isBlank();
			return recognised ? (reply.forwardIncluded() ? reply.text() : "") : "<forward not recognised>";
		})).isGreaterThanOrEqualTo(140);
	}

	/**
	 * Replies written here in the formats mail clients produce: quote headers in 39
	 * languages, forms without a verb or a colon, wrapping, national typography,
	 * localized Outlook header blocks and "Original message" separators, hard-wrapped
	 * quotes, image placeholders, bare address lines and mobile footers.
	 */
	@Test
	void clientFormatsScoreAll106() throws IOException {
		assertThat(score(ownCorpus("clients"), "clients", this::extract)).isEqualTo(106);
	}

	/**
	 * Signatures with no "-- " above them (talon's signature fixtures and cases written
	 * here): the block of contact lines under a sign-off, a rule or a name goes, the
	 * sign-off and the name stay; contact details that are the message stay.
	 */
	@Test
	void signatureBlocksScoreAll32() throws IOException {
		assertThat(score(ownCorpus("signatures"), "signatures", this::extract)).isEqualTo(32);
	}

	/**
	 * Measured, never tuned against: fixtures of two public reply parsers that are not in
	 * ../shared (see corpora/heldout/README.md). Pinned cases count exact matches; the
	 * others pass when all their checks do.
	 */
	@Test
	void heldOutParserFixturesAreMeasured() throws IOException {
		Score score = measure(ownCorpus("heldout"), "heldout");
		assertThat(score.pinnedExact()).isGreaterThanOrEqualTo(HELD_OUT_PINNED_FLOOR);
		assertThat(score.checksPassed()).isGreaterThanOrEqualTo(HELD_OUT_CHECKS_FLOOR);
	}

	record Score(int pinnedExact, int pinned, int checksPassed, int checkOnly) {
	}

	private Score measure(Path folder, String corpus) throws IOException {
		int pinned = 0;
		int exact = 0;
		int checkOnly = 0;
		int checked = 0;
		List<String> failed = new ArrayList<>();
		List<String> outputs = new ArrayList<>();
		for (CorpusCase c : CorpusCase.readManifest(folder)) {
			String output = extract(c);
			outputs.add(CorpusCase.toJsonLine(c.id(), output));
			boolean checksPass = c.checks().stream().allMatch(check -> ReplyNormalization.passes(check, output));
			boolean ok;
			if (c.expected() != null) {
				pinned++;
				ok = ReplyNormalization.matches(c.match(), output, c.readExpected()) && checksPass;
				exact += ok ? 1 : 0;
			}
			else {
				checkOnly++;
				ok = checksPass;
				checked += ok ? 1 : 0;
			}
			if (!ok) {
				failed.add(c.id());
			}
		}
		writeOutputs(corpus, outputs);
		System.out.printf("reply corpus %-18s pinned exact %d/%d  check-only %d/%d  failing: %s%n", corpus, exact,
				pinned, checked, checkOnly, failed);
		return new Score(exact, pinned, checked, checkOnly);
	}

	private interface Extraction {

		String apply(CorpusCase c) throws IOException;

	}

	private String extract(CorpusCase c) throws IOException {
		return reply(c).text();
	}

	/** What the update holds: the new text, then a forward kept with it. */
	private String updateContent(CorpusCase c) throws IOException {
		ExtractedReply reply = reply(c);
		return reply.forwardIncluded() ? reply.text() + "\n\n" + reply.forwarded() : reply.text();
	}

	private ExtractedReply reply(CorpusCase c) throws IOException {
		String body = c.readInput();
		return "html".equals(c.format()) ? extractor.fromHtml(body) : extractor.fromText(body);
	}

	/** The .eml's text/plain part, or its HTML part when it has no plain text. */
	private String extractFromEml(CorpusCase c) throws IOException {
		try (InputStream in = Files.newInputStream(c.folder().resolve(c.raw()))) {
			MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
			Part plain = firstPart(message, "text/plain");
			if (plain != null) {
				return extractor.fromText((String) plain.getContent()).text();
			}
			Part html = firstPart(message, "text/html");
			return html == null ? "" : extractor.fromHtml((String) html.getContent()).text();
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IOException(e);
		}
	}

	private static Part firstPart(Part part, String type) throws jakarta.mail.MessagingException, IOException {
		if (part.isMimeType(type)) {
			return part;
		}
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart found = (BodyPart) firstPart(multipart.getBodyPart(i), type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private int score(String corpus, Extraction extraction) throws IOException {
		return score(corpusFolder(corpus), corpus, extraction);
	}

	private int score(Path folder, String corpus, Extraction extraction) throws IOException {
		int exact = 0;
		List<String> failed = new ArrayList<>();
		List<String> outputs = new ArrayList<>();
		List<CorpusCase> cases = CorpusCase.readManifest(folder);
		for (CorpusCase c : cases) {
			String output = extraction.apply(c);
			outputs.add(CorpusCase.toJsonLine(c.id(), output));
			if (ReplyNormalization.matches(c.match(), output, c.readExpected())) {
				exact++;
			}
			else {
				failed.add(c.id());
			}
		}
		writeOutputs(corpus, outputs);
		System.out.printf("reply corpus %-18s exact %d/%d  failing: %s%n", corpus, exact, cases.size(), failed);
		return exact;
	}

	private List<String> failures(String corpus, Map<String, String> exceptions) throws IOException {
		List<String> failed = new ArrayList<>();
		List<String> outputs = new ArrayList<>();
		int passed = 0;
		List<CorpusCase> cases = CorpusCase.readManifest(corpusFolder(corpus));
		for (CorpusCase c : cases) {
			String output = extract(c);
			outputs.add(CorpusCase.toJsonLine(c.id(), output));
			boolean ok = (c.expected() == null || ReplyNormalization.matches(c.match(), output, c.readExpected()))
					&& c.checks().stream().allMatch(check -> ReplyNormalization.passes(check, output));
			if (ok) {
				passed++;
			}
			else if (!exceptions.containsKey(c.id())) {
				failed.add(c.id());
			}
		}
		writeOutputs(corpus, outputs);
		System.out.printf("reply corpus %-18s pass %d/%d  exceptions: %s  unexpected failures: %s%n", corpus, passed,
				cases.size(), exceptions.keySet(), failed);
		return failed;
	}

	private static void writeOutputs(String corpus, List<String> lines) throws IOException {
		Path dir = Path.of("target", "reply-corpus");
		Files.createDirectories(dir);
		Files.write(dir.resolve(corpus + ".jsonl"), lines, StandardCharsets.UTF_8);
	}

	/**
	 * A corpus of our own, under src/test/resources/.../reply/corpora (see its README).
	 */
	static Path ownCorpus(String corpus) {
		try {
			return Path.of(ReplyCorpusTest.class.getResource("corpora/" + corpus).toURI());
		}
		catch (java.net.URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	static Path corpusFolder(String corpus) {
		Path folder = corporaRoot().resolve("reply").resolve(corpus);
		Prerequisites.require(Files.isDirectory(folder), "corpus folder absent: " + folder.toAbsolutePath()
				+ " (set -Dcasepost.corpora=/path/to/shared/corpora)");
		return folder;
	}

	static Path corporaRoot() {
		return Path.of(System.getProperty("casepost.corpora", Path.of("..", "shared", "corpora").toString()));
	}

}
