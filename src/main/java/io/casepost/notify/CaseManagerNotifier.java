package io.casepost.notify;

import io.casepost.cases.CaseUpdatePosted;
import io.casepost.cases.CaseUpdateService;
import io.casepost.cases.Cases;
import io.casepost.mail.EmailKey;
import io.casepost.mail.OutgoingMail;
import io.casepost.mail.SendOutcome;
import io.casepost.settings.GeneralCaseSettingsService;
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

	private final CaseUpdateService updates;

	private final Cases cases;

	private final GeneralCaseSettingsService settings;

	private final OutgoingMail mail;

	CaseManagerNotifier(CaseUpdateService updates, Cases cases, GeneralCaseSettingsService settings,
			OutgoingMail mail) {
		this.updates = updates;
		this.cases = cases;
		this.settings = settings;
		this.mail = mail;
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
		var outcome = mail.send(new EmailKey("notification", "update-" + update.id(), manager.email()), message -> {
			message.setSubject("[Case %s] New update from %s".formatted(caseFile.number(), update.author().name()));
			message.getMimeMessage().setHeader("Auto-Submitted", "auto-generated");
			message.setText(summary + "\n\n" + update.body() + "\n", "<p>" + HtmlUtils.htmlEscape(summary)
					+ "</p><div style=\"white-space:pre-wrap\">" + HtmlUtils.htmlEscape(update.body()) + "</div>");
		});
		if (outcome == SendOutcome.SENT) {
			log.info("Notified case manager {} of update {} on case {}", manager.email(), update.id(),
					caseFile.number());
		}
	}

}
