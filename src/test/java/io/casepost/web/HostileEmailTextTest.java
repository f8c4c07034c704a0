package io.casepost.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.casepost.CasepostTest;
import io.casepost.EmailedReplies;
import io.casepost.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text that the input policy never stores, arriving by email over SMTP and read by the
 * batch: NUL and lone surrogates in the subject, the body and a file name, a
 * right-to-left override in the subject and a file name. The update, its file and the
 * inbound log keep it cleaned, and the pages show it cleaned; on PostgreSQL a NUL that
 * got through would fail the message.
 */
@CasepostTest
class HostileEmailTextTest {

	/** NUL, other controls but line feed and tab, lone surrogates, bidi controls. */
	private static final Pattern NEVER_IN_NAMES = Pattern.compile("[\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069]|\\p{Cs}");

	private static final Pattern NEVER_IN_TEXT = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|\\p{Cs}");

	@Autowired
	Environment environment;

	@LocalServerPort
	int port;

	@AfterEach
	void repliesOff() {
		EmailedReplies.of(environment).repliesOff();
	}

	@Test
	void nulLoneSurrogatesAndBidiOverridesByEmailAreStoredAndShownCleaned() throws Exception {
		var replies = EmailedReplies.of(environment);
		var caseFile = replies.admin().openCase();
		var update = replies.updateToClient(caseFile, "Send me the invoice.");

		replies.sendRaw(hostileReply(caseFile.clientEmail(), update));
		var batch = replies.runBatch();

		assertThat(batch.get("posted")).isEqualTo(1);
		var message = replies.lastFrom(caseFile.clientEmail());
		var posted = replies.admin()
			.get(caseFile.updatesPath())
			.ok(200)
			.jsonList()
			.stream()
			.filter(u -> "EMAIL".equals(u.get("source")))
			.findFirst()
			.orElseThrow();
		var subject = (String) message.get("subject");
		var body = (String) posted.get("body");
		var fileNames = fileNames(posted);
		assertThat(subject).startsWith("Re: invoice ab").doesNotContainPattern(NEVER_IN_NAMES);
		assertThat(body).contains("Here it is").doesNotContainPattern(NEVER_IN_TEXT);
		assertThat(fileNames).contains("invoicefdp.exe.txt")
			.allSatisfy(name -> assertThat(name).doesNotContainPattern(NEVER_IN_NAMES));
		var pages = SignedInPages.as(port, TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD);
		var casePage = pages.get("/cases/" + caseFile.id()).outerHtml();
		var messagePage = pages.get("/inbound/messages/" + message.get("id")).outerHtml();
		assertThat(casePage).contains("Here it is, all of it", "invoicefdp.exe.txt")
			.doesNotContain("\u0000")
			.doesNotContain("\u202E");
		assertThat(messagePage).contains("Re: invoice ab", "invoicefdp.exe.txt")
			.doesNotContain("\u0000")
			.doesNotContain("\u202E");
	}

	/**
	 * A reply whose subject carries a NUL and a right-to-left override (an encoded word
	 * of UTF-8) and a lone surrogate (one of UTF-16), whose text is UTF-16 with a NUL and
	 * a lone surrogate, and whose files are named with a NUL and a right-to-left override
	 * (RFC 2231) and with a lone surrogate.
	 */
	private static byte[] hostileReply(String from, EmailedReplies.UpdateEmail to) {
		var base64 = Base64.getEncoder();
		var subject = "Re: invoice =?UTF-8?B?"
				+ base64.encodeToString("a\u0000\u202Eb".getBytes(StandardCharsets.UTF_8)) + "?= =?UTF-16BE?B?"
				+ base64.encodeToString(new byte[] { 0, 'c', (byte) 0xD8, 0, 0, 'd' }) + "?=";
		var raw = """
				From: %s
				To: %s
				Subject: %s
				In-Reply-To: %s
				MIME-Version: 1.0
				Content-Type: multipart/mixed; boundary="hostile"

				--hostile
				Content-Type: text/plain; charset=UTF-16BE
				Content-Transfer-Encoding: base64

				%s
				--hostile
				Content-Type: text/plain
				Content-Disposition: attachment; filename*=UTF-8''invoice%%00%%E2%%80%%AEfdp.exe.txt

				The invoice
				--hostile
				Content-Type: text/plain
				Content-Disposition: attachment; filename="=?UTF-16BE?B?%s?="

				The receipt
				--hostile--
				""".formatted(from, to.replyTo(), subject, to.messageId(),
				base64.encodeToString(utf16bytes("Here it is\u0000, all of it ", (byte) 0xDC, (byte) 0x00)),
				base64.encodeToString(utf16bytes("receipt", (byte) 0xD8, (byte) 0x00, (byte) 0, (byte) '.', (byte) 0,
						(byte) 't', (byte) 0, (byte) 'x', (byte) 0, (byte) 't')));
		return raw.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] utf16bytes(String text, byte... more) {
		var bytes = text.getBytes(StandardCharsets.UTF_16BE);
		var all = java.util.Arrays.copyOf(bytes, bytes.length + more.length);
		System.arraycopy(more, 0, all, bytes.length, more.length);
		return all;
	}

	@SuppressWarnings("unchecked")
	private static List<String> fileNames(Map<String, Object> update) {
		return ((List<Map<String, Object>>) update.get("attachments")).stream()
			.map(file -> (String) file.get("filename"))
			.toList();
	}

}
