package io.casepost.mail;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Links in emails to the web UI, under {@code casepost.base-url}. Each page asks for
 * sign-in and then leads on to the page linked. The address is read when a link is made:
 * its default names the port the server took, known only once it listens.
 */
@Component
public class EmailLinks {

	private static final Logger log = LoggerFactory.getLogger(EmailLinks.class);

	private final Environment environment;

	private final boolean embeddedMail;

	EmailLinks(Environment environment, @Value("${casepost.embedded-mail.enabled}") boolean embeddedMail) {
		this.environment = environment;
		this.embeddedMail = embeddedMail;
	}

	/** The case page, scrolled to the update. */
	public String update(long caseId, long updateId) {
		return to("/cases/" + caseId + "#update-" + updateId);
	}

	/** A file of an update, as a download. */
	public String file(long attachmentId) {
		return to("/attachments/" + attachmentId);
	}

	/**
	 * @param path from the root of the web UI, starting with a slash
	 */
	public String to(String path) {
		return baseUrl() + path;
	}

	/**
	 * On the embedded default mail stays on this machine, and so may its links; real mail
	 * goes to people who cannot open this machine's localhost.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void warnOfLinksNoRecipientOpens() {
		if (!embeddedMail && pointsAtThisMachine()) {
			log.warn("casepost.base-url is {}: the links in update and notification emails lead to this machine, "
					+ "which their recipients cannot open. Set it to the address people open Casepost at, "
					+ "such as https://casepost.agency.example", baseUrl());
		}
	}

	/** By its name alone: a lookup of any other name at start could hang on DNS. */
	private boolean pointsAtThisMachine() {
		var host = URI.create(baseUrl()).getHost();
		return host == null || host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("[::1]");
	}

	private String baseUrl() {
		return environment.getRequiredProperty("casepost.base-url").replaceAll("/+$", "");
	}

}
