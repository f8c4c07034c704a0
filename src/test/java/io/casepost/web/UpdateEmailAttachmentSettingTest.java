package io.casepost.web;

import java.util.Map;

import io.casepost.CasepostTest;
import io.casepost.TestApi;
import io.casepost.settings.GeneralCaseSettingsService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The total of files attached to an update email, in the settings API. */
@CasepostTest
class UpdateEmailAttachmentSettingTest {

	private static final String PROBLEM = "Files attached to an update email must total between 0 (links only) and 50 MB";

	@LocalServerPort
	int port;

	@Autowired
	GeneralCaseSettingsService settings;

	@Test
	void tenMegabytesAreAttachedUntilAnAdminSaysOtherwise() {
		var answer = TestApi.asAdmin(port).get("/api/settings/general-case").ok(200).json();

		assertThat(answer).containsEntry("maxUpdateEmailAttachmentBytes", 10_485_760);
	}

	@Test
	void aTotalBelowZeroOrAboveFiftyMegabytesIsRefusedAndNothingChanges() {
		var admin = TestApi.asAdmin(port);
		var before = settings.current();

		for (var total : new long[] { -1, 50L * 1024 * 1024 + 1 }) {
			var answer = admin.put("/api/settings/general-case", Map.of("maxUpdateEmailAttachmentBytes", total));

			assertThat(answer.status()).as("answer to %d", total).isEqualTo(400);
			assertThat(answer.body()).contains(PROBLEM);
		}
		assertThat(admin.put("/api/settings/general-case", Map.of("maxUpdateEmailAttachmentBytes", "ten")).status())
			.isEqualTo(400);
		assertThat(settings.current()).isEqualTo(before);
	}

	@Test
	void zeroLinksEveryFileAndAttachesNone() {
		var admin = TestApi.asAdmin(port);
		try {
			var answer = admin.put("/api/settings/general-case", Map.of("maxUpdateEmailAttachmentBytes", 0))
				.ok(200)
				.json();

			assertThat(answer).containsEntry("maxUpdateEmailAttachmentBytes", 0);
		}
		finally {
			admin.put("/api/settings/general-case", Map.of("maxUpdateEmailAttachmentBytes", 10_485_760)).ok(200);
		}
	}

}
