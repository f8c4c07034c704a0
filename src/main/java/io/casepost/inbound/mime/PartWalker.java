package io.casepost.inbound.mime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * Flattens the MIME tree into its leaf parts in MIME order, enforcing the part, depth and
 * header limits.
 */
final class PartWalker {

	/**
	 * A part that is not a multipart, with its path of child indexes from the message.
	 */
	record Leaf(Part part, List<Integer> path, String mediaType) {
	}

	private final ParseLimits limits;

	private final HeaderBlock headerBlock;

	private int partCount;

	PartWalker(ParseLimits limits, HeaderBlock headerBlock) {
		this.limits = limits;
		this.headerBlock = headerBlock;
	}

	List<Leaf> leavesOf(MimeMessage message) throws MessagingException, UnreadableEmailException {
		var leaves = new ArrayList<Leaf>();
		walk(message, List.of(), "text/plain", leaves);
		return leaves;
	}

	private void walk(Part part, List<Integer> path, String defaultType, List<Leaf> leaves)
			throws MessagingException, UnreadableEmailException {
		countPart(1);
		if (path.size() > limits.maxDepth()) {
			throw new UnreadableEmailException("MIME parts nested deeper than %d levels".formatted(limits.maxDepth()));
		}
		checkHeaders(part);
		var mediaType = mediaType(part, defaultType);
		var children = mediaType.startsWith("multipart/") ? childrenOf(part) : null;
		if (children == null) {
			// a multipart without usable boundaries is read as the text it is
			leaves.add(new Leaf(part, path, mediaType.startsWith("multipart/") ? "text/plain" : mediaType));
			return;
		}
		countPart(children.getCount());
		var childDefault = mediaType.equals("multipart/digest") ? "message/rfc822" : "text/plain";
		for (int i = 0; i < children.getCount(); i++) {
			walk(children.getBodyPart(i), append(path, i), childDefault, leaves);
		}
	}

	private void countPart(int more) throws UnreadableEmailException {
		partCount += more;
		if (partCount > limits.maxParts()) {
			throw new UnreadableEmailException("more than %d MIME parts".formatted(limits.maxParts()));
		}
	}

	private void checkHeaders(Part part) throws MessagingException, UnreadableEmailException {
		long total = 0;
		for (Header header : Collections.list(part.getAllHeaders())) {
			var text = header.getName() + ": " + header.getValue();
			for (var line : text.split("\r?\n")) {
				headerBlock.checkLine(line.length());
			}
			total += text.length();
		}
		headerBlock.checkTotal(total);
	}

	private static MimeMultipart childrenOf(Part part) {
		try {
			var children = MimeTree.children(part);
			return children.getCount() > 0 ? children : null;
		}
		catch (MessagingException | RuntimeException noBoundary) {
			return null;
		}
	}

	private static String mediaType(Part part, String defaultType) throws MessagingException {
		var declared = HeaderParameters.value(MimeTree.firstHeader(part, "Content-Type"));
		return declared.contains("/") ? declared : defaultType;
	}

	private static List<Integer> append(List<Integer> path, int index) {
		var longer = new ArrayList<>(path);
		longer.add(index);
		return List.copyOf(longer);
	}

}
