package io.casepost.inbound.resilience;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.casepost.Mailboxes;
import io.casepost.TestApi;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Someone who was emailed an update, and what their mail client puts on a reply to it.
 */
record ReplyTarget(String sender, String replyTo, String inReplyTo, String subject) {

	/**
	 * Turns Email Update Replies on, opens a case and emails an update to its client and
	 * investigator: both may then post by replying.
	 */
	static List<ReplyTarget> openCaseAndEmailAnUpdate(TestApi api, Mailboxes mailboxes) {
		api.put("/api/settings/general-case", Map.of("emailUpdateRepliesEnabled", true, "inboundCatchAllAddress",
				"catch-all@agency.test", "notifyCaseManagerOnNewUpdate", false))
			.ok(200);
		var caseFile = api.openCase();
		api.as(caseFile.managerEmail(), "pw-" + caseFile.managerEmail())
			.post(caseFile.updatesPath(),
					Map.of("body", "Surveillance report attached; please confirm the dates.", "recipientEmails",
							List.of(caseFile.clientEmail(), caseFile.investigatorEmail())))
			.ok(201);
		return List.of(of(mailboxes.await(caseFile.clientEmail(), 1).get(0), caseFile.clientEmail()),
				of(mailboxes.await(caseFile.investigatorEmail(), 1).get(0), caseFile.investigatorEmail()));
	}

	static ReplyTarget of(MimeMessage updateEmail, String recipient) {
		try {
			return new ReplyTarget(recipient, ((InternetAddress) updateEmail.getReplyTo()[0]).getAddress(),
					updateEmail.getMessageID(), updateEmail.getSubject());
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * A plain reply as a mail client writes it: new text on top, the update quoted below.
	 */
	MimeMessage reply(String text, String messageId) {
		try {
			var message = new MimeMessage(Session.getInstance(new Properties())) {
				@Override
				protected void updateMessageID() throws MessagingException {
					setHeader("Message-ID", "<" + messageId + ">");
				}
			};
			message.setFrom(new InternetAddress(sender));
			message.setRecipient(Message.RecipientType.TO, new InternetAddress(replyTo));
			message.setSubject("Re: " + subject);
			message.setHeader("In-Reply-To", inReplyTo);
			message.setHeader("References", inReplyTo);
			message.setSentDate(new java.util.Date());
			message.setText(text + "\n\nOn Mon, 2 Mar 2026 at 09:12, Casepost <casepost@casepost.local> wrote:\n"
					+ "> Surveillance report attached; please confirm the dates.\n", "UTF-8");
			message.saveChanges();
			return message;
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}
}
