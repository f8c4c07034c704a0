package io.casepost.setup;

import io.casepost.accounts.Passwords;
import io.casepost.cases.People;
import io.casepost.cases.PersonAlreadyExists;
import io.casepost.cases.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Makes sure there is an administrator to sign in with on a new installation. */
@Component
@Order(1)
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final People people;

	private final Passwords passwords;

	private final TransactionTemplate transactions;

	private final String email;

	private final String password;

	AdminBootstrap(People people, Passwords passwords, TransactionTemplate transactions,
			@Value("${casepost.admin.email}") String email, @Value("${casepost.admin.password:}") String password) {
		this.people = people;
		this.passwords = passwords;
		this.transactions = transactions;
		this.email = email;
		this.password = password;
	}

	/**
	 * Instances started at once on a new database race to create the administrator: the
	 * one that loses finds it created, by the address check or by the unique key, and
	 * starts all the same.
	 */
	@Override
	public void run(ApplicationArguments args) {
		try {
			transactions.executeWithoutResult(status -> createUnlessPresent());
		}
		catch (PersonAlreadyExists | DuplicateKeyException createdByAnotherInstance) {
			log.info("Administrator {} was created by another instance", email);
		}
	}

	private void createUnlessPresent() {
		if (people.findByEmail(email).isPresent()) {
			return;
		}
		var admin = people.add("Administrator", email, Role.ADMIN);
		if (password.isBlank()) {
			var generated = GeneratedPasswords.next();
			passwords.set(admin, generated);
			log.warn(
					"Created administrator {} with generated password: {} (shown once; set casepost.admin.password to choose one)",
					email, generated);
		}
		else {
			passwords.setGivenByOperator(admin, password);
			log.info("Created administrator {}", email);
		}
	}

}
