package io.casepost.web;

import java.io.IOException;
import java.util.List;

import io.casepost.cases.CaseFilter;
import io.casepost.cases.Cases;
import io.casepost.cases.UpdateRejected;
import io.casepost.inbound.AlreadyDecided;
import io.casepost.inbound.InboundLog;
import io.casepost.inbound.InboundMessage;
import io.casepost.inbound.InboundMode;
import io.casepost.inbound.InboundMonitor;
import io.casepost.inbound.InboundTriage;
import io.casepost.shared.PageRequest;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Inbound Email log (admins) and the Inbound Messages queue (admins and each case's
 * manager), where a message that was not posted is posted as someone, its sender made an
 * alias, or dismissed.
 */
@Controller
class InboundPages {

	static final int PAGE_SIZE = 50;

	private static final int CASE_CHOICES = 20;

	private final InboundLog log;

	private final InboundTriage triage;

	private final Cases cases;

	private final SignedIn signedIn;

	private final InboundMonitor monitor;

	private final InboundMode mode;

	InboundPages(InboundLog log, InboundTriage triage, Cases cases, SignedIn signedIn, InboundMonitor monitor,
			InboundMode mode) {
		this.mode = mode;
		this.log = log;
		this.triage = triage;
		this.cases = cases;
		this.signedIn = signedIn;
		this.monitor = monitor;
	}

	@GetMapping("/inbound")
	String log(@RequestParam(required = false) Long after, Model model, HttpServletRequest request) {
		var page = log.newestFirst(new PageRequest(after, PAGE_SIZE));
		model.addAttribute("messages", page.items());
		model.addAttribute("pages", PageLinks.of(request, page));
		model.addAttribute("batch", monitor.status());
		model.addAttribute("mode", mode.status());
		model.addAttribute("now", java.time.Instant.now());
		return "inbound/log";
	}

	@GetMapping("/inbound/queue")
	String queue(@RequestParam(required = false) Long after, Model model, HttpServletRequest request) {
		var page = triage.queueFor(signedIn.person(), new PageRequest(after, PAGE_SIZE));
		model.addAttribute("messages", page.items());
		model.addAttribute("pages", PageLinks.of(request, page));
		return "inbound/queue";
	}

	/**
	 * Where no case matched, the cases to post to are those the viewer finds by number or
	 * title ({@code find}), the newest first.
	 */
	@GetMapping("/inbound/messages/{id}")
	String message(@PathVariable long id, @RequestParam(required = false) String find, Model model) {
		var preview = log.preview(id);
		mayRead(preview.message());
		model.addAttribute("preview", preview);
		model.addAttribute("message", preview.message());
		var matchedCase = preview.message().caseId() == null ? null : cases.get(preview.message().caseId());
		// where the message matched a case, it is posted there, as one of that case's
		// people
		model.addAttribute("caseChoices",
				matchedCase == null ? cases
					.visibleTo(signedIn.person(), new CaseFilter(null, null, find), PageRequest.first(CASE_CHOICES))
					.items() : List.of(matchedCase));
		model.addAttribute("find", find);
		model.addAttribute("matchedCase", matchedCase);
		model.addAttribute("actions", log.actions(id));
		return "inbound/message";
	}

	@GetMapping("/inbound/messages/{id}/original.eml")
	ResponseEntity<InputStreamResource> original(@PathVariable long id) throws IOException {
		var message = log.find(id)
			.orElseThrow(() -> new io.casepost.cases.NotFound("No inbound message with id " + id));
		mayRead(message);
		var original = log.original(id);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("message/rfc822"))
			.contentLength(original.size())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("inbound-" + id + ".eml").build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(new InputStreamResource(original.open()));
	}

	@PostMapping("/inbound/messages/{id}/post")
	String post(@PathVariable long id, @RequestParam long caseId, @RequestParam long personId,
			RedirectAttributes redirect) {
		return decided(id, redirect, () -> {
			var update = triage.postAs(id, caseId, personId, signedIn.person());
			return "redirect:/cases/" + update.caseId();
		}, "Posted to the case");
	}

	@PostMapping("/inbound/messages/{id}/alias-and-post")
	String aliasAndPost(@PathVariable long id, @RequestParam long caseId, @RequestParam long personId,
			RedirectAttributes redirect) {
		return decided(id, redirect, () -> {
			var update = triage.addAliasAndPost(id, caseId, personId, signedIn.person());
			return "redirect:/cases/" + update.caseId();
		}, "Sender added as an address of that person, and the message posted");
	}

	@PostMapping("/inbound/messages/{id}/dismiss")
	String dismiss(@PathVariable long id, RedirectAttributes redirect) {
		return decided(id, redirect, () -> {
			triage.dismiss(id, signedIn.person());
			return "redirect:/inbound/queue";
		}, "Message dismissed");
	}

	@PostMapping("/inbound/messages/{id}/reprocess")
	String reprocess(@PathVariable long id, RedirectAttributes redirect) {
		if (!signedIn.person().isAdmin()) {
			throw new AccessDeniedException("Only an admin reprocesses inbound messages");
		}
		return decided(id, redirect, () -> {
			log.reprocess(id);
			return "redirect:/inbound";
		}, "Message #" + id + " will be processed again in the next batch");
	}

	/**
	 * A decision that breaks a rule goes back to the message with the reason, and nothing
	 * changes.
	 */
	private String decided(long id, RedirectAttributes redirect, Decision decision, String done) {
		try {
			var target = decision.take();
			redirect.addFlashAttribute("flash", done);
			return target;
		}
		catch (UpdateRejected | AlreadyDecided | IllegalArgumentException refused) {
			redirect.addFlashAttribute("problems", List.of(refused.getMessage()));
			return "redirect:/inbound/messages/" + id;
		}
	}

	/** Admins read every message; a case manager those about their own cases. */
	private void mayRead(InboundMessage message) {
		var me = signedIn.person();
		if (me.isAdmin()) {
			return;
		}
		if (message.caseId() == null || cases.get(message.caseId()).caseManager().id() != me.id()) {
			throw new AccessDeniedException(
					"Only an admin or the case's manager may read inbound message #" + message.id());
		}
	}

	@FunctionalInterface
	private interface Decision {

		String take();

	}

}
