package io.casepost.inbound.mime;

/** Bounds that keep a hostile or broken message from costing unbounded memory or time. */
public record ParseLimits(int maxHeaderBytes, int maxHeaderLineLength, int maxParts, int maxDepth,
		long maxBodyTextBytes) {

	public static final ParseLimits DEFAULTS = new ParseLimits(256 * 1024, 100_000, 500, 20, 5L * 1024 * 1024);
}
