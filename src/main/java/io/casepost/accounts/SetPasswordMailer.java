package io.casepost.accounts;

import io.casepost.cases.People;
import io.casepost.cases.Person;
import io.casepost.mail.EmailKey;
import io.casepost.mail.EmailLinks;
import io.casepost.mail.OutgoingMail;
import io.casepost.mail.SendOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Emails the set-password link once the person is committed, at most once per request.
 * Should sending fail, the event stays in the publication registry and is handled again
 * on restart, with a new link.
 */
@Component
class SetPasswordMailer {

	private static final Logger log = LoggerFactory.getLogger(SetPasswordMailer.class);

	private final People people;

	private final SetPasswordLinks links;

	private final OutgoingMail mail;

	private final EmailLinks emailLinks;

	SetPasswordMailer(People people, SetPasswordLinks links, OutgoingMail mail, EmailLinks emailLinks) {
		this.people = people;
		this.links = links;
		this.mail = mail;
		this.emailLinks = emailLinks;
	}

	@ApplicationModuleListener
	void on(SetPasswordLinkDue due) {
		var person = people.get(due.personId());
		if (!person.active()) {
			return;
		}
		links.issue(person.id(), token -> send(person, emailLinks.to("/set-password/" + token), due.requestId()));
	}

	private boolean send(Person person, String link, String requestId) {
		var text = """
				Hello %s,

				You have an account at Casepost (%s), where you sign in as %s.
				Set your password with this link, which works once and for %d hours:

				%s

				If you did not expect this email, you can ignore it.
				""".formatted(person.name(), emailLinks.to(""), person.email(), SetPasswordLinks.VALIDITY.toHours(),
				link);
		var outcome = mail.send(new EmailKey("set-password", "set-password-" + requestId, person.email()), message -> {
			message.setSubject("Set your Casepost password");
			message.getMimeMessage().setHeader("Auto-Submitted", "auto-generated");
			message.setText(text, "<p>Hello %s,</p><p>You have an account at Casepost, where you sign in as %s. "
				.formatted(HtmlUtils.htmlEscape(person.name()), HtmlUtils.htmlEscape(person.email()))
					+ "Set your password with this link, which works once and for %d hours:</p><p><a href=\"%s\">%s</a></p>"
						.formatted(SetPasswordLinks.VALIDITY.toHours(), HtmlUtils.htmlEscape(link),
								HtmlUtils.htmlEscape(link))
					+ "<p>If you did not expect this email, you can ignore it.</p>");
		});
		if (outcome != SendOutcome.SENT) {
			return false;
		}
		log.info("Emailed a set-password link to {}", person.email());
		return true;
	}

}
