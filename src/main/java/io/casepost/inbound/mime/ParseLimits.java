package io.casepost.inbound.mime;

/**
 * Bounds that keep a hostile or broken message from costing unbounded memory or time. The
 * whole message's size also bounds every decoded part: base64, quoted-printable and
 * uuencode only shrink, and nothing is decompressed.
 */
public record ParseLimits(int maxHeaderBytes, int maxHeaderLineLength, int maxParts, int maxDepth,
		long maxBodyTextBytes, long maxMessageBytes) {

	public static final ParseLimits DEFAULTS = new ParseLimits(256 * 1024, 100_000, 500, 20, 5L * 1024 * 1024,
			50L * 1024 * 1024);

}
