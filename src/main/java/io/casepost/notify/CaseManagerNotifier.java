package io.casepost.notify;

import io.casepost.cases.CaseUpdate;
import io.casepost.cases.CaseUpdatePosted;
import io.casepost.cases.CaseUpdateService;
import io.casepost.cases.Cases;
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

	private final Cases cases;

	private final GeneralCaseSettingsService settings;

	private final OutgoingMail mail;

	private final EmailLinks links;

	CaseManagerNotifier(CaseUpdateService updates, Cases cases, GeneralCaseSettingsService settings, OutgoingMail mail,
			EmailLinks links) {
		this.updates = updates;
		this.cases = cases;
		this.settings = settings;
		this.mail = mail;
		this.links = links;
	}

	/**
	 * Handled again after a crash: the notification of an update leaves at most once.
	 */
	@ApplicationModuleListener
	void on(CaseUpdatePosted posted) {
		var caseFile = cases.get(posted.caseId());
		var manager = caseFile.caseManager();
		if (!settings.current().notifyCaseManagerOnNewUpdate() || manager.id() == posted.authorId()) {
			return;
		}
		var update = updates.get(posted.updateId());
		var summary = "%s posted a new update (%s) on case %s (%s):".formatted(update.author().name(),
				update.source().name().toLowerCase(), caseFile.number(), caseFile.title());
		var caseLink = links.update(caseFile.id(), update.id());
		var outcome = mail.send(new EmailKey("notification", "update-" + update.id(), manager.email()), message -> {
			message.setSubject("[Case %s] New update from %s".formatted(caseFile.number(), update.author().name()));
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
			log.info("Notified case manager {} of update {} on case {}", manager.email(), update.id(),
					caseFile.number());
		}
	}

	private String filesText(CaseUpdate update) {
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

	private String filesHtml(CaseUpdate update) {
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
