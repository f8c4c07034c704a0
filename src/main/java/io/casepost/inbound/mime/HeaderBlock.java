package io.casepost.inbound.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import io.casepost.shared.ByteSizes;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;

/**
 * Enforces the header limits on a stream, before Jakarta Mail would read an unbounded
 * header into memory.
 */
final class HeaderBlock {

	private final ParseLimits limits;

	HeaderBlock(ParseLimits limits) {
		this.limits = limits;
	}

	/**
	 * Reads up to the blank line that ends the headers, failing as soon as a limit is
	 * passed.
	 */
	InternetHeaders read(InputStream in) throws IOException, UnreadableEmailException, MessagingException {
		var header = new ByteArrayOutputStream();
		int lineLength = 0;
		int previous = -1;
		int next;
		while ((next = in.read()) >= 0) {
			header.write(next);
			if (next != '\n') {
				lineLength++;
				checkLine(lineLength);
				checkTotal(header.size());
			}
			else if (lineLength == 0 || lineLength == 1 && previous == '\r') {
				break;
			}
			else {
				lineLength = 0;
			}
			previous = next;
		}
		return new InternetHeaders(new ByteArrayInputStream(header.toByteArray()));
	}

	void checkLine(int length) throws UnreadableEmailException {
		if (length > limits.maxHeaderLineLength()) {
			throw new UnreadableEmailException(
					"header line longer than %,d characters".formatted(limits.maxHeaderLineLength()));
		}
	}

	void checkTotal(long bytes) throws UnreadableEmailException {
		if (bytes > limits.maxHeaderBytes()) {
			throw new UnreadableEmailException("headers larger than " + ByteSizes.describe(limits.maxHeaderBytes()));
		}
	}

}
