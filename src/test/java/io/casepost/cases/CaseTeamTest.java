package io.casepost.cases;

import java.util.List;
import java.util.Map;

import io.casepost.CasepostTest;
import io.casepost.TestApi;
import io.casepost.TestApi.TestCase;
import io.casepost.TestEnvironment;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A case's team and status over the API: changed by its manager or an admin only, each
 * change a line of its history.
 */
@CasepostTest
class CaseTeamTest {

	@LocalServerPort
	int port;

	@Autowired
	People people;

	TestApi admin;

	TestCase caseFile;

	TestApi manager;

	/** Opening it wrote the history lines of its investigator and client. */
	@BeforeEach
	void openACase() {
		admin = TestApi.asAdmin(port);
		caseFile = admin.openCase();
		manager = as(caseFile.managerEmail());
		assertThat(admin.get(history()).ok(200).jsonList()).extracting(line -> line.get("personEmail"))
			.containsExactly(caseFile.investigatorEmail(), caseFile.clientEmail());
	}

	@Test
	void theCaseManagerPutsAClientOnTheCaseAndTakesThemOffEachChangeAHistoryLineWithWhoAndWhen() {
		var client = (String) admin.person("CLIENT").get("email");

		assertThat(manager.post(participants(), Map.of("email", client)).ok(200).json().get("clientEmails"))
			.asInstanceOf(InstanceOfAssertFactories.LIST)
			.contains(client);
		assertThat(manager.delete(participants() + "/" + client).ok(200).json().get("clientEmails"))
			.asInstanceOf(InstanceOfAssertFactories.LIST)
			.doesNotContain(client);
		admin.put(status(), Map.of("status", "CLOSED")).ok(200);
		manager.put(status(), Map.of("status", "OPEN")).ok(200);

		var all = manager.get(history()).ok(200).jsonList();
		// the first two: the investigator and client that opening the test case put on it
		var history = all.subList(2, all.size());
		assertThat(history).extracting(line -> line.get("change"))
			.containsExactly("ADDED", "REMOVED", "CLOSED", "REOPENED");
		assertThat(history).extracting(line -> line.get("byEmail"))
			.containsExactly(caseFile.managerEmail(), caseFile.managerEmail(), TestEnvironment.ADMIN_EMAIL,
					caseFile.managerEmail());
		assertThat(history.get(0)).containsEntry("personEmail", client).containsKey("at");
		assertThat(history.get(2).get("personEmail")).isNull();
	}

	@Test
	void aClientTakenOffTheCaseNoLongerSeesItNorIsSentItsUpdates() {
		manager.delete(participants() + "/" + caseFile.clientEmail()).ok(200);

		assertThat(as(caseFile.clientEmail()).get("/api/cases/" + caseFile.id()).status()).isEqualTo(404);
		var refused = manager.post(caseFile.updatesPath(),
				Map.of("body", "Hello", "recipientEmails", List.of(caseFile.clientEmail())));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("RECIPIENTS_ON_CASE");
	}

	@Test
	void anotherCasesManagerChangesNeitherTheTeamNorTheStatus() {
		var other = as(admin.openCase().managerEmail());
		var outsider = (String) admin.person("CLIENT").get("email");

		assertThat(other.post(participants(), Map.of("email", outsider)).status()).isEqualTo(403);
		assertThat(other.delete(participants() + "/" + caseFile.clientEmail()).status()).isEqualTo(403);
		assertThat(other.put(status(), Map.of("status", "CLOSED")).status()).isEqualTo(403);

		var unchanged = admin.get("/api/cases/" + caseFile.id()).ok(200).json();
		assertThat(unchanged).containsEntry("status", "OPEN")
			.containsEntry("clientEmails", List.of(caseFile.clientEmail()));
		assertThat(admin.get(history()).ok(200).jsonList()).hasSize(2);
	}

	@Test
	void peopleOnTheCaseWhoDoNotManageItChangeNothing() {
		for (var email : List.of(caseFile.clientEmail(), caseFile.investigatorEmail())) {
			assertThat(as(email).put(status(), Map.of("status", "CLOSED")).status()).as(email).isEqualTo(403);
			assertThat(as(email).delete(participants() + "/" + caseFile.clientEmail()).status()).as(email)
				.isEqualTo(403);
		}
	}

	@Test
	void onlyInvestigatorsAndClientsWhoAreActiveArePutOnACase() {
		var otherManager = (String) admin.person("CASE_MANAGER").get("email");
		var leaver = admin.person("INVESTIGATOR");
		people.setActive(((Number) leaver.get("id")).longValue(), false);

		assertThat(manager.post(participants(), Map.of("email", otherManager)).status()).isEqualTo(400);
		assertThat(manager.post(participants(), Map.of("email", leaver.get("email"))).body())
			.contains("is deactivated");
		assertThat(manager.post(participants(), Map.of("email", "nobody@nowhere.example")).status()).isEqualTo(400);
		assertThat(admin.get(history()).ok(200).jsonList()).hasSize(2);
	}

	@Test
	void aStatusChangeWithoutAStatusIsABadRequestNamingTheField() {
		var answer = manager.put(status(), Map.of());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("status");
	}

	@Test
	void aCaseTheCallerMayNotSeeAnswersAsOneThatDoesNotExist() {
		var outsider = admin.person("CLIENT");
		var asOutsider = as((String) outsider.get("email"));
		var hidden = "/api/cases/" + caseFile.id();
		var missing = "/api/cases/999999";

		for (var path : List.of("", "/updates", "/history", "/evidence.zip")) {
			var seen = asOutsider.get(hidden + path);
			assertThat(seen.status()).as(path).isEqualTo(404);
			assertThat(seen.body()).as(path)
				.isEqualTo(asOutsider.get(missing + path).body().replace("999999", String.valueOf(caseFile.id())));
		}
		var posted = asOutsider.post(hidden + "/updates", Map.of("body", "Hello"));
		assertThat(posted.status()).isEqualTo(404);
		assertThat(posted.body()).isEqualTo(asOutsider.post(missing + "/updates", Map.of("body", "Hello"))
			.body()
			.replace("999999", String.valueOf(caseFile.id())));
	}

	private TestApi as(String email) {
		return admin.as(email, "pw-" + email);
	}

	private String participants() {
		return "/api/cases/" + caseFile.id() + "/participants";
	}

	private String history() {
		return "/api/cases/" + caseFile.id() + "/history";
	}

	private String status() {
		return "/api/cases/" + caseFile.id() + "/status";
	}

}
