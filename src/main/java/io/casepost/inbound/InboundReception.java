package io.casepost.inbound;

import java.io.IOException;
import java.io.InputStream;

import io.casepost.inbound.inbox.Inbox;
import io.casepost.inbound.inbox.RawContent;

import org.springframework.stereotype.Service;

/**
 * Where the push sources (SMTP listener, webhook) hand over a raw message: it is stored
 * in the durable inbox before the sender is answered, and processed within seconds by the
 * same pipeline as the batch.
 */
@Service
public class InboundReception {

	private final Inbox inbox;

	private final InboundBatches batches;

	InboundReception(Inbox inbox, InboundBatches batches) {
		this.inbox = inbox;
		this.batches = batches;
	}

	/** Answers the inbox id once the message and its row are durably stored. */
	public long receive(InputStream raw, String source) throws IOException {
		var id = inbox.store(RawContent.of(raw), source, null);
		batches.processSoon();
		return id;
	}

}
