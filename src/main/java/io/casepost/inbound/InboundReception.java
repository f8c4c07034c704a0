package io.casepost.inbound;

import java.io.IOException;
import java.io.InputStream;

import io.casepost.inbound.inbox.Inbox;
import io.casepost.inbound.inbox.RawContent;

import org.springframework.stereotype.Service;

/**
 * Where the push sources (SMTP listener, webhook) hand over a raw message: it is stored
 * in the durable inbox before the sender is answered, and processed within seconds by the
 * same pipeline as the batch. The importer of mail files stores through here too.
 */
@Service
public class InboundReception {

	private final Inbox inbox;

	private final InboundBatches batches;

	InboundReception(Inbox inbox, InboundBatches batches) {
		this.inbox = inbox;
		this.batches = batches;
	}

	/**
	 * Stores a message from a file under its source reference (its path and position),
	 * for the importer to process with everything else it stored; a reference stored
	 * before is not stored again.
	 */
	public void storeForLater(InputStream raw, String source, String sourceRef) throws IOException {
		inbox.store(RawContent.of(raw), source, sourceRef);
	}

	/** Whether a message of this source reference is stored: a file imported again. */
	public boolean hasStored(String sourceRef) {
		return inbox.contains(sourceRef);
	}

	/** How many stored messages wait to be processed. */
	public int waiting() {
		return inbox.count(Disposition.PENDING);
	}

	/** Answers the inbox id once the message and its row are durably stored. */
	public long receive(InputStream raw, String source) throws IOException {
		var id = inbox.store(RawContent.of(raw), source, null);
		batches.processSoon();
		return id;
	}

}
