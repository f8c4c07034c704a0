package io.casepost.inbound.mime;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.casepost.shared.ByteSizes;
import io.casepost.shared.FileNameSanitizer;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;

/**
 * Reads a stored raw email into a {@link ParsedEmail}. Attachment bytes stay in the file:
 * only headers and body text are read. Any message either parses or is refused with a
 * reason; nothing else escapes.
 */
public final class EmailParser {

	private final ParseLimits limits;

	private final HeaderBlock headerBlock;

	public EmailParser() {
		this(ParseLimits.DEFAULTS);
	}

	public EmailParser(ParseLimits limits) {
		this.limits = limits;
		this.headerBlock = new HeaderBlock(limits);
	}

	public ParsedEmail parse(Path rawMessageFile) throws UnreadableEmailException {
		try {
			checkSize(rawMessageFile);
			checkTopLevelHeaders(rawMessageFile);
			try (var file = new SharedFileInputStream(rawMessageFile.toFile())) {
				var message = MimeTree.open(file);
				var leaves = new PartWalker(limits, headerBlock).leavesOf(message);
				return assemble(message, leaves, rawMessageFile);
			}
		}
		catch (IOException | MessagingException | RuntimeException malformed) {
			throw new UnreadableEmailException("malformed MIME: " + describe(malformed));
		}
	}

	private void checkSize(Path rawMessageFile) throws IOException, UnreadableEmailException {
		if (Files.size(rawMessageFile) > limits.maxMessageBytes()) {
			throw new UnreadableEmailException("message larger than " + ByteSizes.describe(limits.maxMessageBytes()));
		}
	}

	private void checkTopLevelHeaders(Path rawMessageFile)
			throws IOException, MessagingException, UnreadableEmailException {
		try (var in = new BufferedInputStream(Files.newInputStream(rawMessageFile))) {
			headerBlock.read(in);
		}
	}

	private ParsedEmail assemble(MimeMessage message, List<PartWalker.Leaf> leaves, Path file)
			throws MessagingException, IOException, UnreadableEmailException {
		var body = new BodyText(limits);
		var attachmentLeaves = new ArrayList<PartWalker.Leaf>();
		for (var leaf : leaves) {
			if (isBodyText(leaf)) {
				body.append(leaf.part(), leaf.mediaType());
			}
			else {
				attachmentLeaves.add(leaf);
			}
		}
		var headers = decodedHeaders(message);
		var contentType = MimeTree.firstHeader(message, "Content-Type");
		return new ParsedEmail(first(Addresses.messageIds(raw(message, "Message-ID"))),
				Addresses.mailboxes(raw(message, "From")), first(Addresses.mailboxes(raw(message, "Sender"))),
				addresses(message, "Reply-To"), addresses(message, "To"), addresses(message, "Cc"),
				addresses(message, "Delivered-To"), addresses(message, "X-Original-To"),
				first(headers.getOrDefault("subject", List.of())), sentDate(message),
				first(Addresses.messageIds(raw(message, "In-Reply-To"))),
				Addresses.messageIds(raw(message, "References")), headers, body.plain(), body.html(),
				attachments(attachmentLeaves, body.referencedContentIds(), file),
				HeaderParameters.value(contentType).contains("/") ? HeaderParameters.value(contentType) : "text/plain",
				lowerCase(HeaderParameters.parameter(contentType, "report-type")));
	}

	/** Text that is not offered as a file is the body, wherever it sits in the tree. */
	private static boolean isBodyText(PartWalker.Leaf leaf) throws MessagingException {
		var mediaType = leaf.mediaType();
		return (mediaType.equals("text/plain") || mediaType.equals("text/html"))
				&& !disposition(leaf.part()).equals("attachment") && declaredFileName(leaf.part()) == null;
	}

	private List<ParsedAttachment> attachments(List<PartWalker.Leaf> leaves, Set<String> referencedContentIds,
			Path file) throws MessagingException {
		var attachments = new ArrayList<ParsedAttachment>();
		for (var leaf : leaves) {
			var part = leaf.part();
			var index = attachments.size();
			var contentId = contentId(part);
			var fileName = FileNameSanitizer.fileNameOrFallback(fileNameOf(leaf), index, leaf.mediaType());
			attachments.add(new ParsedAttachment(index, fileName, leaf.mediaType(),
					isInline(leaf, contentId, referencedContentIds), contentId, new StoredPart(file, leaf.path())));
		}
		return List.copyOf(attachments);
	}

	/**
	 * Shown in the body: referenced from the HTML, or an image the sender marked inline.
	 * Apple Mail marks every attachment inline, so an inline PDF or document still counts
	 * as attached.
	 */
	private static boolean isInline(PartWalker.Leaf leaf, String contentId, Set<String> referencedContentIds)
			throws MessagingException {
		return contentId != null && referencedContentIds.contains(contentId)
				|| disposition(leaf.part()).equals("inline") && leaf.mediaType().startsWith("image/");
	}

	private String fileNameOf(PartWalker.Leaf leaf) throws MessagingException {
		var declared = declaredFileName(leaf.part());
		if (declared != null || !leaf.mediaType().equals("message/rfc822")) {
			return declared;
		}
		var subject = subjectOfAttachedMessage(leaf.part());
		return subject == null || subject.isBlank() ? null : subject + ".eml";
	}

	private String subjectOfAttachedMessage(Part part) {
		try (var content = MimeTree.decodedContent(part)) {
			return EncodedWords.decode(headerBlock.read(content).getHeader("Subject", null));
		}
		catch (IOException | MessagingException | UnreadableEmailException | RuntimeException unreadable) {
			return null;
		}
	}

	private static String declaredFileName(Part part) throws MessagingException {
		var fromDisposition = HeaderParameters.parameter(MimeTree.firstHeader(part, "Content-Disposition"), "filename");
		return fromDisposition != null && !fromDisposition.isBlank() ? fromDisposition
				: blankToNull(HeaderParameters.parameter(MimeTree.firstHeader(part, "Content-Type"), "name"));
	}

	private static String disposition(Part part) throws MessagingException {
		return HeaderParameters.value(MimeTree.firstHeader(part, "Content-Disposition"));
	}

	private static String contentId(Part part) throws MessagingException {
		var ids = Addresses.messageIds(raw(part, "Content-ID"));
		return ids.isEmpty() ? null : ids.get(0);
	}

	private static Map<String, List<String>> decodedHeaders(MimeMessage message) throws MessagingException {
		var headers = new LinkedHashMap<String, List<String>>();
		for (Header header : Collections.list(message.getAllHeaders())) {
			headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
				.add(EncodedWords.decode(header.getValue()).trim());
		}
		headers.replaceAll((name, values) -> List.copyOf(values));
		return Collections.unmodifiableMap(headers);
	}

	private static List<String> addresses(MimeMessage message, String header) throws MessagingException {
		return Addresses.lowerCased(Addresses.mailboxes(raw(message, header)));
	}

	private static List<String> raw(Part part, String header) throws MessagingException {
		var values = part.getHeader(header);
		return values == null ? List.of() : List.of(values);
	}

	private static Instant sentDate(MimeMessage message) {
		try {
			var date = message.getSentDate();
			return date == null ? null : date.toInstant();
		}
		catch (MessagingException | RuntimeException unparseable) {
			return null;
		}
	}

	private static String describe(Exception malformed) {
		var message = malformed.getMessage();
		return message == null || message.isBlank() ? malformed.getClass().getSimpleName() : message;
	}

	private static <T> T first(List<T> values) {
		return values.isEmpty() ? null : values.get(0);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	private static String lowerCase(String value) {
		return value == null ? null : value.toLowerCase(Locale.ROOT);
	}

}
