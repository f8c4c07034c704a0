package io.casepost.web;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.casepost.cases.CaseFile;
import io.casepost.cases.CaseStatus;
import io.casepost.cases.CaseUpdate;
import io.casepost.cases.CaseUpdateService;
import io.casepost.cases.Cases;
import io.casepost.cases.NewAttachment;
import io.casepost.cases.NewUpdate;
import io.casepost.cases.Person;
import io.casepost.cases.RuleViolation;
import io.casepost.cases.UpdateRejected;
import io.casepost.cases.UpdateSource;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One case with its updates, newest first, and the form to post the next one. */
@Controller
class CasePage {

	private final Cases cases;

	private final CaseUpdateService updates;

	private final SignedIn signedIn;

	private final AttachmentDownloads downloads;

	CasePage(Cases cases, CaseUpdateService updates, SignedIn signedIn, AttachmentDownloads downloads) {
		this.cases = cases;
		this.updates = updates;
		this.signedIn = signedIn;
		this.downloads = downloads;
	}

	@GetMapping("/cases/{id}")
	String show(@PathVariable long id, Model model) {
		return page(id, UpdateForm.EMPTY, List.of(), model);
	}

	@PostMapping("/cases/{id}/updates")
	String post(@PathVariable long id, UpdateForm form, Model model, RedirectAttributes redirect) {
		signedIn.mayView(cases.get(id));
		try {
			updates.post(form.toUpdate(id, signedIn.person().email()));
		}
		catch (UpdateRejected rejected) {
			return page(id, form, rejected.violations(), model);
		}
		redirect.addFlashAttribute("flash", "Update posted");
		return "redirect:/cases/" + id;
	}

	@GetMapping("/attachments/{id}")
	ResponseEntity<InputStreamResource> attachment(@PathVariable long id) throws IOException {
		return downloads.send(id);
	}

	private String page(long id, UpdateForm form, List<RuleViolation> violations, Model model) {
		var caseFile = signedIn.mayView(cases.get(id));
		var me = signedIn.person();
		model.addAttribute("caseFile", caseFile);
		model.addAttribute("updates", updates.ofCase(id).stream()
			.sorted(Comparator.comparing(CaseUpdate::postedAt).thenComparing(CaseUpdate::id).reversed()).toList());
		model.addAttribute("mayPost", mayPost(caseFile, me));
		model.addAttribute("recipientChoices", caseFile.participants().stream().filter(p -> p.id() != me.id()).toList());
		model.addAttribute("form", form);
		model.addAttribute("violations", violations);
		return "case";
	}

	/** Only offered where the posting rules would let it through; the rules still decide. */
	private static boolean mayPost(CaseFile caseFile, Person me) {
		return caseFile.status() == CaseStatus.OPEN && (me.isAdmin() || caseFile.hasParticipant(me));
	}

	record UpdateForm(String body, Set<String> recipientEmails, List<MultipartFile> files) {

		static final UpdateForm EMPTY = new UpdateForm("", Set.of(), List.of());

		/** No box ticked sends no recipients at all. */
		UpdateForm {
			recipientEmails = recipientEmails == null ? Set.of() : recipientEmails;
		}

		NewUpdate toUpdate(long caseId, String authorEmail) {
			return NewUpdate.of(caseId, authorEmail, body, recipientEmails, attachments(), UpdateSource.WEB);
		}

		/** A file input left empty still sends a part, without a name. */
		private List<NewAttachment> attachments() {
			return files == null ? List.of()
					: files.stream().filter(file -> file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank())
						.map(file -> new NewAttachment(file.getOriginalFilename(), file)).toList();
		}
	}
}
