package io.casepost.setup;

import io.casepost.cases.Cases;
import io.casepost.cases.People;
import io.casepost.cases.Role;
import io.casepost.settings.GeneralCaseSettingsService;
import io.casepost.settings.SettingsChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An agency to try the product with: a case manager, an investigator, a client and one
 * open case.
 */
@Component
@Order(2)
@ConditionalOnProperty(name = "casepost.demo-data", havingValue = "true")
class DemoData implements ApplicationRunner {

	static final String PASSWORD = "demo";

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private final People people;

	private final Cases cases;

	private final GeneralCaseSettingsService settings;

	DemoData(People people, Cases cases, GeneralCaseSettingsService settings) {
		this.people = people;
		this.cases = cases;
		this.settings = settings;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (people.findByEmail("dana.reyes@agency.example").isPresent()) {
			return;
		}
		people.add("Dana Reyes", "dana.reyes@agency.example", Role.CASE_MANAGER, PASSWORD);
		people.add("Ivan Petrov", "ivan.petrov@agency.example", Role.INVESTIGATOR, PASSWORD);
		people.add("Chris Client", "chris@client.example", Role.CLIENT, PASSWORD);
		var caseFile = cases.open("Warehouse stock loss claim", "dana.reyes@agency.example");
		cases.addParticipant(caseFile.id(), "ivan.petrov@agency.example");
		cases.addParticipant(caseFile.id(), "chris@client.example");
		settings.change(new SettingsChange(true, "catch-all@agency.example", null, null, null, null, null));
		log.info(
				"Demo data: case {} with case manager dana.reyes@agency.example, investigator ivan.petrov@agency.example "
						+ "and client chris@client.example (password '{}' for each); Email Update Replies enabled",
				caseFile.number(), PASSWORD);
	}

}
