package io.casepost.setup;

import java.security.SecureRandom;
import java.util.Base64;

import io.casepost.cases.People;
import io.casepost.cases.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Makes sure there is an administrator to sign in with on a new installation. */
@Component
@Order(1)
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final People people;

	private final String email;

	private final String password;

	AdminBootstrap(People people, @Value("${casepost.admin.email}") String email,
			@Value("${casepost.admin.password:}") String password) {
		this.people = people;
		this.email = email;
		this.password = password;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (people.findByEmail(email).isPresent()) {
			return;
		}
		var initial = password.isBlank() ? generated() : password;
		people.add("Administrator", email, Role.ADMIN, initial);
		if (password.isBlank()) {
			log.warn(
					"Created administrator {} with generated password: {} (shown once; set casepost.admin.password to choose one)",
					email, initial);
		}
		else {
			log.info("Created administrator {}", email);
		}
	}

	private static String generated() {
		var bytes = new byte[15];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
