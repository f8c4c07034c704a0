package io.casepost.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import io.casepost.settings.GeneralCaseSettings;
import io.casepost.settings.GeneralCaseSettingsService;
import io.casepost.settings.InvalidSettings;
import io.casepost.settings.SettingsChange;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Settings tab (admins only, by the security chain): its sections, and General Case
 * Settings.
 */
@Controller
@RequestMapping("/settings")
class SettingsPages {

	private final GeneralCaseSettingsService settings;

	SettingsPages(GeneralCaseSettingsService settings) {
		this.settings = settings;
	}

	@GetMapping
	String sections() {
		return "settings/sections";
	}

	@GetMapping("/general-case")
	String generalCase(Model model) {
		return generalCase(GeneralCaseForm.of(settings.current()), List.of(), model);
	}

	@PostMapping("/general-case")
	String save(GeneralCaseForm form, Model model, RedirectAttributes redirect) {
		try {
			settings.change(form.toChange());
		}
		catch (InvalidSettings invalid) {
			return generalCase(form, invalid.problems(), model);
		}
		catch (NumberFormatException notANumber) {
			return generalCase(form, List.of(notANumber.getMessage()), model);
		}
		redirect.addFlashAttribute("flash", "Settings saved");
		return "redirect:/settings/general-case";
	}

	private static String generalCase(GeneralCaseForm form, List<String> problems, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("problems", problems);
		return "settings/general-case";
	}

	/**
	 * General Case Settings as typed: numbers stay text until saved, so a typo comes back
	 * to the admin as typed. A checkbox left unticked sends nothing, hence the nullable
	 * flags. The total attached to update emails came later than the form's other fields:
	 * a form without it (an older page still open) leaves it as it is.
	 */
	record GeneralCaseForm(Boolean emailUpdateRepliesEnabled, String inboundCatchAllAddress,
			Boolean notifyCaseManagerOnNewUpdate, String supportedFileTypes, String maxAttachmentsPerEmail,
			String maxAttachmentSizeMb, Boolean senderNoticesEnabled, String maxUpdateEmailAttachmentsMb) {

		private static final BigDecimal BYTES_PER_MB = BigDecimal.valueOf(1024 * 1024);

		private static final java.util.regex.Pattern MEGABYTES = java.util.regex.Pattern
			.compile("[0-9]{1,9}(\\.[0-9]{1,6})?");

		static GeneralCaseForm of(GeneralCaseSettings current) {
			return new GeneralCaseForm(current.emailUpdateRepliesEnabled(), current.inboundCatchAllAddress(),
					current.notifyCaseManagerOnNewUpdate(), String.join(", ", current.supportedFileTypes()),
					String.valueOf(current.maxAttachmentsPerEmail()), megabytes(current.maxAttachmentBytes()),
					current.senderNoticesEnabled(), megabytes(current.maxUpdateEmailAttachmentBytes()));
		}

		SettingsChange toChange() {
			return new SettingsChange(Boolean.TRUE.equals(emailUpdateRepliesEnabled),
					inboundCatchAllAddress == null ? "" : inboundCatchAllAddress,
					Boolean.TRUE.equals(notifyCaseManagerOnNewUpdate),
					GeneralCaseSettingsService.extensions(supportedFileTypes == null ? "" : supportedFileTypes),
					whole(maxAttachmentsPerEmail, "Maximum attachments per email"),
					bytes(maxAttachmentSizeMb, "Maximum attachment size (MB)"),
					Boolean.TRUE.equals(senderNoticesEnabled), maxUpdateEmailAttachmentsMb == null ? null
							: bytes(maxUpdateEmailAttachmentsMb, "Files attached to an update email (MB)"));
		}

		private static int whole(String typed, String field) {
			try {
				return Integer.parseInt(typed.strip());
			}
			catch (RuntimeException e) {
				throw new NumberFormatException(field + " must be a whole number");
			}
		}

		private static String megabytes(long bytes) {
			return BigDecimal.valueOf(bytes)
				.divide(BYTES_PER_MB, 2, RoundingMode.HALF_UP)
				.stripTrailingZeros()
				.toPlainString();
		}

		/**
		 * Plain digits only: "1e999999999" would make BigDecimal build a number of a
		 * billion digits.
		 */
		private static long bytes(String typedMegabytes, String field) {
			var typed = typedMegabytes == null ? "" : typedMegabytes.strip();
			if (!MEGABYTES.matcher(typed).matches()) {
				throw new NumberFormatException(field + " must be a number, such as 2.5");
			}
			return new BigDecimal(typed).multiply(BYTES_PER_MB).setScale(0, RoundingMode.HALF_UP).longValueExact();
		}
	}

}
