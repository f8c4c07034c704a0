package io.casepost;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * Replies to update emails as people's mail clients do: the update is posted through the
 * API, its email read from the recipient's mailbox over IMAP, the reply submitted over
 * SMTP to the embedded server, and the inbound batch run through the API.
 */
public class EmailedReplies {

	/**
	 * What a mail client writes above the quoted update: extraction trims it with the
	 * quote.
	 */
	public static final String QUOTE_HEADER = "On Mon, 3 Mar 2025 at 10:15, Casepost <casepost@casepost.local> wrote:";

	private final TestApi admin;

	private final Mailboxes mailboxes;

	private final int smtpPort;

	public EmailedReplies(TestApi admin, int smtpPort, int imapPort) {
		this.admin = admin;
		this.mailboxes = new Mailboxes(imapPort);
		this.smtpPort = smtpPort;
	}

	/** As the admin, against the product this test context started. */
	public static EmailedReplies of(org.springframework.core.env.Environment context) {
		return new EmailedReplies(TestApi.asAdmin(port(context, "local.server.port")),
				port(context, "casepost.embedded-mail.smtp-port"), port(context, "casepost.embedded-mail.imap-port"));
	}

	private static int port(org.springframework.core.env.Environment context, String property) {
		return context.getRequiredProperty(property, Integer.class);
	}

	public TestApi admin() {
		return admin;
	}

	public Mailboxes mailboxes() {
		return mailboxes;
	}

	/**
	 * The case manager emails an update to the client, with Email Update Replies on;
	 * answers the client's copy.
	 */
	public UpdateEmail updateToClient(TestApi.TestCase caseFile, String text) {
		admin
			.put("/api/settings/general-case",
					Map.of("emailUpdateRepliesEnabled", true, "inboundCatchAllAddress", "catch-all@agency.example"))
			.ok(200);
		var before = mailboxes.read(caseFile.clientEmail()).size();
		admin.as(caseFile.managerEmail(), "pw-" + caseFile.managerEmail())
			.post(caseFile.updatesPath(), Map.of("body", text, "recipientEmails", List.of(caseFile.clientEmail())))
			.ok(201);
		var email = mailboxes.await(caseFile.clientEmail(), before + 1).get(before);
		try {
			return new UpdateEmail(((InternetAddress) email.getReplyTo()[0]).getAddress(), email.getMessageID(),
					email.getSubject());
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * Sends a reply from {@code from} to the update email's reply address, with further
	 * {@code "Name: value"} header lines.
	 */
	public void reply(String from, UpdateEmail to, String text, List<String> headerLines, File... files) {
		reply(from, to, text, null, headerLines, files);
	}

	/**
	 * A reply with an HTML body too (which may show files with {@code cid:} links), as
	 * most mail clients send.
	 */
	public void reply(String from, UpdateEmail to, String text, String html, List<String> headerLines, File... files) {
		try {
			var message = new MimeMessage(Session.getInstance(new Properties()));
			message.setFrom(new InternetAddress(from));
			message.setRecipient(Message.RecipientType.TO, new InternetAddress(to.replyTo()));
			message.setSubject("Re: " + to.subject());
			var content = new MimeMultipart();
			content.addBodyPart(body(text, html));
			for (var file : files) {
				content.addBodyPart(file.part());
			}
			message.setContent(content);
			message.saveChanges();
			message.setHeader("In-Reply-To", to.messageId());
			for (var line : headerLines) {
				message.addHeaderLine(line);
			}
			send(message);
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	private static MimeBodyPart body(String text, String html) throws MessagingException {
		var plain = new MimeBodyPart();
		plain.setText(text + "\n\n" + QUOTE_HEADER + "\n> the update\n", "UTF-8");
		if (html == null) {
			return plain;
		}
		var rich = new MimeBodyPart();
		rich.setText(html + "<blockquote type=\"cite\">the update</blockquote>", "UTF-8", "html");
		var alternative = new MimeMultipart("alternative", plain, rich);
		var part = new MimeBodyPart();
		part.setContent(alternative);
		return part;
	}

	/**
	 * Other tests share the application and expect Email Update Replies as it starts:
	 * off.
	 */
	public void repliesOff() {
		admin.put("/api/settings/general-case", Map.of("emailUpdateRepliesEnabled", false)).ok(200);
	}

	/** A message exactly as these bytes have it, over SMTP, to its own recipients. */
	public void sendRaw(byte[] raw) {
		try {
			send(new MimeMessage(Session.getInstance(new Properties()), new java.io.ByteArrayInputStream(raw)));
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	public Map<String, Object> runBatch() {
		return admin.post("/api/inbound/batches", Map.of()).ok(200).json();
	}

	/** The inbound log's newest entry from this sender. */
	public Map<String, Object> lastFrom(String sender) {
		return admin.get("/api/inbound/messages")
			.ok(200)
			.jsonList()
			.stream()
			.filter(message -> sender.equalsIgnoreCase((String) message.get("from")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No inbound message from " + sender));
	}

	/** Sends a message as it is written to the recipients in its To header. */
	public void send(byte[] raw) {
		try {
			send(new MimeMessage(Session.getInstance(new Properties()), new java.io.ByteArrayInputStream(raw)));
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	private void send(MimeMessage message) throws MessagingException {
		var props = new Properties();
		props.put("mail.smtp.host", "127.0.0.1");
		props.put("mail.smtp.port", String.valueOf(smtpPort));
		var session = Session.getInstance(props);
		try (var transport = session.getTransport("smtp")) {
			transport.connect();
			transport.sendMessage(message, message.getAllRecipients());
		}
	}

	/** The update email as its recipient received it. */
	public record UpdateEmail(String replyTo, String messageId, String subject) {
	}

	/**
	 * A file in a reply.
	 *
	 * @param disposition {@code attachment} or {@code inline}
	 * @param contentId referenced from an HTML body as {@code cid:...}, or null
	 */
	public record File(String name, String contentType, byte[] bytes, String disposition, String contentId) {

		public static File attached(String name, String contentType, byte[] bytes) {
			return new File(name, contentType, bytes, "attachment", null);
		}

		/**
		 * Shown in the HTML body as {@code <img src="cid:...">}, though its
		 * Content-Disposition says attachment, as some clients write it.
		 */
		public static File shownInBody(String name, String contentType, byte[] bytes, String contentId) {
			return new File(name, contentType, bytes, "attachment", contentId);
		}

		MimeBodyPart part() throws MessagingException {
			var part = new MimeBodyPart();
			part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, contentType)));
			part.setFileName(name);
			part.setDisposition(disposition);
			if (contentId != null) {
				part.setContentID("<" + contentId + ">");
			}
			return part;
		}
	}

}
