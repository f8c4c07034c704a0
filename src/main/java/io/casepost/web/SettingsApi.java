package io.casepost.web;

import io.casepost.settings.GeneralCaseSettings;
import io.casepost.settings.GeneralCaseSettingsService;
import io.casepost.settings.SettingsChange;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SettingsApi {

	private final GeneralCaseSettingsService settings;

	SettingsApi(GeneralCaseSettingsService settings) {
		this.settings = settings;
	}

	@GetMapping("/api/settings/general-case")
	GeneralCaseSettings get() {
		return settings.current();
	}

	@PutMapping("/api/settings/general-case")
	GeneralCaseSettings change(@RequestBody SettingsChange change) {
		return settings.change(change);
	}

}
