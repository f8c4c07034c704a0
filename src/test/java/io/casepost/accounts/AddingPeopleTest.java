package io.casepost.accounts;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.casepost.CasepostTest;
import io.casepost.Mailboxes;
import io.casepost.SetPasswordEmail;
import io.casepost.TestApi;
import io.casepost.TestEnvironment;
import io.casepost.cases.People;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/people by admins and case managers: who may add whom, the password policy on
 * a typed password, and the emailed one-time link for everyone else.
 */
@CasepostTest
class AddingPeopleTest {

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Accounts accounts;

	@Autowired
	People people;

	TestApi admin;

	TestApi manager;

	Mailboxes mailboxes;

	@BeforeEach
	void signIn() {
		admin = TestApi.asAdmin(port);
		var managerEmail = (String) admin.person("CASE_MANAGER").get("email");
		manager = admin.as(managerEmail, "pw-" + managerEmail);
		mailboxes = new Mailboxes(environment.getRequiredProperty("casepost.embedded-mail.imap-port", Integer.class));
	}

	@Test
	void aCaseManagerCannotAddAnAdministratorOrACaseManager() {
		for (var role : List.of("ADMIN", "CASE_MANAGER")) {
			var email = unique(role);
			var answer = manager.post("/api/people", Map.of("name", "Mallory", "email", email, "role", role));

			assertThat(answer.status()).as(role).isEqualTo(403);
			assertThat(answer.json().get("error")).as(role)
				.isEqualTo("Only an admin adds administrators and case managers");
			assertThat(admin.get("/api/people?email=" + email).ok(200).jsonList()).as(role).isEmpty();
		}
	}

	@Test
	void aCaseManagerAddsAClientWhoIsEmailedALinkButTypesNoPasswordForThem() {
		var email = unique("client");

		manager.post("/api/people", Map.of("name", "Carla Client", "email", email, "role", "CLIENT")).ok(201);

		var sent = SetPasswordEmail.await(mailboxes, email, 1);
		assertThat(sent.subject()).isEqualTo("Set your Casepost password");
		assertThat(sent.text()).contains("Hello Carla Client", "sign in as " + email, "works once and for 24 hours");
		var typed = manager.post("/api/people",
				Map.of("name", "Cid", "email", unique("client"), "role", "CLIENT", "password", "a-fine-long-password"));
		assertThat(typed.status()).isEqualTo(403);
		assertThat(typed.json().get("error").toString()).startsWith("Only an admin sets a password for someone else");
	}

	@Test
	void aPersonWithoutAPasswordCannotSignInUntilTheySetOneThroughTheLink() {
		var email = unique("investigator");
		admin.post("/api/people", Map.of("name", "Ines", "email", email, "role", "INVESTIGATOR")).ok(201);
		var link = SetPasswordEmail.await(mailboxes, email, 1);
		assertThat(admin.as(email, "").get("/api/cases").status()).isEqualTo(401);

		var page = TestApi.anonymous(port).get(link.path());
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains(email);
	}

	@Test
	void anAdminsTypedPasswordMustMeetThePolicyAndTheAnswerNamesTheField() {
		var email = unique("client");

		var weak = admin.post("/api/people",
				Map.of("name", "Weak", "email", email, "role", "CLIENT", "password", "password1234"));

		assertThat(weak.status()).isEqualTo(400);
		assertThat(weak.json().get("error"))
			.isEqualTo("Invalid input: password must not be one of the most common passwords");
		assertThat(weak.json().get("details"))
			.isEqualTo(List.of(Map.of("field", "password", "message", "must not be one of the most common passwords")));
		assertThat(admin.get("/api/people?email=" + email).ok(200).jsonList()).isEmpty();
		var tooShort = admin.post("/api/people",
				Map.of("name", "Short", "email", email, "role", "CLIENT", "password", "x"));
		assertThat(tooShort.status()).isEqualTo(400);
		assertThat(tooShort.json().get("error").toString()).contains("password must be at least 12 characters");
		admin.post("/api/people", Map.of("name", "Strong", "email", email, "role", "CLIENT", "password", "pw-" + email))
			.ok(201);
		assertThat(admin.as(email, "pw-" + email).get("/api/cases").status()).isEqualTo(200);
	}

	@Test
	void aLinkWorksOnceAndNotAfterTwentyFourHours() {
		var email = unique("client");
		admin.post("/api/people", Map.of("name", "Once", "email", email, "role", "CLIENT")).ok(201);
		var link = SetPasswordEmail.await(mailboxes, email, 1);
		var anonymous = TestApi.anonymous(port);

		assertThat(anonymous.get(link.path()).status()).isEqualTo(200);
		jdbc.sql("update password_link set expires_at = ? where person_id = (select id from person where email = ?)")
			.params(OffsetDateTime.now().minusSeconds(1), email)
			.update();
		var expired = anonymous.get(link.path());
		assertThat(expired.status()).isEqualTo(410);
		assertThat(expired.body()).contains("has expired or was used already");
	}

	@Test
	void aNewLinkVoidsTheOlderOne() {
		var email = unique("client");
		admin.post("/api/people", Map.of("name", "Twice", "email", email, "role", "CLIENT")).ok(201);
		var first = SetPasswordEmail.await(mailboxes, email, 1);
		var id = admin.get("/api/people?email=" + email).ok(200).jsonList().get(0).get("id");

		sendNewLink(((Number) id).longValue());
		var second = SetPasswordEmail.await(mailboxes, email, 2);

		assertThat(second.link()).isNotEqualTo(first.link());
		assertThat(TestApi.anonymous(port).get(first.path()).status()).isEqualTo(410);
		assertThat(TestApi.anonymous(port).get(second.path()).status()).isEqualTo(200);
	}

	@Test
	void aNameOrAddressWithControlCharactersIsStoredCleanedNeverAnError() {
		var email = unique("client");

		var added = admin.post("/api/people",
				Map.of("name", "Nul\u0000 Name", "email", "\u0000" + email + "\uD800", "role", "CLIENT"));

		assertThat(added.ok(201).json()).containsEntry("name", "Nul Name").containsEntry("email", email);
	}

	private void sendNewLink(long personId) {
		accounts.sendSetPasswordLink(people.findByEmail(TestEnvironment.ADMIN_EMAIL).orElseThrow(), personId);
	}

	private static String unique(String role) {
		return role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

}
