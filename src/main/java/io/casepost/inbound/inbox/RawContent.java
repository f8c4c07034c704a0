package io.casepost.inbound.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jakarta.mail.MessagingException;

/**
 * A raw message as its source can write it out, streamed straight to disk rather than
 * held in memory.
 */
@FunctionalInterface
public interface RawContent {

	void writeTo(OutputStream out) throws IOException, MessagingException;

	static RawContent of(InputStream in) {
		return out -> {
			try (in) {
				in.transferTo(out);
			}
		};
	}

}
