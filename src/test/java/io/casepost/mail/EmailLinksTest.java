package io.casepost.mail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class EmailLinksTest {

	private static final String WARNING = "the links in update and notification emails lead to this machine";

	@Test
	void linksLeadToPagesUnderTheBaseUrl() {
		var links = links("https://cases.agency.example/", false);

		assertThat(links.update(5, 9)).isEqualTo("https://cases.agency.example/cases/5#update-9");
		assertThat(links.file(12)).isEqualTo("https://cases.agency.example/attachments/12");
	}

	@Test
	void aBaseUrlOnLocalhostIsWarnedOfWhenMailLeavesThroughAnotherServer(CapturedOutput output) {
		links("http://localhost:8080", false).warnOfLinksNoRecipientOpens();

		assertThat(output.getOut()).contains("casepost.base-url is http://localhost:8080: " + WARNING);
	}

	@Test
	void aBaseUrlOnLocalhostIsRightForTheEmbeddedMailServerWhoseMailStaysHere(CapturedOutput output) {
		links("http://localhost:8080", true).warnOfLinksNoRecipientOpens();
		links("https://cases.agency.example", false).warnOfLinksNoRecipientOpens();

		assertThat(output.getOut()).doesNotContain(WARNING);
	}

	private static EmailLinks links(String baseUrl, boolean embeddedMail) {
		return new EmailLinks(new MockEnvironment().withProperty("casepost.base-url", baseUrl), embeddedMail);
	}

}
