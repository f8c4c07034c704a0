package io.casepost.web;

import java.time.Instant;
import java.util.List;

import io.casepost.inbound.BatchResult;
import io.casepost.inbound.Disposition;
import io.casepost.inbound.EmailAuthentication;
import io.casepost.inbound.InboundBatches;
import io.casepost.inbound.InboundLog;
import io.casepost.inbound.InboundMessage;
import io.casepost.shared.PageRequest;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class InboundApi {

	private final InboundBatches batches;

	private final InboundLog log;

	InboundApi(InboundBatches batches, InboundLog log) {
		this.batches = batches;
		this.log = log;
	}

	@PostMapping("/api/inbound/batches")
	BatchResult runBatch() {
		return batches.run();
	}

	/**
	 * Newest first, a page at a time (the next page is in the {@code Link} header).
	 */
	@GetMapping("/api/inbound/messages")
	ResponseEntity<List<MessageJson>> messages(@RequestParam(required = false) Long after,
			@RequestParam(defaultValue = PageRequest.MAX_SIZE + "") int limit, HttpServletRequest request) {
		var page = log.newestFirst(new PageRequest(after, limit));
		return ResponseEntity.ok()
			.headers(PageLinks.header(request, page))
			.body(page.items().stream().map(MessageJson::of).toList());
	}

	@PostMapping("/api/inbound/messages/{id}/reprocess")
	MessageJson reprocess(@PathVariable long id) {
		log.reprocess(id);
		return MessageJson.of(log.find(id).orElseThrow());
	}

	record MessageJson(long id, String messageId, String from, String subject, Instant receivedAt,
			Disposition disposition, String reason, Long caseId, Long updateId, int attempts, String lastError,
			String sha256, EmailAuthentication authentication) {

		static MessageJson of(InboundMessage message) {
			return new MessageJson(message.id(), message.messageId(), message.from(), message.subject(),
					message.receivedAt(), message.disposition(), message.reason(), message.caseId(), message.updateId(),
					message.attempts(), message.lastError(), message.sha256(), message.authentication());
		}
	}

}
