package io.casepost.inbound.reply;

/**
 * Extracts what the sender newly wrote from a reply email. Thread-safe; the marker data
 * is loaded once.
 */
public class ReplyExtractor {

	private static final Markers MARKERS = Markers.load();

	private final PlainReplyTrimmer plainTrimmer = new PlainReplyTrimmer(MARKERS);

	private final HtmlReplyTrimmer htmlTrimmer = new HtmlReplyTrimmer(MARKERS, plainTrimmer);

	public ExtractedReply fromText(String plainBody) {
		return plainTrimmer.trim(plainBody == null ? "" : plainBody);
	}

	public ExtractedReply fromHtml(String htmlBody) {
		return htmlTrimmer.trim(htmlBody == null ? "" : htmlBody);
	}

}
