package io.casepost.web;

import io.casepost.CasepostTest;
import io.casepost.TestEnvironment;
import io.casepost.settings.GeneralCaseSettings;
import io.casepost.settings.GeneralCaseSettingsService;
import io.casepost.settings.SettingsChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@CasepostTest
class GeneralCaseSettingsPageTest {

	private static final By REPLIES_TOGGLE = By.id("emailUpdateRepliesEnabled");

	private static final By CATCH_ALL = By.id("inboundCatchAllAddress");

	@LocalServerPort
	int port;

	@Autowired
	GeneralCaseSettingsService settings;

	GeneralCaseSettings before;

	GeneralCaseSettings start;

	Browser browser;

	@BeforeEach
	void openSettingsAsAdmin() {
		before = settings.current();
		// other tests in this shared application may have left replies on
		start = settings.change(new SettingsChange(false, "", null, null, null, null, false, null));
		browser = Browser.open(port).signIn(TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD);
		browser.clickAndLoad(By.linkText("Settings")).clickAndLoad(By.linkText("General Case Settings"));
	}

	/** Other tests share this application, and expect the settings they started with. */
	@AfterEach
	void restoreSettings() {
		browser.close();
		settings.change(new SettingsChange(before.emailUpdateRepliesEnabled(),
				before.inboundCatchAllAddress() == null ? "" : before.inboundCatchAllAddress(),
				before.notifyCaseManagerOnNewUpdate(), before.supportedFileTypes(), before.maxAttachmentsPerEmail(),
				before.maxAttachmentBytes(), before.senderNoticesEnabled(), before.maxUpdateEmailAttachmentBytes()));
	}

	@Test
	void anAdminEnablesEmailUpdateRepliesWithACatchAllAndTheChoiceIsKept() {
		assertThat(browser.find(REPLIES_TOGGLE).isSelected()).isFalse();

		browser.click(By.xpath("//section[h2='Case Updates']//label[.='Enable Email Update Replies']"))
			.type(CATCH_ALL, "catch-all@example.com")
			.clickAndLoad(By.id("saveSettings"));

		assertThat(browser.text(By.id("flash"))).isEqualTo("Settings saved");
		browser.refresh();
		assertThat(browser.find(REPLIES_TOGGLE).isSelected()).isTrue();
		assertThat(browser.find(CATCH_ALL).getAttribute("value")).isEqualTo("catch-all@example.com");
		assertThat(settings.current().emailUpdateRepliesEnabled()).isTrue();
		assertThat(settings.current().inboundCatchAllAddress()).isEqualTo("catch-all@example.com");
	}

	@Test
	void repliesCannotBeEnabledWithoutACatchAllAndNothingIsSaved() {
		browser.click(REPLIES_TOGGLE).type(CATCH_ALL, "").clickAndLoad(By.id("saveSettings"));

		assertThat(browser.text(By.id("problems")))
			.contains("Inbound Email Catch-All is required when Email Update Replies are enabled");
		assertThat(browser.findNow(By.id("flash"))).isEmpty();
		assertThat(settings.current()).isEqualTo(start);
	}

	@Test
	void aCatchAllAtTheInboundDomainIsRefusedAsItsMailWouldComeBack() {
		browser.click(REPLIES_TOGGLE)
			.type(CATCH_ALL, "triage@inbound.casepost.local")
			.clickAndLoad(By.id("saveSettings"));

		assertThat(browser.text(By.id("problems"))).contains("Inbound Email Catch-All 'triage@inbound.casepost.local'"
				+ " is at the inbound domain inbound.casepost.local: its mail would come back to Casepost");
		assertThat(settings.current()).isEqualTo(start);
	}

	@Test
	void theAttachmentLimitsAreShownAndChangedInMegabytes() {
		assertThat(browser.find(By.id("maxAttachmentSizeMb")).getAttribute("value")).isEqualTo("25");

		browser.type(By.id("maxAttachmentSizeMb"), "2.5")
			.type(By.id("maxAttachmentsPerEmail"), "3")
			.clickAndLoad(By.id("saveSettings"));

		assertThat(browser.text(By.id("flash"))).isEqualTo("Settings saved");
		assertThat(settings.current().maxAttachmentBytes()).isEqualTo(2_621_440);
		assertThat(settings.current().maxAttachmentsPerEmail()).isEqualTo(3);
	}

	@Test
	void theTotalAttachedToAnUpdateEmailIsShownAndChangedInMegabytes() {
		var total = By.id("maxUpdateEmailAttachmentsMb");
		assertThat(browser.find(total).getAttribute("value")).isEqualTo("10");

		browser.type(total, "2.5").clickAndLoad(By.id("saveSettings"));

		assertThat(browser.text(By.id("flash"))).isEqualTo("Settings saved");
		assertThat(settings.current().maxUpdateEmailAttachmentBytes()).isEqualTo(2_621_440);
		assertThat(browser.refresh().find(total).getAttribute("value")).isEqualTo("2.5");
	}

	@Test
	void aTotalAttachedToAnUpdateEmailThatIsNoNumberOrTooLargeComesBackAsTypedAndIsNotSaved() {
		var total = By.id("maxUpdateEmailAttachmentsMb");

		browser.type(total, "1e9").clickAndLoad(By.id("saveSettings"));

		assertThat(browser.text(By.id("problems")))
			.contains("Files attached to an update email (MB) must be a number, such as 2.5");
		assertThat(browser.find(total).getAttribute("value")).isEqualTo("1e9");

		browser.type(total, "51").clickAndLoad(By.id("saveSettings"));

		assertThat(browser.text(By.id("problems")))
			.contains("Files attached to an update email must total between 0 (links only) and 50 MB");
		assertThat(settings.current()).isEqualTo(start);
	}

	@Test
	void senderNoticesAreOffUntilAnAdminTicksThem() {
		var toggle = By.id("senderNoticesEnabled");
		assertThat(browser.find(toggle).isSelected()).isFalse();

		browser.click(By.xpath("//section[h2='Case Updates']//label[@for='senderNoticesEnabled']"))
			.type(CATCH_ALL, "catch-all@example.com")
			.clickAndLoad(By.id("saveSettings"));

		assertThat(browser.text(By.id("flash"))).isEqualTo("Settings saved");
		assertThat(browser.refresh().find(toggle).isSelected()).isTrue();
		assertThat(settings.current().senderNoticesEnabled()).isTrue();
	}

}
