package io.casepost.web;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.casepost.cases.CaseFile;
import io.casepost.cases.CaseStatus;
import io.casepost.cases.CaseTeam;
import io.casepost.cases.CaseUpdate;
import io.casepost.cases.CaseUpdateService;
import io.casepost.cases.Cases;
import io.casepost.cases.NewAttachment;
import io.casepost.cases.NewUpdate;
import io.casepost.cases.NotFound;
import io.casepost.cases.People;
import io.casepost.cases.Person;
import io.casepost.cases.RuleViolation;
import io.casepost.cases.UpdateRejected;
import io.casepost.cases.UpdateSource;
import io.casepost.inbound.InboundLog;
import io.casepost.inbound.InboundMessage;
import io.casepost.shared.PageRequest;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One case with its updates, newest first, and the form to post the next one. */
@Controller
class CasePage {

	static final int PAGE_SIZE = 100;

	private final Cases cases;

	private final CaseTeam team;

	private final People people;

	private final CaseUpdateService updates;

	private final SignedIn signedIn;

	private final AttachmentDownloads downloads;

	private final InboundLog inbound;

	private final EvidenceDownloads evidence;

	CasePage(Cases cases, CaseTeam team, People people, CaseUpdateService updates, SignedIn signedIn,
			AttachmentDownloads downloads, InboundLog inbound, EvidenceDownloads evidence) {
		this.cases = cases;
		this.team = team;
		this.people = people;
		this.updates = updates;
		this.signedIn = signedIn;
		this.downloads = downloads;
		this.inbound = inbound;
		this.evidence = evidence;
	}

	@GetMapping("/cases/{id}")
	String show(@PathVariable long id, @RequestParam(required = false) Long after, Model model,
			HttpServletRequest request) {
		return page(id, UpdateForm.EMPTY, List.of(), new PageRequest(after, PAGE_SIZE), model, request);
	}

	@PostMapping("/cases/{id}/updates")
	String post(@PathVariable long id, UpdateForm form, Model model, RedirectAttributes redirect,
			HttpServletRequest request) {
		signedIn.mayView(cases.get(id));
		try {
			updates.post(form.toUpdate(id, signedIn.person().email()));
		}
		catch (UpdateRejected rejected) {
			return page(id, form, rejected.violations(), PageRequest.first(PAGE_SIZE), model, request);
		}
		redirect.addFlashAttribute("flash", "Update posted");
		return "redirect:/cases/" + id;
	}

	/**
	 * The email an update came from, as received: evidence anyone on the case may
	 * download.
	 */
	@GetMapping("/cases/{caseId}/updates/{updateId}/original.eml")
	ResponseEntity<InputStreamResource> original(@PathVariable long caseId, @PathVariable long updateId)
			throws IOException {
		var update = updates.get(updateId);
		signedIn.mayView(cases.get(update.caseId()));
		if (update.caseId() != caseId || update.inboundMessageId() == null) {
			throw new NotFound("Update " + updateId + " of case " + caseId + " did not come by email");
		}
		var original = inbound.original(update.inboundMessageId());
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("message/rfc822"))
			.contentLength(original.size())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("update-" + updateId + ".eml").build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(new InputStreamResource(original.open()));
	}

	@GetMapping("/cases/{id}/evidence.zip")
	ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> evidence(
			@PathVariable long id) {
		return evidence.send(id);
	}

	@PostMapping("/cases/{caseId}/updates/{updateId}/restore-trimmed")
	String restoreTrimmed(@PathVariable long caseId, @PathVariable long updateId, RedirectAttributes redirect) {
		signedIn.mayView(cases.get(updates.get(updateId).caseId()));
		try {
			updates.restoreTrimmedText(updateId, signedIn.person().email());
			redirect.addFlashAttribute("flash", "The trimmed text was put back into the update");
		}
		catch (UpdateRejected | IllegalArgumentException refused) {
			redirect.addFlashAttribute("problems", List.of(refused.getMessage()));
		}
		return "redirect:/cases/" + caseId + "#update-" + updateId;
	}

	/** The case's manager or an admin puts an investigator or a client on the case. */
	@PostMapping("/cases/{id}/participants")
	String addParticipant(@PathVariable long id, @RequestParam(defaultValue = "") String email,
			RedirectAttributes redirect) {
		return teamChange(id, redirect, () -> {
			var caseFile = team.add(id, email, signedIn.person());
			return caseFile.participants()
				.stream()
				.filter(person -> person.email().equalsIgnoreCase(email.strip()))
				.findFirst()
				.map(person -> person.name() + " is on the case")
				.orElseThrow();
		});
	}

	@PostMapping("/cases/{id}/participants/{personId}/remove")
	String removeParticipant(@PathVariable long id, @PathVariable long personId, RedirectAttributes redirect) {
		return teamChange(id, redirect, () -> {
			team.remove(id, personId, signedIn.person());
			return people.get(personId).name() + " was taken off the case";
		});
	}

	@PostMapping("/cases/{id}/status")
	String setStatus(@PathVariable long id, @RequestParam(required = false) CaseStatus status,
			RedirectAttributes redirect) {
		return teamChange(id, redirect, () -> {
			var changed = team.setStatus(id, status, signedIn.person());
			return changed.status() == CaseStatus.CLOSED ? "Case closed: it takes no updates, by email neither"
					: "Case reopened";
		});
	}

	@GetMapping("/attachments/{id}")
	ResponseEntity<InputStreamResource> attachment(@PathVariable long id) throws IOException {
		return downloads.send(id);
	}

	/**
	 * A change the rules refuse comes back to the case with the reason; one the viewer
	 * may not make is refused outright (403, or 404 for a case they may not see).
	 */
	private String teamChange(long id, RedirectAttributes redirect, java.util.function.Supplier<String> change) {
		try {
			redirect.addFlashAttribute("flash", change.get());
		}
		catch (IllegalArgumentException refused) {
			redirect.addFlashAttribute("problems", List.of(refused.getMessage()));
		}
		return "redirect:/cases/" + id;
	}

	private String page(long id, UpdateForm form, List<RuleViolation> violations, PageRequest page, Model model,
			HttpServletRequest request) {
		var caseFile = signedIn.mayView(cases.get(id));
		var me = signedIn.person();
		var shown = updates.ofCase(id, true, page);
		model.addAttribute("caseFile", caseFile);
		model.addAttribute("updates", shown.items());
		model.addAttribute("pages", PageLinks.of(request, shown));
		model.addAttribute("mayPost", mayPost(caseFile, me));
		model.addAttribute("managesCase", caseFile.isManagedBy(me));
		model.addAttribute("history", team.history(id));
		model.addAttribute("received", received(shown.items()));
		// the posting rules refuse anyone else: not on the case, or deactivated
		model.addAttribute("recipientChoices",
				caseFile.participants().stream().filter(p -> p.id() != me.id() && p.active()).toList());
		model.addAttribute("form", form);
		model.addAttribute("violations", violations);
		return "case";
	}

	/**
	 * The inbound message behind each emailed update, for its "received by email"
	 * details: one statement for the page.
	 */
	private Map<Long, InboundMessage> received(List<CaseUpdate> shown) {
		var messages = inbound
			.find(shown.stream().map(CaseUpdate::inboundMessageId).filter(java.util.Objects::nonNull).toList());
		var received = new HashMap<Long, InboundMessage>();
		shown.stream()
			.filter(update -> messages.containsKey(update.inboundMessageId()))
			.forEach(update -> received.put(update.id(), messages.get(update.inboundMessageId())));
		return received;
	}

	/**
	 * Only offered where the posting rules would let it through; the rules still decide.
	 */
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
					: files.stream()
						.filter(file -> file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank())
						.map(file -> new NewAttachment(file.getOriginalFilename(), file))
						.toList();
		}
	}

}
