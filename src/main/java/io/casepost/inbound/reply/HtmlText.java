package io.casepost.inbound.reply;

import java.util.List;
import java.util.Set;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Readable plain text from HTML: paragraphs and line breaks, list items, links as "text
 * &lt;url&gt;", and quoted parts (blockquote, Yahoo's and ProtonMail's quote containers)
 * prefixed with "&gt; " so that the plain-text rules decide what is history.
 */
final class HtmlText {

	private static final Set<String> BLOCKS = Set.of("p", "div", "table", "tr", "ul", "ol", "li", "h1", "h2", "h3",
			"h4", "h5", "h6", "pre", "blockquote", "hr", "section", "article", "header", "footer", "dl", "dt", "dd");

	private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table");

	private static final Set<String> SKIPPED = Set.of("head", "style", "script", "title", "meta", "template");

	private final StringBuilder out = new StringBuilder();

	private final StringBuilder line = new StringBuilder();

	private int quoteDepth;

	private int preDepth;

	private int blankLinesPending;

	static String render(List<Node> nodes) {
		HtmlText text = new HtmlText();
		nodes.forEach(text::visit);
		text.endLine();
		return PlainReplyTrimmer.stripBlankLines(text.out.toString());
	}

	private static boolean isQuoteContainer(Element element) {
		return element.nameIs("blockquote") || element.hasClass("yahoo_quoted") || element.hasClass("protonmail_quote");
	}

	private void visit(Node node) {
		if (node instanceof TextNode textNode) {
			appendText(preDepth > 0 ? textNode.getWholeText() : collapse(textNode.getWholeText()));
		}
		else if (node instanceof Element element && !SKIPPED.contains(element.normalName())) {
			visitElement(element);
		}
	}

	private void visitElement(Element element) {
		String name = element.normalName();
		if (name.equals("br")) {
			// a line holding only a break is an empty line, as clients write blank lines:
			// <div><br></div>
			if (line.toString().isBlank()) {
				blankLine();
			}
			else {
				endLine();
			}
			return;
		}
		boolean block = BLOCKS.contains(name);
		boolean quote = isQuoteContainer(element);
		if (block) {
			endLine();
			if (PARAGRAPHS.contains(name)) {
				blankLine();
			}
		}
		if (quote) {
			quoteDepth++;
		}
		if (name.equals("pre")) {
			preDepth++;
		}
		if (name.equals("li")) {
			line.append(element.parent() != null && element.parent().nameIs("ol")
					? (element.elementSiblingIndex() + 1) + ". " : "- ");
		}
		element.childNodes().forEach(this::visit);
		appendLinkTarget(element);
		if (name.equals("pre")) {
			preDepth--;
		}
		if (block) {
			endLine();
		}
		if (quote) {
			quoteDepth--;
		}
		if (block && PARAGRAPHS.contains(name)) {
			blankLine();
		}
	}

	private void appendLinkTarget(Element element) {
		if (!element.nameIs("a")) {
			return;
		}
		String href = element.attr("href");
		String text = element.text().strip();
		if (href.startsWith("http") && !href.equals(text) && !text.isEmpty()) {
			line.append(" <").append(href).append('>');
		}
	}

	private void appendText(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n') {
				endLine();
			}
			else if (c != ' ' || line.length() > 0 && line.charAt(line.length() - 1) != ' ') {
				line.append(c);
			}
		}
	}

	private void endLine() {
		String content = line.toString().stripTrailing();
		line.setLength(0);
		if (content.isBlank()) {
			return;
		}
		for (; blankLinesPending > 0; blankLinesPending--) {
			out.append(quotePrefix().stripTrailing()).append('\n');
		}
		out.append(quotePrefix()).append(preDepth > 0 ? content : content.strip()).append('\n');
	}

	private void blankLine() {
		if (out.length() > 0) {
			blankLinesPending = 1;
		}
	}

	private String quotePrefix() {
		return "> ".repeat(quoteDepth);
	}

	private static String collapse(String text) {
		StringBuilder s = new StringBuilder(text.length());
		boolean space = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean isSpace = Character.isWhitespace(c) || c == '\u00a0';
			if (isSpace && !space) {
				s.append(' ');
			}
			else if (!isSpace) {
				s.append(c);
			}
			space = isSpace;
		}
		return s.toString();
	}

}
