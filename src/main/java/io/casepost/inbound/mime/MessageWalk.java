package io.casepost.inbound.mime;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.casepost.shared.FileNameSanitizer;
import jakarta.mail.internet.MailDateFormat;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.io.MaxHeaderLengthLimitException;
import org.apache.james.mime4j.io.MaxLineLimitException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * One pass over a message with mime4j's token stream: headers as they come, each leaf
 * part's bytes read once where the {@link Depth} asks for them, and the part, depth and
 * header limits enforced on the way. Attached messages are leaves, not walked into.
 */
final class MessageWalk {

	enum Depth {

		/** The message's own header fields only. */
		HEADERS,
		/** Every header field, of the message and of its parts; no part's body read. */
		ENVELOPE,
		/** Everything: the body text decoded, each attachment decoded into the sink. */
		CONTENT

	}

	private final ParseLimits limits;

	private final Depth depth;

	private final AttachmentSink sink;

	private final BodyText body;

	private final List<Leaf> attachments = new ArrayList<>();

	private final Deque<Multipart> open = new ArrayDeque<>();

	private HeaderFields top;

	private HeaderFields current;

	private int parts;

	MessageWalk(ParseLimits limits, Depth depth, AttachmentSink sink) {
		this.limits = limits;
		this.depth = depth;
		this.sink = sink;
		this.body = new BodyText(limits);
	}

	ParsedEmail read(InputStream in) throws Exception {
		var tokens = new MimeTokenStream(config(limits), new LenientBodyDescriptors());
		tokens.setRecursionMode(RecursionMode.M_NO_RECURSE);
		tokens.parse(in);
		countPart();
		try {
			for (var state = tokens.getState(); state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
				if (!step(state, tokens)) {
					break;
				}
			}
		}
		catch (MimeException | IOException e) {
			throw limitPassed(e);
		}
		return assemble();
	}

	/** mime4j's own header limits, told as this class tells them. */
	private Exception limitPassed(Exception e) throws UnreadableEmailException {
		for (Throwable cause = e; cause != null; cause = cause.getCause()) {
			if (cause instanceof MaxLineLimitException) {
				throw HeaderFields.lineTooLong(limits);
			}
			if (cause instanceof MaxHeaderLengthLimitException) {
				throw HeaderFields.headersTooLarge(limits);
			}
		}
		return e;
	}

	/** Answers whether to read on. */
	private boolean step(EntityState state, MimeTokenStream tokens)
			throws IOException, MimeException, UnreadableEmailException {
		switch (state) {
			case T_START_HEADER -> current = new HeaderFields(limits);
			case T_FIELD -> current.add(tokens.getField());
			case T_END_HEADER -> {
				if (top == null) {
					top = current;
					return depth != Depth.HEADERS;
				}
			}
			case T_START_BODYPART -> {
				countPart();
				if (open.size() > limits.maxDepth()) {
					throw new UnreadableEmailException(
							"MIME parts nested deeper than %d levels".formatted(limits.maxDepth()));
				}
				open.peek().children++;
			}
			case T_START_MULTIPART -> open.push(new Multipart(current));
			case T_PREAMBLE -> open.peek().preamble = depth == Depth.CONTENT ? tokens.getInputStream()
				.readNBytes((int) Math.min(limits.maxBodyTextBytes() + 1, Integer.MAX_VALUE - 8)) : null;
			case T_END_MULTIPART -> {
				var multipart = open.pop();
				if (multipart.children == 0) {
					// no boundary was ever found: the content is read as the text it is
					leaf(multipart.headers, "text/plain",
							new ByteArrayInputStream(multipart.preamble == null ? new byte[0] : multipart.preamble));
				}
			}
			case T_BODY -> leaf(current, tokens.getBodyDescriptor().getMimeType(), tokens.getInputStream());
			default -> {
			}
		}
		return true;
	}

	private void leaf(HeaderFields headers, String mediaType, InputStream raw)
			throws IOException, UnreadableEmailException {
		if (isBodyText(headers, mediaType)) {
			if (depth == Depth.CONTENT) {
				body.append(decoded(headers, raw), headers.first("content-type"), mediaType);
			}
			return;
		}
		var decoded = new BufferedInputStream(decoded(headers, raw), 64 * 1024);
		var fileName = FileNameSanitizer.fileNameOrFallback(fileNameOf(headers, mediaType, decoded), attachments.size(),
				mediaType);
		AttachmentContent content = null;
		if (depth == Depth.CONTENT) {
			try {
				content = sink.write(fileName, mediaType, new MessageBytes(decoded));
			}
			catch (MessageBytes.Unreadable unreadable) {
				throw unreadable.getCause();
			}
			catch (IOException sinkFailed) {
				throw new UncheckedIOException(sinkFailed);
			}
		}
		attachments.add(new Leaf(fileName, mediaType, disposition(headers), contentId(headers), content));
	}

	private static InputStream decoded(HeaderFields headers, InputStream raw) {
		return TransferDecoding.decode(raw, headers.first("content-transfer-encoding"));
	}

	/** Text that is not offered as a file is the body, wherever it sits in the tree. */
	private static boolean isBodyText(HeaderFields headers, String mediaType) {
		return (mediaType.equals("text/plain") || mediaType.equals("text/html"))
				&& !disposition(headers).equals("attachment") && declaredFileName(headers) == null;
	}

	private String fileNameOf(HeaderFields headers, String mediaType, BufferedInputStream decoded) throws IOException {
		var declared = declaredFileName(headers);
		if (declared != null || !mediaType.equals("message/rfc822")) {
			return declared;
		}
		var subject = subjectOfAttachedMessage(decoded);
		return subject == null || subject.isBlank() ? null : subject + ".eml";
	}

	/** Peeks at the attached message's header, leaving its bytes to be read whole. */
	private String subjectOfAttachedMessage(BufferedInputStream decoded) throws IOException {
		decoded.mark(limits.maxHeaderBytes() + 1);
		var head = decoded.readNBytes(limits.maxHeaderBytes());
		decoded.reset();
		try {
			return new MessageWalk(limits, Depth.HEADERS, null).read(new ByteArrayInputStream(head)).subject();
		}
		catch (Exception unreadable) {
			return null;
		}
	}

	private static String declaredFileName(HeaderFields headers) {
		var fromDisposition = HeaderParameters.parameter(headers.first("content-disposition"), "filename");
		if (fromDisposition != null && !fromDisposition.isBlank()) {
			return fromDisposition;
		}
		var fromType = HeaderParameters.parameter(headers.first("content-type"), "name");
		return fromType == null || fromType.isBlank() ? null : fromType;
	}

	private static String disposition(HeaderFields headers) {
		return HeaderParameters.value(headers.first("content-disposition"));
	}

	private static String contentId(HeaderFields headers) {
		var ids = Addresses.messageIds(headers.all("content-id"));
		return ids.isEmpty() ? null : ids.get(0);
	}

	private void countPart() throws UnreadableEmailException {
		if (++parts > limits.maxParts()) {
			throw new UnreadableEmailException("more than %d MIME parts".formatted(limits.maxParts()));
		}
	}

	private ParsedEmail assemble() {
		var headers = top == null ? new HeaderFields(limits) : top;
		var contentType = headers.first("content-type");
		var mediaType = HeaderParameters.value(contentType);
		return new ParsedEmail(first(Addresses.messageIds(headers.all("message-id"))),
				Addresses.mailboxes(headers.all("from")), first(Addresses.mailboxes(headers.all("sender"))),
				addresses(headers, "reply-to"), addresses(headers, "to"), addresses(headers, "cc"),
				addresses(headers, "delivered-to"), addresses(headers, "x-original-to"),
				EncodedWords.decode(headers.first("subject")), sentDate(headers.first("date")),
				first(Addresses.messageIds(headers.all("in-reply-to"))),
				Addresses.messageIds(headers.all("references")), headers.decoded(), body.plain(), body.html(),
				attachments(), mediaType.contains("/") ? mediaType : "text/plain",
				lowerCase(HeaderParameters.parameter(contentType, "report-type")));
	}

	private List<ParsedAttachment> attachments() {
		var referenced = body.referencedContentIds();
		var parsed = new ArrayList<ParsedAttachment>();
		for (var leaf : attachments) {
			parsed.add(new ParsedAttachment(parsed.size(), leaf.fileName(), leaf.mediaType(), leaf.isInline(referenced),
					leaf.contentId(), leaf.content()));
		}
		return List.copyOf(parsed);
	}

	private static List<String> addresses(HeaderFields headers, String name) {
		return Addresses.lowerCased(Addresses.mailboxes(headers.all(name)));
	}

	private static Instant sentDate(String date) {
		try {
			return date == null ? null : new MailDateFormat().parse(date).toInstant();
		}
		catch (java.text.ParseException | RuntimeException unparseable) {
			return null;
		}
	}

	private static <T> T first(List<T> values) {
		return values.isEmpty() ? null : values.get(0);
	}

	private static String lowerCase(String value) {
		return value == null ? null : value.toLowerCase(Locale.ROOT);
	}

	/**
	 * Limits this class enforces itself; mime4j's own header limits (which apply to
	 * header lines only, not to body lines) bound memory before a field is handed over.
	 */
	private static MimeConfig config(ParseLimits limits) {
		return MimeConfig.custom()
			.setStrictParsing(false)
			.setMaxLineLen(limits.maxHeaderLineLength() + 2)
			.setMaxHeaderCount(-1)
			.setMaxHeaderLen(limits.maxHeaderBytes() + 2)
			.setMaxContentLen(-1)
			.setMaxTotalHeaderCount(-1)
			.setMaxTotalHeaderLen(-1)
			.setMaxPartCount(-1)
			.setMaxNestingDepth(-1)
			.build();
	}

	private static final class Multipart {

		final HeaderFields headers;

		int children;

		byte[] preamble;

		Multipart(HeaderFields headers) {
			this.headers = headers;
		}

	}

	private record Leaf(String fileName, String mediaType, String disposition, String contentId,
			AttachmentContent content) {

		/**
		 * Shown in the body: referenced from the HTML, or an image the sender marked
		 * inline. Apple Mail marks every attachment inline, so an inline PDF or document
		 * still counts as attached.
		 */
		boolean isInline(Set<String> referencedContentIds) {
			return contentId != null && referencedContentIds.contains(contentId)
					|| disposition.equals("inline") && mediaType.startsWith("image/");
		}

	}

	/**
	 * The decoded bytes as the sink reads them: a failure to read the message is told
	 * apart from the sink's own.
	 */
	private static final class MessageBytes extends FilterInputStream {

		MessageBytes(InputStream decoded) {
			super(decoded);
		}

		@Override
		public int read() throws IOException {
			try {
				return super.read();
			}
			catch (IOException e) {
				throw new Unreadable(e);
			}
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			try {
				return super.read(buffer, offset, length);
			}
			catch (IOException e) {
				throw new Unreadable(e);
			}
		}

		@Override
		public void close() {
			// the parser reads on past this part
		}

		static final class Unreadable extends IOException {

			Unreadable(IOException cause) {
				super(cause);
			}

			@Override
			public synchronized IOException getCause() {
				return (IOException) super.getCause();
			}

		}

	}

}
