package io.casepost.outbound;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.casepost.CasepostTest;
import io.casepost.EmailedReplies;
import io.casepost.LinkVisitor;
import io.casepost.ReceivedEmail;
import io.casepost.TestApi;
import io.casepost.cases.CaseUpdateService;
import io.casepost.cases.Cases;
import io.casepost.cases.NewAttachment;
import io.casepost.cases.NewUpdate;
import io.casepost.cases.UpdateSource;
import io.casepost.mail.EmailKey;
import io.casepost.mail.EmailLinks;
import io.casepost.mail.OutgoingMail;
import io.casepost.mail.SendOutcome;
import io.casepost.settings.GeneralCaseSettingsService;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Update emails as their recipients get them over IMAP, and their links followed over
 * HTTP as a mail client's browser follows them.
 */
@CasepostTest
class UpdateEmailLinksTest {

	/** Room for the first two files of {@link #FILES}, not for all three. */
	private static final long ATTACHED_TOTAL = 3000;

	/** Posted in this order: the first and the last fit {@link #ATTACHED_TOTAL}. */
	private static final Map<String, byte[]> FILES = files();

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	GeneralCaseSettingsService settings;

	@Autowired
	CaseUpdateService updates;

	@Autowired
	Cases cases;

	@Autowired
	OutgoingMail mail;

	@Autowired
	EmailLinks links;

	@Autowired
	GreenMail embeddedMailServer;

	EmailedReplies replies;

	TestApi admin;

	TestApi.TestCase caseFile;

	long limitBefore;

	@BeforeEach
	void openCase() {
		replies = EmailedReplies.of(environment);
		admin = replies.admin();
		limitBefore = settings.current().maxUpdateEmailAttachmentBytes();
		admin
			.put("/api/settings/general-case", Map.of("emailUpdateRepliesEnabled", true, "inboundCatchAllAddress",
					"catch-all@agency.example", "maxUpdateEmailAttachmentBytes", ATTACHED_TOTAL))
			.ok(200);
		caseFile = admin.openCase();
	}

	/** Other tests share this application and expect the settings it started with. */
	@AfterEach
	void restoreSettings() {
		replies.repliesOff();
		admin.put("/api/settings/general-case", Map.of("maxUpdateEmailAttachmentBytes", limitBefore)).ok(200);
	}

	@Test
	void filesAreAttachedInTheOrderPostedUpToTheTotalAndTheRestOnlyLinked() {
		var update = postWithFiles("The inventory lists are in.");

		var email = emailToClient();

		assertThat(email.attachments()).containsOnlyKeys("count-a.txt", "count-c.txt");
		assertThat(email.attachments().get("count-a.txt")).isEqualTo(FILES.get("count-a.txt"));
		assertThat(email.attachments().get("count-c.txt")).isEqualTo(FILES.get("count-c.txt"));
		assertThat(email.fileLines()).containsExactly("count-a.txt (1000 bytes, attached)",
				"count-b.txt (2.9 KB, link only)", "count-c.txt (1.5 KB, attached)");
		assertThat(email.text()).contains("Files beyond 2.9 KB in total are not attached to this email; open them by"
				+ " their links.\nThe links ask you to sign in to Casepost.");
		assertThat(email.caseLink())
			.isEqualTo("http://localhost:%d/cases/%d#update-%d".formatted(port, caseFile.id(), id(update)));
		assertThat(email.fileLink("count-b.txt")).matches("http://localhost:" + port + "/attachments/\\d+");
	}

	@Test
	void signedInTheLinksOpenTheUpdateOnTheCasePageAndEachFile() throws Exception {
		var update = postWithFiles("Stock count attached.");
		var email = emailToClient();
		var client = LinkVisitor.signedIn(port, caseFile.clientEmail());

		var casePage = client.open(email.caseLink());
		assertThat(casePage.statusCode()).isEqualTo(200);
		assertThat(LinkVisitor.page(casePage).select("#update-" + id(update)).text()).contains("Stock count attached.");
		for (var file : FILES.entrySet()) {
			var download = client.open(email.fileLink(file.getKey()));
			assertThat(download.statusCode()).isEqualTo(200);
			assertThat(download.body()).isEqualTo(file.getValue());
		}
	}

	@Test
	void signedOutALinkLeadsToTheSignInPageAndFromThereToTheFile() throws Exception {
		postWithFiles("Counts for the auditor.");
		var email = emailToClient();
		var stranger = new LinkVisitor(port);

		assertThat(stranger.open(email.caseLink()).uri().getPath()).isEqualTo("/login");
		var signInPage = stranger.open(email.fileLink("count-b.txt"));
		assertThat(signInPage.uri().getPath()).isEqualTo("/login");
		assertThat(LinkVisitor.page(signInPage).select("form input[name=password]")).hasSize(1);

		var afterSignIn = stranger.signIn(caseFile.clientEmail());
		assertThat(afterSignIn.uri().getPath()).isEqualTo(URI.create(email.fileLink("count-b.txt")).getPath());
		assertThat(afterSignIn.body()).isEqualTo(FILES.get("count-b.txt"));
	}

	@Test
	void aReplyPostsWithItsNewFilesAndWithoutTheFilesOfTheUpdateEmailItCarriesBack() throws Exception {
		postWithFiles("Please confirm these counts.");
		var email = replies.mailboxes().await(caseFile.clientEmail(), 1).get(0);
		var signed = "signed by the warehouse lead\n".getBytes(StandardCharsets.US_ASCII);

		replies.reply(caseFile.clientEmail(),
				new EmailedReplies.UpdateEmail(((InternetAddress) email.getReplyTo()[0]).getAddress(),
						email.getMessageID(), email.getSubject()),
				"Counts confirmed.", List.of(),
				EmailedReplies.File.attached("count-a.txt", "application/octet-stream", FILES.get("count-a.txt")),
				EmailedReplies.File.attached("signed-count.txt", "text/plain", signed));
		replies.runBatch();

		assertThat(replies.lastFrom(caseFile.clientEmail())).containsEntry("disposition", "POSTED");
		var reply = admin.get(caseFile.updatesPath())
			.ok(200)
			.jsonList()
			.stream()
			.filter(update -> "EMAIL".equals(update.get("source")))
			.findFirst()
			.orElseThrow();
		assertThat(reply).containsEntry("body", "Counts confirmed.");
		assertThat((List<?>) reply.get("attachments")).singleElement()
			.satisfies(file -> assertThat(((Map<?, ?>) file).get("filename")).isEqualTo("signed-count.txt"));
		assertThat((String) reply.get("note")).contains("count-a.txt (already attached to this case)");
	}

	@Test
	void anAttachedFileIsReadFromTheStoreAsTheEmailIsSentNeverWholeInMemory() throws Exception {
		var size = 20 * 1024 * 1024;
		var update = updates.post(NewUpdate.of(caseFile.id(), caseFile.managerEmail(), "The full ledger", Set.of(),
				List.of(new NewAttachment("ledger.txt", () -> new LedgerLines(size))), UpdateSource.API));
		var domain = "ledger-" + update.id() + ".example";
		var recipient = "accounts@" + domain;
		var entry = new RecipientEntry(0, update.id(), caseFile.id(), 0, recipient, mail.settings().newMessageId(),
				"unused", "updates+unused@inbound.casepost.local", DeliveryStatus.PENDING, 0, null, null, null);
		var email = new UpdateEmail(entry, update, cases.get(caseFile.id()),
				EmailedFiles.of(update.attachments(), size), links);

		var allocatedBefore = allocatedByThisThread();
		var outcome = mail.send(new EmailKey("test", "ledger-" + update.id(), recipient),
				message -> email.write(message, updates));
		var allocatedBySending = allocatedByThisThread() - allocatedBefore;

		assertThat(outcome).isEqualTo(SendOutcome.SENT);
		// everything this thread allocated, garbage included, stays far below the file's
		// size
		assertThat(allocatedBySending).as("bytes allocated while sending").isLessThan(size / 4);
		// from the mail server's memory: over IMAP, 27 MB of email take longer to read
		// than
		// a test should
		var delivered = embeddedMailServer.getReceivedMessagesForDomain(domain);
		assertThat(delivered).hasSize(1);
		var received = ReceivedEmail.of(delivered[0]).attachments().get("ledger.txt");
		assertThat(received).hasSize(size);
		assertThat(received).startsWith(new LedgerLines(size).readNBytes(100));
	}

	private static Map<String, byte[]> files() {
		var files = new LinkedHashMap<String, byte[]>();
		files.put("count-a.txt", count('a', 1000));
		files.put("count-b.txt", count('b', 3000));
		files.put("count-c.txt", count('c', 1500));
		return files;
	}

	/**
	 * A text of {@code size} bytes with a letter outside ASCII: as a file of no
	 * particular type, a mail program sends it as base64, byte for byte (text/* has its
	 * line ends made CRLF).
	 */
	private static byte[] count(char letter, int size) {
		var heading = "Zählung: ";
		var bytes = heading.getBytes(StandardCharsets.UTF_8).length;
		return (heading + String.valueOf(letter).repeat(size - bytes - 1) + "\n").getBytes(StandardCharsets.UTF_8);
	}

	private Map<String, Object> postWithFiles(String body) {
		return admin.as(caseFile.managerEmail(), "pw-" + caseFile.managerEmail())
			.postWithFiles(caseFile.updatesPath(),
					Map.of("body", body, "recipientEmails", List.of(caseFile.clientEmail())), FILES)
			.ok(201)
			.json();
	}

	private ReceivedEmail emailToClient() {
		return ReceivedEmail.of(replies.mailboxes().await(caseFile.clientEmail(), 1).get(0));
	}

	private static long id(Map<String, Object> update) {
		return ((Number) update.get("id")).longValue();
	}

	private static long allocatedByThisThread() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
	}

	/** Lines of a long text file, made as they are read. */
	private static final class LedgerLines extends InputStream {

		private static final byte[] LINE = "ledger line of the full year, amounts in euro\n"
			.getBytes(StandardCharsets.US_ASCII);

		private final long size;

		private long position;

		LedgerLines(long size) {
			this.size = size;
		}

		@Override
		public int read() {
			return position < size ? LINE[(int) (position++ % LINE.length)] : -1;
		}

	}

}
