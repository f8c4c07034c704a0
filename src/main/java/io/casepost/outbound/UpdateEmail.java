package io.casepost.outbound;

import io.casepost.cases.AttachmentInfo;
import io.casepost.cases.CaseFile;
import io.casepost.cases.CaseUpdate;
import io.casepost.cases.CaseUpdateService;
import io.casepost.mail.EmailLinks;
import io.casepost.shared.ByteSizes;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;

import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.web.util.HtmlUtils;

/**
 * The email a recipient gets for a case update: the text, and links back to the case and
 * to each file, with the files attached up to the total the settings allow.
 */
record UpdateEmail(RecipientEntry entry, CaseUpdate update, CaseFile caseFile, EmailedFiles files, EmailLinks links) {

	private static final String SIGN_IN = "The links ask you to sign in to Casepost.";

	private static final String REPLY = "Reply to this email to add an update to the case.";

	void write(MimeMessageHelper message, CaseUpdateService updates) throws MessagingException {
		var mime = message.getMimeMessage();
		mime.setHeader("Message-ID", entry.messageId());
		message.setReplyTo(entry.replyTo());
		try {
			var from = (InternetAddress) mime.getFrom()[0];
			message.setFrom(new InternetAddress(from.getAddress(), update.author().name() + " via Casepost", "UTF-8"));
		}
		catch (java.io.UnsupportedEncodingException e) {
			throw new IllegalStateException(e);
		}
		message.setSubject("[Case %s] %s: new update".formatted(caseFile.number(), caseFile.title()));
		message.setText(text(), html());
		for (var file : files.attached()) {
			message.getRootMimeMultipart().addBodyPart(attachment(file, updates));
		}
	}

	/**
	 * Base64 named up front: left to itself, JavaMail reads the whole file once more to
	 * choose an encoding.
	 */
	private static MimeBodyPart attachment(AttachmentInfo file, CaseUpdateService updates) throws MessagingException {
		var part = new MimeBodyPart();
		part.setDataHandler(new DataHandler(new StoredAttachmentSource(file, updates)));
		part.setDisposition(Part.ATTACHMENT);
		part.setFileName(file.filename());
		part.setHeader("Content-Transfer-Encoding", "base64");
		return part;
	}

	private String text() {
		var text = new StringBuilder().append(update.body())
			.append("\n\n-- \nPosted by ")
			.append(update.author().name())
			.append(" on case ")
			.append(caseFile.number())
			.append(" (")
			.append(caseFile.title())
			.append(")\nOn the case page: ")
			.append(caseLink())
			.append('\n');
		if (!files.all().isEmpty()) {
			text.append("Files:\n");
			files.all()
				.forEach(file -> text.append("- ")
					.append(file.filename())
					.append(" (")
					.append(describe(file))
					.append("): ")
					.append(links.file(file.id()))
					.append('\n'));
			if (files.someOnlyLinked()) {
				text.append(onlyLinked()).append('\n');
			}
		}
		return text.append(SIGN_IN).append('\n').append(REPLY).append('\n').toString();
	}

	private String html() {
		var html = new StringBuilder("<div style=\"white-space:pre-wrap\">").append(escape(update.body()))
			.append("</div><hr><p style=\"color:#666\">Posted by ")
			.append(escape(update.author().name()))
			.append(" on case ")
			.append(anchor(caseLink(), caseFile.number() + " (" + caseFile.title() + ")"))
			.append("</p>");
		if (!files.all().isEmpty()) {
			html.append("<ul style=\"color:#666\">");
			files.all()
				.forEach(file -> html.append("<li>")
					.append(anchor(links.file(file.id()), file.filename()))
					.append(" (")
					.append(escape(describe(file)))
					.append(")</li>"));
			html.append("</ul>");
			if (files.someOnlyLinked()) {
				html.append("<p style=\"color:#666\">").append(escape(onlyLinked())).append("</p>");
			}
		}
		return html.append("<p style=\"color:#666\">")
			.append(escape(SIGN_IN))
			.append("<br>")
			.append(escape(REPLY))
			.append("</p>")
			.toString();
	}

	private String caseLink() {
		return links.update(caseFile.id(), update.id());
	}

	private String describe(AttachmentInfo file) {
		return ByteSizes.describe(file.size()) + (files.isAttached(file) ? ", attached" : ", link only");
	}

	private String onlyLinked() {
		return files.totalBytes() == 0 ? "Files are not attached to these emails; open them by their links."
				: "Files beyond %s in total are not attached to this email; open them by their links."
					.formatted(ByteSizes.describe(files.totalBytes()));
	}

	private static String anchor(String href, String text) {
		return "<a href=\"" + escape(href) + "\">" + escape(text) + "</a>";
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text);
	}

}
