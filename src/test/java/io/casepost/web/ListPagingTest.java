package io.casepost.web;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.casepost.CasepostTest;
import io.casepost.TestApi;
import io.casepost.TestApi.TestCase;
import io.casepost.TestEnvironment;
import io.casepost.cases.CaseUpdateService;
import io.casepost.cases.Cases;
import io.casepost.cases.NewUpdate;
import io.casepost.cases.UpdateSource;
import io.casepost.inbound.InboundReception;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lists page through their items by links, and the case list filters by status, case
 * manager and text, for each kind of viewer.
 */
@CasepostTest
class ListPagingTest {

	@LocalServerPort
	int port;

	@Autowired
	Cases cases;

	@Autowired
	CaseUpdateService updates;

	@Autowired
	InboundReception reception;

	TestApi admin;

	/** A word in the titles of this test's cases only, to find them among the others. */
	String tag;

	@BeforeEach
	void signIn() {
		admin = TestApi.asAdmin(port);
		tag = "tag" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void theCaseListComesNewestFirstAPageAtATimeThroughItsLinkHeader() {
		var opened = new ArrayList<Long>();
		var manager = admin.person("CASE_MANAGER");
		for (var i = 0; i < 5; i++) {
			opened.add(cases.open("Claim " + tag + " " + i, (String) manager.get("email")).id());
		}

		var listed = walk(admin, "/api/cases?q=" + tag + "&limit=2", 3);

		assertThat(listed).containsExactlyElementsOf(newestFirst(opened));
	}

	@Test
	void withoutALimitTheWholeListComesInOneAnswer() {
		var manager = (String) admin.person("CASE_MANAGER").get("email");
		for (var i = 0; i < 3; i++) {
			cases.open("Claim " + tag, manager);
		}

		var answer = admin.get("/api/cases?q=" + tag).ok(200);

		assertThat(answer.jsonList()).hasSize(3);
		assertThat(answer.nextPage()).isNull();
	}

	@Test
	void theCaseListFiltersByStatusCaseManagerAndTextIgnoringCase() {
		var dana = (String) admin.person("CASE_MANAGER").get("email");
		var ivan = (String) admin.person("CASE_MANAGER").get("email");
		var flood = cases.open("Flood at Pier 7 " + tag, dana);
		var fire = cases.open("Fire in the warehouse " + tag, dana);
		var theft = cases.open("Theft of cargo " + tag, ivan);
		admin.put("/api/cases/" + fire.id() + "/status", Map.of("status", "CLOSED")).ok(200);

		assertThat(ids("/api/cases?q=" + tag + "&status=CLOSED")).containsExactly(fire.id());
		assertThat(ids("/api/cases?q=" + tag + "&status=OPEN")).containsExactly(theft.id(), flood.id());
		assertThat(ids("/api/cases?q=" + tag + "&caseManager=" + ivan.toUpperCase())).containsExactly(theft.id());
		assertThat(ids("/api/cases?q=PIER 7 " + tag.toUpperCase())).containsExactly(flood.id());
		assertThat(ids("/api/cases?q=" + flood.number())).containsExactly(flood.id());
		assertThat(ids("/api/cases?q=" + tag + "&status=OPEN&caseManager=" + dana)).containsExactly(flood.id());
	}

	@Test
	void wildcardsInTheTextAreMatchedAsThemselves() {
		var manager = (String) admin.person("CASE_MANAGER").get("email");
		var percent = cases.open(tag + " 100% loss", manager);
		cases.open(tag + " 100 boxes loss", manager);
		var underscore = cases.open(tag + " A_B", manager);
		cases.open(tag + " AxB", manager);

		assertThat(ids("/api/cases?q=" + tag + " 100% loss")).containsExactly(percent.id());
		assertThat(ids("/api/cases?q=" + tag + " A_B")).containsExactly(underscore.id());
	}

	@Test
	void aClientPagesThroughOnlyTheCasesTheyAreOnAndACaseManagerThroughEveryCase() {
		var theirs = new ArrayList<TestCase>();
		for (var i = 0; i < 3; i++) {
			theirs.add(admin.openCase());
		}
		var client = theirs.get(0).clientEmail();
		for (var other : theirs.subList(1, 3)) {
			admin.post("/api/cases/" + other.id() + "/participants", Map.of("email", client)).ok(200);
		}
		var notTheirs = admin.openCase();
		var asClient = admin.as(client, "pw-" + client);
		var asInvestigator = admin.as(notTheirs.investigatorEmail(), "pw-" + notTheirs.investigatorEmail());
		var asManager = admin.as(theirs.get(0).managerEmail(), "pw-" + theirs.get(0).managerEmail());

		assertThat(walk(asClient, "/api/cases?limit=1", 3)).containsExactly(theirs.get(2).id(), theirs.get(1).id(),
				theirs.get(0).id());
		assertThat(walk(asInvestigator, "/api/cases?limit=1", 1)).containsExactly(notTheirs.id());
		assertThat(ids(asManager, "/api/cases")).contains(notTheirs.id(), theirs.get(1).id());
	}

	@Test
	void aCasesUpdatesComeOldestFirstAPageAtATime() {
		var caseFile = admin.openCase();
		var posted = new ArrayList<Long>();
		for (var i = 0; i < 5; i++) {
			posted.add(updates.post(NewUpdate.of(caseFile.id(), caseFile.managerEmail(), "Update " + i, Set.of(),
					List.of(), UpdateSource.API))
				.id());
		}

		assertThat(walk(admin, caseFile.updatesPath() + "?limit=2", 3)).containsExactlyElementsOf(posted);
		assertThat(ids(caseFile.updatesPath())).containsExactlyElementsOf(posted);
	}

	@Test
	void theInboundLogComesNewestFirstAPageAtATime() throws Exception {
		var received = new ArrayList<Long>();
		for (var i = 0; i < 5; i++) {
			received.add(reception.receive(new ByteArrayInputStream(
					"From: stranger@example.org\r\nSubject: hello %d\r\n\r\nHi\r\n".formatted(i)
						.getBytes(StandardCharsets.US_ASCII)),
					"TEST"));
		}

		var newest = walk(admin, "/api/inbound/messages?limit=2", 3);

		assertThat(newest.subList(0, 5)).containsExactlyElementsOf(newestFirst(received));
	}

	@Test
	void aPageSizeOutsideOneToAThousandIsABadRequestWithAMessage() {
		for (var limit : List.of("0", "1001", "many")) {
			var answer = admin.get("/api/cases?limit=" + limit);

			assertThat(answer.status()).as(limit).isEqualTo(400);
			assertThat(answer.json().get("error")).as(limit).asString().contains("limit");
		}
	}

	@Test
	void theCasesPageLinksToOlderCasesAndBackToTheNewest() throws Exception {
		var manager = (String) admin.person("CASE_MANAGER").get("email");
		for (var i = 0; i < CasesPage.PAGE_SIZE + 3; i++) {
			cases.open("Claim " + tag + " " + i, manager);
		}
		var pages = SignedInPages.as(port, TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD);

		var first = pages.get("/cases?q=" + tag);
		var second = pages.get(first.select("a.next-page").attr("href"));

		assertThat(first.select("#cases tr.case")).hasSize(CasesPage.PAGE_SIZE);
		assertThat(first.select("#cases tr.case").first().text()).contains("Claim " + tag + " 52");
		assertThat(first.select("a.first-page")).isEmpty();
		assertThat(second.select("#cases tr.case")).extracting(row -> row.select("td").get(1).text())
			.containsExactly("Claim " + tag + " 2", "Claim " + tag + " 1", "Claim " + tag + " 0");
		assertThat(second.select("a.next-page")).isEmpty();
		assertThat(second.select("#q").val()).isEqualTo(tag);
		assertThat(pages.get(second.select("a.first-page").attr("href")).select("#cases tr.case"))
			.hasSize(CasesPage.PAGE_SIZE);
	}

	@Test
	void aCasePageShowsTheNewestUpdatesAndLinksToOlderOnes() throws Exception {
		var caseFile = admin.openCase();
		for (var i = 0; i < CasePage.PAGE_SIZE + 2; i++) {
			updates.post(NewUpdate.of(caseFile.id(), caseFile.managerEmail(), "Update " + i, Set.of(), List.of(),
					UpdateSource.API));
		}
		var pages = SignedInPages.as(port, caseFile.clientEmail(), "pw-" + caseFile.clientEmail());

		var newest = pages.get("/cases/" + caseFile.id());
		var older = pages.get(newest.select("a.next-page").attr("href"));

		assertThat(newest.select("#updates li.update")).hasSize(CasePage.PAGE_SIZE);
		assertThat(newest.select("#updates li.update .body").first().text()).isEqualTo("Update 101");
		assertThat(older.select("#updates li.update .body")).extracting(body -> body.text())
			.containsExactly("Update 1", "Update 0");
		assertThat(older.select("a.next-page")).isEmpty();
	}

	@Test
	void anUnmatchedMessageOffersTheCasesFoundByNumberOrTitleNotEveryCase() throws Exception {
		var manager = (String) admin.person("CASE_MANAGER").get("email");
		var flood = cases.open("Flood " + tag, manager);
		cases.open("Fire " + tag, manager);
		var id = reception
			.receive(new ByteArrayInputStream("From: stranger@example.org\r\nSubject: about the flood\r\n\r\nHi\r\n"
				.getBytes(StandardCharsets.US_ASCII)), "TEST");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !"PENDING".equals(admin.get("/api/inbound/messages?limit=20")
				.jsonList()
				.stream()
				.filter(message -> ((Number) message.get("id")).longValue() == id)
				.findFirst()
				.orElseThrow()
				.get("disposition")));
		var pages = SignedInPages.as(port, TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD);

		var found = pages.get("/inbound/messages/" + id + "?find=flood%20" + tag);

		assertThat(found.select("#caseId option")).extracting(option -> option.attr("value"))
			.containsExactly(String.valueOf(flood.id()));
		assertThat(pages.get("/inbound/messages/" + id).select("#caseId option")).hasSizeLessThanOrEqualTo(20);
	}

	/**
	 * The ids of every page from the first, following the Link header; each page but the
	 * last must be full and exactly the expected number of pages must come.
	 */
	private List<Long> walk(TestApi caller, String firstPage, int expectedPages) {
		var ids = new ArrayList<Long>();
		var page = firstPage;
		var count = 0;
		while (page != null && count <= expectedPages) {
			var answer = caller.get(page).ok(200);
			answer.jsonList().forEach(item -> ids.add(((Number) item.get("id")).longValue()));
			page = answer.nextPage();
			count++;
		}
		if (!firstPage.startsWith("/api/inbound")) {
			assertThat(count).as("pages of " + firstPage).isEqualTo(expectedPages);
		}
		assertThat(ids).doesNotHaveDuplicates();
		return ids;
	}

	private static List<Long> newestFirst(List<Long> ids) {
		var reversed = new ArrayList<>(ids);
		Collections.reverse(reversed);
		return reversed;
	}

	private List<Long> ids(String path) {
		return ids(admin, path);
	}

	private List<Long> ids(TestApi caller, String path) {
		return caller.get(path).ok(200).jsonList().stream().map(item -> ((Number) item.get("id")).longValue()).toList();
	}

}
