package io.casepost.inbound.reply;

import java.util.ArrayList;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Extraction on HTML. Outlook's reply separators (divRplyFwdMsg, the border-top header
 * div, Hotmail's stopSpelling rule) mark for certain where the history starts, so
 * everything from there on is cut in the DOM. The rest is rendered to text with quote
 * containers as "&gt;" lines (gmail_quote and Apple's blockquote type=cite, Yahoo,
 * ProtonMail, Thunderbird's moz-cite-prefix header above its blockquote) and goes through
 * the plain-text rules, which keep interleaved answers.
 */
final class HtmlReplyTrimmer {

	private static final String OUTLOOK_SEPARATORS = "#divRplyFwdMsg, #appendonsend, hr#stopSpelling, div.OutlookMessageHeader, div[style*=border-top]";

	private final Markers markers;

	private final PlainReplyTrimmer plainTrimmer;

	HtmlReplyTrimmer(Markers markers, PlainReplyTrimmer plainTrimmer) {
		this.markers = markers;
		this.plainTrimmer = plainTrimmer;
	}

	ExtractedReply trim(String html) {
		Document document = Jsoup.parse(html);
		Element body = document.body();
		List<Node> history = cutOutlookHistory(body);
		ExtractedReply reply = plainTrimmer.trim(HtmlText.render(List.of(body)));
		if (history.isEmpty()) {
			return reply;
		}
		String historyText = HtmlText.render(history);
		if (!reply.text().isEmpty() && !reply.forwardIncluded() && startsWithForward(historyText)) {
			return new ExtractedReply(reply.text(), reply.trimmed(), historyText);
		}
		String trimmed = reply.trimmed().isEmpty() ? historyText : reply.trimmed() + "\n\n" + historyText;
		return new ExtractedReply(reply.text(), trimmed, reply.forwarded());
	}

	private boolean startsWithForward(String text) {
		return PlainReplyTrimmer.splitLines(text)
			.stream()
			.filter(l -> !Text.isBlank(l))
			.findFirst()
			.map(markers::isForwardSeparator)
			.orElse(false);
	}

	/**
	 * Removes the first Outlook separator and everything after it in document order;
	 * returns what was removed.
	 */
	private List<Node> cutOutlookHistory(Element body) {
		Element separator = body.select(OUTLOOK_SEPARATORS).stream().filter(this::isSeparator).findFirst().orElse(null);
		List<Node> removed = new ArrayList<>();
		for (Node node = separator; node != null && node != body; node = node.parent()) {
			Node sibling = node == separator ? node : node.nextSibling();
			while (sibling != null) {
				removed.add(sibling);
				sibling = sibling.nextSibling();
			}
		}
		removed.forEach(Node::remove);
		return removed;
	}

	/**
	 * A border-top div is only a separator when it holds a header block ("From: ...").
	 */
	private boolean isSeparator(Element element) {
		if (!element.nameIs("div") || element.id().equals("divRplyFwdMsg") || element.hasClass("OutlookMessageHeader")
				|| element.id().equals("appendonsend")) {
			return true;
		}
		String text = element.wholeText().strip();
		return markers.fieldOf(text) != null;
	}

}
