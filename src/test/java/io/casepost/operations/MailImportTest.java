package io.casepost.operations;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.casepost.CasepostTest;
import io.casepost.Mailboxes;
import io.casepost.SentUpdate;
import io.casepost.TestApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@CasepostTest
class MailImportTest {

	@LocalServerPort
	int port;

	@Value("${casepost.embedded-mail.imap-port}")
	int imapPort;

	@Autowired
	MailImport mailImport;

	@TempDir
	Path folder;

	@Test
	void emlAndMboxFilesGoThroughThePipelineWithAProgressBarAndASummary() throws Exception {
		var api = TestApi.asAdmin(port);
		var update = SentUpdate.toClient(api, new Mailboxes(imapPort));
		var eml = Files.write(folder.resolve("reply.eml"), update.reply("Imported from a file."));
		var mbox = Files.write(folder.resolve("archive.mbox"), mbox(update.reply("First in the archive."),
				update.replyFrom("stranger@elsewhere.example", "Not on the recipient list.")));
		var out = new ByteArrayOutputStream();
		var err = new ByteArrayOutputStream();

		var exit = mailImport.run(List.of(eml, mbox), new PrintStream(out, true), new PrintStream(err, true));

		assertThat(exit).isZero();
		// workers decide the stored messages at once, in no fixed order
		assertThat(update.emailedUpdates(api)).containsExactlyInAnyOrder("Imported from a file.",
				"First in the archive.");
		assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Stored 3 message(s) from 2 file(s); processed 3")
			.contains("2 posted, 1 forwarded to the catch-all");
		assertThat(err.toString(StandardCharsets.UTF_8).replace("\r", "|")).contains("storing    [#", "100%",
				"processing [#", "3/3");
	}

	@Test
	void aFileImportedAgainIsNotStoredTwiceAndAMissingFileIsNamed() throws Exception {
		var api = TestApi.asAdmin(port);
		var update = SentUpdate.toClient(api, new Mailboxes(imapPort));
		var eml = Files.write(folder.resolve("again.eml"), update.reply("Only once."));
		mailImport.run(List.of(eml), new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(new ByteArrayOutputStream()));
		var out = new ByteArrayOutputStream();
		var err = new ByteArrayOutputStream();

		var exit = mailImport.run(List.of(eml, folder.resolve("missing.eml")), new PrintStream(out, true),
				new PrintStream(err, true));

		assertThat(exit).isEqualTo(1);
		assertThat(out.toString(StandardCharsets.UTF_8))
			.startsWith("Stored 0 message(s) from 1 file(s) (1 already in the inbox)");
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.eml: no such file");
		assertThat(update.emailedUpdates(api)).containsExactly("Only once.");
	}

	/** An mbox file: a From_ line before each message, a blank line after it. */
	private static byte[] mbox(byte[]... messages) {
		var file = new StringBuilder();
		for (var message : messages) {
			var text = new String(message, StandardCharsets.UTF_8);
			file.append("From someone@example.com Fri Nov 27 10:00:00 2026\n").append(text).append("\n");
		}
		return file.toString().getBytes(StandardCharsets.UTF_8);
	}

}
