package io.casepost.inbound.mime;

import java.io.BufferedInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.casepost.inbound.RawEmail;
import io.casepost.shared.ByteSizes;

/**
 * Reads a stored raw email into a {@link ParsedEmail}, as deep as the caller needs: the
 * message's headers, the envelope (every header of the message and its parts, no body
 * decoded), or the content (body text, and each attachment decoded once into a sink). Any
 * message either parses or is refused with a reason; nothing else escapes, except a
 * sink's own failure.
 */
public final class EmailParser {

	private final ParseLimits limits;

	public EmailParser() {
		this(ParseLimits.DEFAULTS);
	}

	public EmailParser(ParseLimits limits) {
		this.limits = limits;
	}

	/**
	 * The message's own header fields: no body text, no attachments. What the inbox log
	 * shows.
	 */
	public ParsedEmail headers(Path rawMessageFile) throws UnreadableEmailException {
		return headers(RawEmail.of(rawMessageFile));
	}

	public ParsedEmail headers(RawEmail raw) throws UnreadableEmailException {
		return read(raw, MessageWalk.Depth.HEADERS, null);
	}

	/**
	 * Every header field of the message and of its parts, decoding no body: no body text,
	 * and attachments whose content was not read. Enough to decide whether a reply is
	 * posted.
	 */
	public ParsedEmail envelope(Path rawMessageFile) throws UnreadableEmailException {
		return envelope(RawEmail.of(rawMessageFile));
	}

	public ParsedEmail envelope(RawEmail raw) throws UnreadableEmailException {
		return read(raw, MessageWalk.Depth.ENVELOPE, null);
	}

	/** Everything, the attachments decoded into memory: for tools and tests. */
	public ParsedEmail parse(Path rawMessageFile) throws UnreadableEmailException {
		return parse(rawMessageFile, AttachmentSink.inMemory());
	}

	/**
	 * Everything in one pass: the body text, and each attachment decoded once into
	 * {@code sink}.
	 * @throws UncheckedIOException when the sink fails (the message may be fine)
	 */
	public ParsedEmail parse(Path rawMessageFile, AttachmentSink sink) throws UnreadableEmailException {
		return parse(RawEmail.of(rawMessageFile), sink);
	}

	public ParsedEmail parse(RawEmail raw, AttachmentSink sink) throws UnreadableEmailException {
		return read(raw, MessageWalk.Depth.CONTENT, sink);
	}

	private ParsedEmail read(RawEmail raw, MessageWalk.Depth depth, AttachmentSink sink)
			throws UnreadableEmailException {
		try {
			if (raw.size() > limits.maxMessageBytes()) {
				throw new UnreadableEmailException(
						"message larger than " + ByteSizes.describe(limits.maxMessageBytes()));
			}
			try (var in = new BufferedInputStream(raw.open(), 64 * 1024)) {
				return new MessageWalk(limits, depth, sink).read(in);
			}
		}
		catch (UncheckedIOException sinkFailed) {
			throw sinkFailed;
		}
		catch (UnreadableEmailException refused) {
			throw refused;
		}
		catch (Exception malformed) {
			throw new UnreadableEmailException("malformed MIME: " + describe(malformed));
		}
	}

	private static String describe(Exception malformed) {
		var message = malformed.getMessage();
		return message == null || message.isBlank() ? malformed.getClass().getSimpleName() : message;
	}

}
