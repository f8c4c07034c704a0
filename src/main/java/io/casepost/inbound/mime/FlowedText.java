package io.casepost.inbound.mime;

/**
 * Decodes RFC 3676 {@code format=flowed} text: a line ending in a space continues on the
 * next line of the same quote depth; with {@code DelSp=yes} that space was added by the
 * sender's client and is removed, so a long URL or a word split across lines comes out
 * whole. Quote markers are read per line and written once per joined line; a
 * space-stuffed line loses its stuffing space. One pass, linear in the text.
 */
final class FlowedText {

	private FlowedText() {
	}

	static String decode(String text, boolean delSp) {
		StringBuilder out = new StringBuilder(text.length());
		String unix = text.replace("\r\n", "\n");
		boolean endsWithNewline = unix.endsWith("\n");
		String[] lines = (endsWithNewline ? unix.substring(0, unix.length() - 1) : unix).split("\n", -1);
		int paragraphDepth = -1;
		for (String raw : lines) {
			int depth = 0;
			while (depth < raw.length() && raw.charAt(depth) == '>') {
				depth++;
			}
			String line = raw.substring(depth);
			if (line.startsWith(" ")) {
				line = line.substring(1);
			}
			boolean flowed = line.endsWith(" ") && !line.equals("-- ");
			if (paragraphDepth >= 0 && depth != paragraphDepth) {
				out.append('\n');
				paragraphDepth = -1;
			}
			if (paragraphDepth < 0 && depth > 0) {
				out.append(">".repeat(depth)).append(' ');
			}
			out.append(flowed && delSp ? line.substring(0, line.length() - 1) : line);
			if (flowed) {
				paragraphDepth = depth;
			}
			else {
				out.append('\n');
				paragraphDepth = -1;
			}
		}
		int end = out.length();
		return end > 0 && out.charAt(end - 1) == '\n' && !endsWithNewline ? out.substring(0, end - 1) : out.toString();
	}

}
