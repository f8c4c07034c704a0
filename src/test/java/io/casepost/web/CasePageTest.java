package io.casepost.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import io.casepost.CasepostTest;
import io.casepost.TestApi;
import io.casepost.TestApi.TestCase;
import io.casepost.cases.CaseUpdateService;
import io.casepost.cases.NewUpdate;
import io.casepost.cases.Person;
import io.casepost.cases.UpdateSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@CasepostTest
class CasePageTest {

	private static final byte[] PDF = """
			%PDF-1.4
			1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
			2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
			trailer << /Root 1 0 R >>
			%%EOF
			""".getBytes(StandardCharsets.US_ASCII);

	private static final String HOSTILE = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">";

	@LocalServerPort
	int port;

	@Autowired
	CaseUpdateService updates;

	TestCase caseFile;

	TestApi manager;

	Browser browser;

	@BeforeEach
	void openACaseAsItsManager() {
		caseFile = TestApi.asAdmin(port).openCase();
		manager = TestApi.asAdmin(port).as(caseFile.managerEmail(), "pw-" + caseFile.managerEmail());
		browser = Browser.open(port).signIn(caseFile.managerEmail(), "pw-" + caseFile.managerEmail());
	}

	@AfterEach
	void closeBrowser() {
		browser.close();
	}

	@Test
	void aCaseManagerPostsAnUpdateWithAFileToARecipient(@TempDir java.nio.file.Path files) throws IOException {
		var report = Files.write(files.resolve("report.pdf"), PDF);
		browser.clickAndLoad(By.linkText(caseFile.number()));

		browser.type(By.id("body"), "Surveillance done.\nReport attached.")
			.click(By.xpath("//label[contains(., '" + caseFile.investigatorEmail() + "')]/input"));
		browser.find(By.id("files")).sendKeys(report.toString());
		browser.clickAndLoad(By.id("postUpdateButton"));

		assertThat(browser.text(By.id("flash"))).isEqualTo("Update posted");
		assertThat(browser.text(By.cssSelector(".update .body"))).isEqualTo("Surveillance done.\nReport attached.");
		assertThat(browser.text(By.cssSelector(".update .badge"))).isEqualTo("WEB");
		var link = browser.find(By.linkText("report.pdf"));
		var download = browser.fetch(link.getAttribute("href"));
		assertThat(download.status()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(PDF);
		assertThat(download.headers()).containsEntry("content-type", "application/pdf")
			.containsEntry("x-content-type-options", "nosniff");
		assertThat(download.headers().get("content-disposition")).startsWith("attachment").contains("report.pdf");
		var posted = updates.ofCase(caseFile.id()).get(0);
		assertThat(posted.source()).isEqualTo(UpdateSource.WEB);
		assertThat(posted.recipients()).extracting(Person::email).containsExactly(caseFile.investigatorEmail());
	}

	@Test
	void aCaseManagerOpensACaseAndLandsOnIt() {
		browser.type(By.id("title"), "Warehouse thefts").clickAndLoad(By.id("openCaseButton"));

		assertThat(browser.text(By.id("flash"))).startsWith("Case ").endsWith(" opened");
		assertThat(browser.text(By.id("caseTitle"))).isEqualTo("Warehouse thefts");
		assertThat(browser.text(By.id("people"))).contains("Test CASE_MANAGER");
	}

	@Test
	void anUpdateThatBreaksARuleIsRefusedWithTheReason() {
		browser.go("/cases/" + caseFile.id()).type(By.id("body"), "   ").clickAndLoad(By.id("postUpdateButton"));

		assertThat(browser.text(By.id("violations"))).contains("An update needs text or at least one attachment");
		assertThat(browser.findNow(By.id("flash"))).isEmpty();
		assertThat(updates.ofCase(caseFile.id())).isEmpty();
	}

	@Test
	void updatesAreListedNewestFirstWithTheirSource() {
		manager.post(caseFile.updatesPath(), Map.of("body", "First")).ok(201);
		manager.post(caseFile.updatesPath(), Map.of("body", "Second")).ok(201);

		browser.go("/cases/" + caseFile.id());

		assertThat(browser.findNow(By.cssSelector(".update .body"))).extracting(element -> element.getText())
			.containsExactly("Second", "First");
		assertThat(browser.text(By.cssSelector(".update .badge"))).isEqualTo("API");
	}

	@Test
	void markupInAnUpdateIsShownAsTextAndNeverRuns() {
		manager.post(caseFile.updatesPath(), Map.of("body", HOSTILE)).ok(201);

		browser.go("/cases/" + caseFile.id());

		assertThat(browser.text(By.cssSelector(".update .body"))).isEqualTo(HOSTILE);
		assertThat(browser.findNow(By.cssSelector(".update .body *"))).isEmpty();
		assertThat(browser.script("return typeof window.pwned")).isEqualTo("undefined");
	}

	@Test
	void anEmailedReplyShowsItsForwardAndItsTrimmedSignatureCollapsedAndAsText() {
		var forward = "---------- Forwarded message ---------\nFrom: Bob Builder <bob@builder.example>\n\n"
				+ "The lock was forced. " + HOSTILE;
		var signature = "Client Example GmbH\nTel. +49 40 1234 5678";
		var update = updates.post(new NewUpdate(caseFile.id(), caseFile.clientEmail(), "FYI, see below.", null,
				List.of(), UpdateSource.EMAIL, signature, null, null, null, forward));

		browser.go("/cases/" + caseFile.id());

		var forwarded = By.cssSelector("#update-" + update.id() + " details.forwarded");
		assertThat(browser.find(forwarded).getAttribute("open")).isNull();
		assertThat(browser.text(By.cssSelector("#update-" + update.id() + " details.forwarded summary")))
			.isEqualTo("Forwarded message");
		assertThat(browser.find(By.cssSelector("#update-" + update.id() + " details.forwarded .body"))
			.getAttribute("textContent")).isEqualTo(forward);
		assertThat(browser.findNow(By.cssSelector("#update-" + update.id() + " details.forwarded .body *"))).isEmpty();
		assertThat(browser.find(By.cssSelector("#update-" + update.id() + " details.trimmed .body"))
			.getAttribute("textContent")).isEqualTo(signature);
		assertThat(browser.text(By.cssSelector("#update-" + update.id() + " > .body"))).isEqualTo("FYI, see below.");
		assertThat(browser.script("return typeof window.pwned")).isEqualTo("undefined");
	}

	@Test
	void pagesForbidScriptsFromElsewhere() {
		var page = browser.fetch("/cases/" + caseFile.id());

		assertThat(page.headers().get("content-security-policy")).contains("default-src 'self'", "object-src 'none'");
	}

}
