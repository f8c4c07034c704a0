package io.casepost.inbound.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.casepost.TestApi;
import io.casepost.web.Browser;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Trying it as a new user", step by step: the case manager posts an update
 * to the client on the case page, the client reads it with an IMAP client and replies
 * with a file through SMTP, the batch runs through the API, and the reply is on the case
 * page with its file while the case manager's mailbox has the notification.
 */
class NewUserPathTest extends EndToEndTest {

	private static final byte[] SIGNED_STATEMENT = """
			%PDF-1.4
			1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
			2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
			trailer << /Root 1 0 R >>
			%% signed statement of the warehouse manager
			%%EOF
			""".getBytes(StandardCharsets.US_ASCII);

	@Test
	void aReplyFromTheClientsMailClientBecomesAnUpdateOnTheCasePage(@TempDir Path files) throws Exception {
		var admin = TestApi.asAdmin(port);
		var suffix = UUID.randomUUID().toString().substring(0, 8);
		var dana = UpdateThread.person(admin, "Dana Reyes", "dana.reyes-" + suffix + "@agency.example", "CASE_MANAGER");
		var chris = UpdateThread.person(admin, "Chris Client", "chris-" + suffix + "@client.example", "CLIENT");
		var caseFile = admin.post("/api/cases", Map.of("title", "Warehouse stock loss claim", "caseManagerEmail", dana))
			.ok(201)
			.json();
		admin.post("/api/cases/" + caseFile.get("id") + "/participants", Map.of("email", chris)).ok(200);
		inbound().repliesEnabled(true);

		try (var browser = Browser.open(port).signIn(dana, "pw-" + dana)) {
			// 2. Dana posts an update with a file to Chris from the case page
			var request = Files.writeString(files.resolve("statement-request.txt"), "Statement wanted by Friday.\n");
			browser.clickAndLoad(By.linkText((String) caseFile.get("number")));
			browser.type(By.id("body"), "Could you send the warehouse manager's signed statement?")
				.click(By.xpath("//label[contains(., '" + chris + "')]/input"));
			browser.find(By.id("files")).sendKeys(request.toString());
			browser.clickAndLoad(By.id("postUpdateButton"));

			// 3. Chris reads it over IMAP, login and password his address
			var received = mailboxes().await(chris, 1).get(0);
			var replyTo = ((InternetAddress) received.getReplyTo()[0]).getAddress();
			assertThat(replyTo).matches("updates\\+[a-z2-7]+@inbound\\.casepost\\.local");

			// 4. and replies from his address through SMTP, with the statement attached
			var statement = Files.write(files.resolve("signed-statement.pdf"), SIGNED_STATEMENT);
			new SmtpSubmission(smtpPort).send(chris, replyTo, reply(received, chris, replyTo, statement));

			// 5. the batch runs now, as `curl -u admin -X POST /api/inbound/batches` runs
			// it
			assertThat(admin.post("/api/inbound/batches", Map.of()).ok(200).json()).containsEntry("posted", 1);

			// 6. the reply is on the case page, received by email, with its file
			browser.refresh();
			var update = By.xpath("//li[contains(@class,'update')][.//div[@class='body'][normalize-space()="
					+ "'Attached. He signed it this morning.']]");
			assertThat(browser.find(update).findElement(By.cssSelector(".badge")).getText())
				.isEqualTo("received by email");
			var link = browser.find(update).findElement(By.linkText("signed-statement.pdf"));
			assertThat(browser.fetch(link.getAttribute("href")).body()).isEqualTo(SIGNED_STATEMENT);
		}
		var notifications = mailboxes().await(dana, 1);
		assertThat(notifications)
			.anySatisfy(mail -> assertThat(mail.getSubject()).contains((String) caseFile.get("number")));
	}

	/**
	 * What a mail client sends when Chris presses Reply, types a line and attaches a
	 * file.
	 */
	private static byte[] reply(MimeMessage received, String from, String replyTo, Path file)
			throws MessagingException, IOException {
		var reply = new MimeMessage(Session.getInstance(new Properties()));
		reply.setFrom(new InternetAddress(from, "Chris Client"));
		reply.setRecipient(Message.RecipientType.TO, new InternetAddress(replyTo));
		reply.setSubject("Re: " + received.getSubject(), "UTF-8");
		reply.setHeader("In-Reply-To", received.getMessageID());
		reply.setHeader("References", received.getMessageID());
		var text = new MimeBodyPart();
		text.setText(
				"Attached. He signed it this morning.\n\nOn 12 Mar 2026, at 10:15, Dana Reyes via Casepost wrote:\n\n> "
						+ "Could you send the warehouse manager's signed statement?\n",
				"UTF-8");
		var attachment = new MimeBodyPart();
		attachment.attachFile(file.toFile(), "application/pdf", "base64");
		reply.setContent(new MimeMultipart(text, attachment));
		reply.saveChanges();
		var bytes = new java.io.ByteArrayOutputStream();
		reply.writeTo(bytes);
		return bytes.toByteArray();
	}

}
