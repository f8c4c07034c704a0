package io.casepost.notify;

import io.casepost.cases.CaseUpdatePosted;
import io.casepost.cases.CaseUpdateService;
import io.casepost.cases.UpdateNotice;
import io.casepost.mail.EmailKey;
import io.casepost.mail.EmailLinks;
import io.casepost.mail.OutgoingMail;
import io.casepost.mail.SendOutcome;
import io.casepost.settings.GeneralCaseSettingsService;
import io.casepost.shared.ByteSizes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.web.util.HtmlUtils;

/**
 * Tells a case manager of each new update on their case that someone else posted, when
 * the setting asks for it.
 */
@Component
class CaseManagerNotifier {

	private static final Logger log = LoggerFactory.getLogger(CaseManagerNotifier.class);

	private static final String SIGN_IN = "The links ask you to sign in to Casepost.";

	private final CaseUpdateService updates;

	private final GeneralCaseSettingsService settings;

	private final OutgoingMail mail;

	private final EmailLinks links;

	CaseManagerNotifier(CaseUpdateService updates, GeneralCaseSettingsService settings, OutgoingMail mail,
			EmailLinks links) {
		this.updates = updates;
		this.settings = settings;
		this.mail = mail;
		this.links = links;
	}

	/**
	 * Handled again after a crash: the notification of an update leaves at most once.
	 */
	@ApplicationModuleListener
	void on(CaseUpdatePosted posted) {
		if (!settings.current().notifyCaseManagerOnNewUpdate()) {
			return;
		}
		var update = updates.notice(posted.updateId());
		if (update.caseManagerId() == posted.authorId()) {
			return;
		}
		var summary = "%s posted a new update (%s) on case %s (%s):".formatted(update.authorName(),
				update.source().name().toLowerCase(), update.caseNumber(), update.caseTitle());
		var caseLink = links.update(update.caseId(), update.updateId());
		var outcome = mail.send(new EmailKey("notification", "update-" + update.updateId(), update.caseManagerEmail()),
				message -> {
					message
						.setSubject("[Case %s] New update from %s".formatted(update.caseNumber(), update.authorName()));
					message.getMimeMessage().setHeader("Auto-Submitted", "auto-generated");
					message.setText(
							summary + "\n\n" + update.body() + "\n\n-- \nOn the case page: " + caseLink + "\n"
									+ filesText(update) + SIGN_IN + "\n",
							"<p>" + escape(summary) + "</p><div style=\"white-space:pre-wrap\">" + escape(update.body())
									+ "</div><hr><p style=\"color:#666\"><a href=\"" + escape(caseLink)
									+ "\">On the case page</a></p>" + filesHtml(update) + "<p style=\"color:#666\">"
									+ escape(SIGN_IN) + "</p>");
				});
		if (outcome == SendOutcome.SENT) {
			log.info("Notified case manager {} of update {} on case {}", update.caseManagerEmail(), update.updateId(),
					update.caseNumber());
		}
	}

	private String filesText(UpdateNotice update) {
		if (update.attachments().isEmpty()) {
			return "";
		}
		var text = new StringBuilder("Files:\n");
		for (var file : update.attachments()) {
			text.append("- %s (%s): %s%n".formatted(file.filename(), ByteSizes.describe(file.size()),
					links.file(file.id())));
		}
		return text.toString();
	}

	private String filesHtml(UpdateNotice update) {
		if (update.attachments().isEmpty()) {
			return "";
		}
		var html = new StringBuilder("<ul style=\"color:#666\">");
		for (var file : update.attachments()) {
			html.append("<li><a href=\"%s\">%s</a> (%s)</li>".formatted(escape(links.file(file.id())),
					escape(file.filename()), ByteSizes.describe(file.size())));
		}
		return html.append("</ul>").toString();
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text);
	}

}
