package io.casepost.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.casepost.cases.CaseUpdateService;
import io.casepost.cases.Cases;
import io.casepost.cases.NotFound;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Sends an attachment to someone who may see its case, for the API and the pages alike.
 * Always as a download with its type pinned: files come from email senders, and a browser
 * must never render one in place.
 */
@Component
class AttachmentDownloads {

	private final Cases cases;

	private final CaseUpdateService updates;

	private final SignedIn signedIn;

	AttachmentDownloads(Cases cases, CaseUpdateService updates, SignedIn signedIn) {
		this.cases = cases;
		this.updates = updates;
		this.signedIn = signedIn;
	}

	ResponseEntity<InputStreamResource> send(long attachmentId) throws IOException {
		var info = updates.attachment(attachmentId);
		if (!signedIn.canSee(cases.get(updates.get(info.updateId()).caseId()))) {
			throw new NotFound("No attachment with id " + attachmentId);
		}
		var download = updates.download(attachmentId);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(info.contentType()))
			.contentLength(info.size())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(info.filename(), StandardCharsets.UTF_8)
						.build()
						.toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(new InputStreamResource(download.content()));
	}

}
