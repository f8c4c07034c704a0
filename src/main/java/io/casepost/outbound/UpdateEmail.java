package io.casepost.outbound;

import java.util.stream.Collectors;

import io.casepost.cases.AttachmentInfo;
import io.casepost.cases.CaseFile;
import io.casepost.cases.CaseUpdate;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.web.util.HtmlUtils;

/**
 * The email a recipient gets for a case update: the text, the case, and the names of its
 * files.
 */
final class UpdateEmail {

	private UpdateEmail() {
	}

	static void write(MimeMessageHelper message, RecipientEntry entry, CaseUpdate update, CaseFile caseFile)
			throws MessagingException {
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
		message.setText(text(update, caseFile), html(update, caseFile));
	}

	private static String text(CaseUpdate update, CaseFile caseFile) {
		var text = new StringBuilder().append(update.body())
			.append("\n\n")
			.append("-- \n")
			.append("Posted by ")
			.append(update.author().name())
			.append(" on case ")
			.append(caseFile.number())
			.append(" (")
			.append(caseFile.title())
			.append(")\n");
		if (!update.attachments().isEmpty()) {
			text.append("Attachments: ").append(fileNames(update)).append('\n');
		}
		return text.append("Reply to this email to add an update to the case.\n").toString();
	}

	private static String html(CaseUpdate update, CaseFile caseFile) {
		var html = new StringBuilder("<div style=\"white-space:pre-wrap\">").append(HtmlUtils.htmlEscape(update.body()))
			.append("</div><hr><p style=\"color:#666\">Posted by ")
			.append(HtmlUtils.htmlEscape(update.author().name()))
			.append(" on case ")
			.append(HtmlUtils.htmlEscape(caseFile.number()))
			.append(" (")
			.append(HtmlUtils.htmlEscape(caseFile.title()))
			.append(")");
		if (!update.attachments().isEmpty()) {
			html.append("<br>Attachments: ").append(HtmlUtils.htmlEscape(fileNames(update)));
		}
		return html.append("<br>Reply to this email to add an update to the case.</p>").toString();
	}

	private static String fileNames(CaseUpdate update) {
		return update.attachments().stream().map(AttachmentInfo::filename).collect(Collectors.joining(", "));
	}

}
