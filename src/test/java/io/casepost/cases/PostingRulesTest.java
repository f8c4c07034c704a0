package io.casepost.cases;

import java.util.List;
import java.util.Map;

import io.casepost.CasepostTest;
import io.casepost.TestApi;
import io.casepost.TestApi.TestCase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@CasepostTest
class PostingRulesTest {

	@LocalServerPort
	int port;

	@Autowired
	CaseUpdateService updates;

	@Autowired
	People people;

	TestApi admin;

	TestCase caseFile;

	TestApi manager;

	@BeforeEach
	void setUp() {
		admin = TestApi.asAdmin(port);
		caseFile = admin.openCase();
		manager = admin.as(caseFile.managerEmail(), "pw-" + caseFile.managerEmail());
	}

	@Test
	void anUpdateWithoutTextOrAttachmentIsRefused() {
		assertBroken(manager.post(caseFile.updatesPath(), Map.of("body", "   ")), 400, "TEXT_OR_ATTACHMENT");
	}

	@Test
	void anUpdateLongerThanAHundredThousandCharactersIsRefused() {
		assertBroken(manager.post(caseFile.updatesPath(), Map.of("body", "x".repeat(100_001))), 400, "BODY_LENGTH");
	}

	@Test
	void anUpdateToACaseThatDoesNotExistIsRefused() {
		assertBroken(manager.post("/api/cases/999999/updates", Map.of("body", "Hello")), 404, "CASE_EXISTS");
	}

	@Test
	void anUpdateToAClosedCaseIsRefused() {
		admin.put("/api/cases/" + caseFile.id() + "/status", Map.of("status", "CLOSED")).ok(200);

		assertBroken(manager.post(caseFile.updatesPath(), Map.of("body", "Too late")), 400, "CASE_OPEN");
	}

	@Test
	void someoneWhoIsNotOnTheCaseCannotPostToItAndAClientIsNotToldItExists() {
		var otherManager = admin.person("CASE_MANAGER");
		var outsider = admin.person("CLIENT");
		var asOtherManager = admin.as((String) otherManager.get("email"), "pw-" + otherManager.get("email"));
		var asOutsider = admin.as((String) outsider.get("email"), "pw-" + outsider.get("email"));

		assertBroken(asOtherManager.post(caseFile.updatesPath(), Map.of("body", "Let me in")), 400,
				"AUTHOR_PARTICIPANT");
		assertBroken(asOutsider.post(caseFile.updatesPath(), Map.of("body", "Let me in")), 404, "CASE_EXISTS");
	}

	@Test
	void anAdminMayPostToAnyCase() {
		admin.post(caseFile.updatesPath(), Map.of("body", "Admin note")).ok(201);
	}

	@Test
	void recipientsMustBeOnTheCaseAndAnUnknownAddressIsToldApartByNothing() {
		var outsider = (String) admin.person("CLIENT").get("email");
		var unknown = "nobody-" + outsider;

		var toOutsider = manager.post(caseFile.updatesPath(),
				Map.of("body", "Hi", "recipientEmails", List.of(outsider)));
		var toUnknown = manager.post(caseFile.updatesPath(), Map.of("body", "Hi", "recipientEmails", List.of(unknown)));

		assertBroken(toOutsider, 400, "RECIPIENTS_ON_CASE");
		assertBroken(toUnknown, 400, "RECIPIENTS_ON_CASE");
		assertThat(toOutsider.body().replace(outsider, "ADDRESS"))
			.isEqualTo(toUnknown.body().replace(unknown, "ADDRESS"));
		assertThat(toOutsider.body()).contains("Recipient " + outsider + " is not on case " + caseFile.number());
	}

	@Test
	void aDeactivatedPersonOnTheCaseIsNoRecipient() {
		var clientId = people.findByEmail(caseFile.clientEmail()).orElseThrow().id();
		people.setActive(clientId, false);
		try {
			assertBroken(
					manager.post(caseFile.updatesPath(),
							Map.of("body", "Hi", "recipientEmails", List.of(caseFile.clientEmail()))),
					400, "RECIPIENTS_ACTIVE");
		}
		finally {
			people.setActive(clientId, true);
		}
	}

	@Test
	void moreFilesThanTheSettingAllowsAreRefused() {
		var files = java.util.stream.IntStream.range(0, 6).mapToObj(i -> pdf("file" + i + ".pdf")).toList();

		assertRule(() -> updates
			.post(NewUpdate.of(caseFile.id(), caseFile.managerEmail(), "six files", null, files, UpdateSource.API)),
				"ATTACHMENT_COUNT");
	}

	@Test
	void aFileLargerThanTheSettingAllowsIsRefused() {
		admin.put("/api/settings/general-case", Map.of("maxAttachmentBytes", 2048)).ok(200);
		try {
			var big = new NewAttachment("big.txt", new ByteArrayResource("a".repeat(4096).getBytes()));

			assertRule(() -> updates.post(
					NewUpdate.of(caseFile.id(), caseFile.managerEmail(), "big", null, List.of(big), UpdateSource.API)),
					"ATTACHMENT_SIZE");
		}
		finally {
			admin.put("/api/settings/general-case", Map.of("maxAttachmentBytes", 26_214_400)).ok(200);
		}
	}

	@Test
	void anExecutableNamedLikeAPdfIsRefusedByItsContent() {
		var executable = new byte[512];
		executable[0] = 'M';
		executable[1] = 'Z';
		var disguised = new NewAttachment("report.pdf", new ByteArrayResource(executable));

		assertRule(() -> updates.post(NewUpdate.of(caseFile.id(), caseFile.managerEmail(), "see report", null,
				List.of(disguised), UpdateSource.API)), "ATTACHMENT_TYPE");
	}

	@Test
	void aRefusedUpdateCreatesNothing() {
		var before = updates.ofCase(caseFile.id()).size();

		manager.post(caseFile.updatesPath(),
				Map.of("body", "Hi", "recipientEmails", List.of("nobody@nowhere.example")));

		assertThat(updates.ofCase(caseFile.id())).hasSize(before);
	}

	@Test
	void aValidUpdateWithAFileIsPosted() {
		var posted = updates.post(NewUpdate.of(caseFile.id(), caseFile.managerEmail(), "with report", null,
				List.of(pdf("report.pdf")), UpdateSource.API));

		assertThat(posted.attachments()).singleElement().satisfies(file -> {
			assertThat(file.filename()).isEqualTo("report.pdf");
			assertThat(file.contentType()).isEqualTo("application/pdf");
			assertThat(file.sha256()).hasSize(64);
		});
	}

	private static NewAttachment pdf(String name) {
		return new NewAttachment(name,
				new ByteArrayResource("%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes()));
	}

	private static void assertBroken(TestApi.Response response, int status, String rule) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.body()).contains("\"rule\":\"" + rule + "\"");
	}

	private static void assertRule(org.assertj.core.api.ThrowableAssert.ThrowingCallable post, String rule) {
		assertThatThrownBy(post).isInstanceOfSatisfying(UpdateRejected.class,
				rejected -> assertThat(rejected.violations()).extracting(RuleViolation::rule).contains(rule));
	}

}
