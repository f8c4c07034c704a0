package io.casepost.setup;

import java.util.List;

import io.casepost.accounts.Passwords;
import io.casepost.cases.Cases;
import io.casepost.cases.People;
import io.casepost.cases.Role;
import io.casepost.settings.GeneralCaseSettingsService;
import io.casepost.settings.SettingsChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An agency to try the product with: a case manager, an investigator, a client and one
 * open case. Each account gets a generated password, logged once as the administrator's
 * is: a demo never has a password that anyone could know beforehand.
 */
@Component
@Order(2)
@Conditional(EmbeddedDefaultOnly.class)
class DemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private static final List<DemoPerson> AGENCY = List.of(
			new DemoPerson("Dana Reyes", "dana.reyes@agency.example", Role.CASE_MANAGER),
			new DemoPerson("Ivan Petrov", "ivan.petrov@agency.example", Role.INVESTIGATOR),
			new DemoPerson("Chris Client", "chris@client.example", Role.CLIENT));

	private final People people;

	private final Passwords passwords;

	private final Cases cases;

	private final GeneralCaseSettingsService settings;

	DemoData(People people, Passwords passwords, Cases cases, GeneralCaseSettingsService settings) {
		this.people = people;
		this.passwords = passwords;
		this.cases = cases;
		this.settings = settings;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (people.findByEmail(AGENCY.get(0).email()).isPresent()) {
			return;
		}
		var logins = new StringBuilder();
		for (var demo : AGENCY) {
			var password = GeneratedPasswords.next();
			passwords.set(people.add(demo.name(), demo.email(), demo.role()), password);
			logins.append("%n  %s (%s) password: %s".formatted(demo.email(), demo.role(), password));
		}
		var caseFile = cases.open("Warehouse stock loss claim", AGENCY.get(0).email());
		cases.addParticipant(caseFile.id(), AGENCY.get(1).email());
		cases.addParticipant(caseFile.id(), AGENCY.get(2).email());
		settings.change(new SettingsChange(true, "catch-all@agency.example", null, null, null, null, null, null));
		log.warn("Demo data: case {} and Email Update Replies enabled; demo accounts with generated passwords "
				+ "(shown once; casepost.demo-data=false leaves the demo out):{}", caseFile.number(), logins);
	}

	private record DemoPerson(String name, String email, Role role) {
	}

}
