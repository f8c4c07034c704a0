package io.casepost.web;

import io.casepost.cases.Cases;
import io.casepost.inbound.EvidenceExport;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A case's email evidence zip, for its manager or an admin, from the API and the case
 * page alike.
 */
@Component
class EvidenceDownloads {

	private final Cases cases;

	private final EvidenceExport export;

	private final SignedIn signedIn;

	EvidenceDownloads(Cases cases, EvidenceExport export, SignedIn signedIn) {
		this.cases = cases;
		this.export = export;
		this.signedIn = signedIn;
	}

	ResponseEntity<StreamingResponseBody> send(long caseId) {
		var caseFile = signedIn.mayView(cases.get(caseId));
		if (!caseFile.isManagedBy(signedIn.person())) {
			throw new AccessDeniedException(
					"Only the case manager or an admin may export case " + caseFile.number() + "'s evidence");
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(export.fileName(caseId)).build().toString())
			.body(out -> export.write(caseId, out));
	}

}
