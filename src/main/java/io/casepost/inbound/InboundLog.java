package io.casepost.inbound;

import java.util.List;
import java.util.Optional;

import io.casepost.inbound.inbox.Inbox;

import org.springframework.stereotype.Service;

/** The inbound log: every message received, newest first, with what became of it. */
@Service
public class InboundLog {

	private final Inbox inbox;

	InboundLog(Inbox inbox) {
		this.inbox = inbox;
	}

	public List<InboundMessage> newestFirst(int limit) {
		return inbox.newestFirst(limit);
	}

	public Optional<InboundMessage> find(long id) {
		return inbox.find(id);
	}

	public java.nio.file.Path rawFile(long id) {
		return inbox.stored(id).rawFile();
	}

	/** Puts a FAILED or REJECTED message back in line for the next batch. */
	public void reprocess(long id) {
		inbox.reprocess(id);
	}
}
