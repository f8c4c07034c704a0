package io.casepost.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.casepost.CasepostTest;
import io.casepost.EmailedReplies;
import io.casepost.EmailedReplies.File;
import io.casepost.EmailedReplies.UpdateEmail;
import io.casepost.Mailboxes;
import io.casepost.TestApi;
import io.casepost.TestApi.TestCase;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replies over SMTP and IMAP from the people an update was sent to, with Sender Notices
 * on unless a test says otherwise.
 */
@CasepostTest
class SenderNoticeTest {

	private static final byte[] EXECUTABLE = "MZ\u0090\u0000\u0003\u0000\u0000\u0000 not really a program"
		.getBytes(StandardCharsets.ISO_8859_1);

	@Autowired
	Environment environment;

	EmailedReplies replies;

	TestApi admin;

	TestCase caseFile;

	UpdateEmail update;

	@BeforeEach
	void anUpdateWasEmailedToTheClient() {
		replies = EmailedReplies.of(environment);
		admin = replies.admin();
		caseFile = admin.openCase();
		update = replies.updateToClient(caseFile, "Please send the receipts.");
		noticesEnabled(true);
	}

	@AfterEach
	void noticesAndRepliesBackOff() {
		noticesEnabled(false);
		replies.repliesOff();
	}

	@Test
	void senderNoticesAreOffByDefaultAndSetLikeTheOtherSettings() {
		noticesEnabled(false);
		assertThat(admin.get("/api/settings/general-case").ok(200).json()).containsEntry("senderNoticesEnabled", false)
			.containsKey("notifyCaseManagerOnNewUpdate");
		assertThat(admin.put("/api/settings/general-case", Map.of("senderNoticesEnabled", true)).ok(200).json())
			.containsEntry("senderNoticesEnabled", true)
			.containsEntry("emailUpdateRepliesEnabled", true);
	}

	@Test
	void aReplyToAClosedCaseTellsTheSenderOnceADayWhyItWasNotPosted() throws Exception {
		admin.put("/api/cases/" + caseFile.id() + "/status", Map.of("status", "CLOSED")).ok(200);

		replies.reply(caseFile.clientEmail(), update, "Receipts attached.", List.of());
		replies.runBatch();

		var notice = awaitNotices(1).get(0);
		assertThat(notice.getSubject()).isEqualTo("Your email was not posted to case " + caseFile.number());
		assertThat(Mailboxes.plainText(notice)).contains("was received but not posted to case " + caseFile.number())
			.contains("is closed")
			.contains(caseFile.managerEmail());
		assertThat(notice.getHeader("Auto-Submitted")).containsExactly("auto-replied");

		replies.reply(caseFile.clientEmail(), update, "Did you get them?", List.of());
		replies.runBatch();
		assertThat(replies.lastFrom(caseFile.clientEmail())).containsEntry("disposition", "CATCH_ALL")
			.containsEntry("reason", "Case " + caseFile.number() + " is closed: replies to it are not posted");
		assertNoFurtherNotice(1);
	}

	@Test
	void aPostedReplyWithAFileLeftOutTellsTheSenderWhichAndWhy() throws Exception {
		replies.reply(caseFile.clientEmail(), update, "Receipts and the tool.", List.of(),
				File.attached("receipts.txt", "text/plain", "Taxi 12.50".getBytes(StandardCharsets.UTF_8)),
				File.attached("tool.exe", "application/octet-stream", EXECUTABLE));
		replies.runBatch();

		assertThat(replies.lastFrom(caseFile.clientEmail()).get("disposition")).isEqualTo("POSTED");
		var notice = awaitNotices(1).get(0);
		assertThat(notice.getSubject())
			.isEqualTo("Some files in your email were not added to case " + caseFile.number());
		assertThat(Mailboxes.plainText(notice)).contains("was posted to case " + caseFile.number())
			.contains("tool.exe (unsupported file type")
			.doesNotContain("receipts.txt");
	}

	@Test
	void aFileAlreadyOnTheCaseOrAnAutomatedMessageOrAnUnknownSenderGetsNoNotice() {
		var logo = File.attached("logo.txt", "text/plain", "ACME".getBytes(StandardCharsets.UTF_8));
		replies.reply(caseFile.clientEmail(), update, "With logo.", List.of(), logo);
		replies.reply(caseFile.clientEmail(), update, "With logo again.", List.of(), logo);
		replies.reply(caseFile.clientEmail(), update, "I am out of office.", List.of("Auto-Submitted: auto-replied"),
				File.attached("tool.exe", "application/octet-stream", EXECUTABLE));
		replies.reply("stranger-" + caseFile.clientEmail(), update, "Let me in.", List.of(),
				File.attached("tool.exe", "application/octet-stream", EXECUTABLE));
		replies.runBatch();

		assertThat(replies.lastFrom(caseFile.clientEmail()).get("disposition")).isEqualTo("IGNORED");
		assertNoFurtherNotice(0);
		assertThat(replies.mailboxes().read("stranger-" + caseFile.clientEmail())).isEmpty();
	}

	@Test
	void withTheSettingOffNobodyIsTold() {
		noticesEnabled(false);
		admin.put("/api/cases/" + caseFile.id() + "/status", Map.of("status", "CLOSED")).ok(200);

		replies.reply(caseFile.clientEmail(), update, "Receipts attached.", List.of());
		replies.runBatch();

		assertThat(replies.lastFrom(caseFile.clientEmail()).get("disposition")).isEqualTo("CATCH_ALL");
		assertNoFurtherNotice(0);
	}

	private void noticesEnabled(boolean enabled) {
		admin.put("/api/settings/general-case", Map.of("senderNoticesEnabled", enabled)).ok(200);
	}

	private List<MimeMessage> notices() {
		return replies.mailboxes().read(caseFile.clientEmail()).stream().filter(SenderNoticeTest::isNotice).toList();
	}

	private List<MimeMessage> awaitNotices(int count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> notices().size() >= count);
		return notices();
	}

	/**
	 * The catch-all forward and the case manager's notification go out as a notice would;
	 * give it as long again.
	 */
	private void assertNoFurtherNotice(int expected) {
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> notices().size() == expected);
	}

	private static boolean isNotice(MimeMessage message) {
		try {
			return "sender-notice".equals(message.getHeader("X-Casepost-Origin", null));
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

}
