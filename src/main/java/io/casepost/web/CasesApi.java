package io.casepost.web;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.casepost.cases.AttachmentInfo;
import io.casepost.cases.CaseChange;
import io.casepost.cases.CaseFile;
import io.casepost.cases.CaseFilter;
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
import io.casepost.shared.PageRequest;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
class CasesApi {

	private final Cases cases;

	private final CaseTeam team;

	private final People people;

	private final CaseUpdateService updates;

	private final SignedIn signedIn;

	private final AttachmentDownloads downloads;

	private final EvidenceDownloads evidence;

	CasesApi(Cases cases, CaseTeam team, People people, CaseUpdateService updates, SignedIn signedIn,
			AttachmentDownloads downloads, EvidenceDownloads evidence) {
		this.cases = cases;
		this.team = team;
		this.people = people;
		this.updates = updates;
		this.signedIn = signedIn;
		this.downloads = downloads;
		this.evidence = evidence;
	}

	@PostMapping("/api/cases")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAnyRole('ADMIN', 'CASE_MANAGER')")
	CaseJson open(@RequestBody NewCase newCase) {
		return CaseJson.of(cases.open(newCase.title(), newCase.caseManagerEmail()));
	}

	/**
	 * The cases the caller may see, newest first, a page at a time (the next page is in
	 * the {@code Link} header).
	 */
	@GetMapping("/api/cases")
	ResponseEntity<List<CaseJson>> list(@RequestParam(required = false) CaseStatus status,
			@RequestParam(required = false) String caseManager, @RequestParam(required = false) String q,
			@RequestParam(required = false) Long after,
			@RequestParam(defaultValue = PageRequest.MAX_SIZE + "") int limit, HttpServletRequest request) {
		var page = cases.visibleTo(signedIn.person(), new CaseFilter(status, caseManager, q),
				new PageRequest(after, limit));
		return ResponseEntity.ok()
			.headers(PageLinks.header(request, page))
			.body(page.items().stream().map(CaseJson::of).toList());
	}

	@GetMapping("/api/cases/{id}")
	CaseJson get(@PathVariable long id) {
		return CaseJson.of(signedIn.mayView(cases.get(id)));
	}

	/**
	 * Every original email of the case's emailed updates, their files, and a manifest of
	 * their SHA-256.
	 */
	@GetMapping("/api/cases/{id}/evidence.zip")
	ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> evidence(
			@PathVariable long id) {
		return evidence.send(id);
	}

	/** Only the case's manager or an admin changes its team (and its status). */
	@PostMapping("/api/cases/{id}/participants")
	@PreAuthorize("hasAnyRole('ADMIN', 'CASE_MANAGER')")
	CaseJson addParticipant(@PathVariable long id, @RequestBody Participant participant) {
		return CaseJson.of(team.add(id, participant.email(), signedIn.person()));
	}

	@DeleteMapping("/api/cases/{id}/participants/{email}")
	@PreAuthorize("hasAnyRole('ADMIN', 'CASE_MANAGER')")
	CaseJson removeParticipant(@PathVariable long id, @PathVariable String email) {
		var person = people.findByEmail(email)
			.orElseThrow(() -> new NotFound(email + " is not an investigator or client of case " + id));
		return CaseJson.of(team.remove(id, person.id(), signedIn.person()));
	}

	@PutMapping("/api/cases/{id}/status")
	@PreAuthorize("hasAnyRole('ADMIN', 'CASE_MANAGER')")
	CaseJson setStatus(@PathVariable long id, @RequestBody StatusChange change) {
		return CaseJson.of(team.setStatus(id, change.status(), signedIn.person()));
	}

	/** Who put whom on the case or took them off, closed or reopened it, and when. */
	@GetMapping("/api/cases/{id}/history")
	List<ChangeJson> history(@PathVariable long id) {
		signedIn.mayView(cases.get(id));
		return team.history(id).stream().map(ChangeJson::of).toList();
	}

	@PostMapping(path = "/api/cases/{id}/updates", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	UpdateJson post(@PathVariable long id, @RequestBody PostedUpdate posted) {
		postable(id);
		return UpdateJson.of(updates.post(NewUpdate.of(id, author(posted.authorEmail()), posted.body(),
				recipients(posted.recipientEmails()), List.of(), UpdateSource.API)));
	}

	/** The same update as multipart form data, with files. */
	@PostMapping(path = "/api/cases/{id}/updates", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	UpdateJson postWithFiles(@PathVariable long id, @RequestPart("update") PostedUpdate posted,
			@RequestPart(name = "files", required = false) List<MultipartFile> files) {
		postable(id);
		var attachments = files == null ? List.<NewAttachment>of()
				: files.stream()
					.filter(file -> !file.isEmpty() || file.getOriginalFilename() != null)
					.map(file -> new NewAttachment(file.getOriginalFilename(), file))
					.toList();
		return UpdateJson.of(updates.post(NewUpdate.of(id, author(posted.authorEmail()), posted.body(),
				recipients(posted.recipientEmails()), attachments, UpdateSource.API)));
	}

	/**
	 * Oldest first, a page at a time: the default page takes a case's whole history in
	 * normal use.
	 */
	@GetMapping("/api/cases/{id}/updates")
	ResponseEntity<List<UpdateJson>> updates(@PathVariable long id, @RequestParam(required = false) Long after,
			@RequestParam(defaultValue = PageRequest.MAX_SIZE + "") int limit, HttpServletRequest request) {
		signedIn.mayView(cases.get(id));
		var page = updates.ofCase(id, false, new PageRequest(after, limit));
		return ResponseEntity.ok()
			.headers(PageLinks.header(request, page))
			.body(page.items().stream().map(UpdateJson::of).toList());
	}

	@GetMapping("/api/attachments/{id}")
	ResponseEntity<InputStreamResource> attachment(@PathVariable long id) throws IOException {
		return downloads.send(id);
	}

	/**
	 * A case the caller may not see is refused as one that does not exist, by the rule
	 * that says so.
	 */
	private void postable(long id) {
		try {
			signedIn.mayView(cases.get(id));
		}
		catch (NotFound hidden) {
			throw new UpdateRejected(List.of(new RuleViolation("CASE_EXISTS", "No case with id " + id)));
		}
	}

	/** Only an admin posts in someone else's name. */
	private String author(String requested) {
		Person caller = signedIn.person();
		if (requested == null || requested.isBlank() || requested.equalsIgnoreCase(caller.email())) {
			return caller.email();
		}
		if (!caller.isAdmin()) {
			throw new AccessDeniedException("Only an admin may post as " + requested);
		}
		return requested;
	}

	private static Set<String> recipients(List<String> emails) {
		return emails == null ? Set.of() : new java.util.LinkedHashSet<>(emails);
	}

	record NewCase(String title, String caseManagerEmail) {
	}

	record Participant(String email) {
	}

	record StatusChange(CaseStatus status) {
	}

	record PostedUpdate(String authorEmail, String body, List<String> recipientEmails) {
	}

	record CaseJson(long id, String number, String title, String caseManagerEmail, CaseStatus status,
			List<String> investigatorEmails, List<String> clientEmails) {

		static CaseJson of(CaseFile caseFile) {
			return new CaseJson(caseFile.id(), caseFile.number(), caseFile.title(), caseFile.caseManager().email(),
					caseFile.status(), caseFile.investigators().stream().map(Person::email).toList(),
					caseFile.clients().stream().map(Person::email).toList());
		}
	}

	record ChangeJson(String change, String personEmail, String byEmail, Instant at) {

		static ChangeJson of(CaseChange change) {
			return new ChangeJson(change.kind().name(), change.person() == null ? null : change.person().email(),
					change.actor().email(), change.at());
		}
	}

	record AttachmentJson(long id, String filename, String contentType, long size, String sha256) {

		static AttachmentJson of(AttachmentInfo info) {
			return new AttachmentJson(info.id(), info.filename(), info.contentType(), info.size(), info.sha256());
		}
	}

	record UpdateJson(long id, long caseId, String authorEmail, String authorName, String body, UpdateSource source,
			List<AttachmentJson> attachments, List<String> recipientEmails, Instant postedAt, String note,
			String forwarded) {

		static UpdateJson of(CaseUpdate update) {
			return new UpdateJson(update.id(), update.caseId(), update.author().email(), update.author().name(),
					update.body(), update.source(), update.attachments().stream().map(AttachmentJson::of).toList(),
					update.recipients().stream().map(Person::email).toList(), update.postedAt(), update.note(),
					update.forwardedText());
		}
	}

}
