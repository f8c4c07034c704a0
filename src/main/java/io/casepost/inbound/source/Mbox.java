package io.casepost.inbound.source;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads an mbox file one message at a time, straight from the stream: a line starting
 * {@code "From "} begins each message and is not part of it, and {@code ">From "} lines
 * (escaped in mboxrd and mboxo files) lose one {@code '>'}.
 */
public final class Mbox implements AutoCloseable {

	private final InputStream in;

	private byte[] pending;

	private byte[] lastRead;

	public Mbox(InputStream in) throws IOException {
		this.in = new BufferedInputStream(in, 64 * 1024);
		this.pending = readLine();
		while (pending != null && !isSeparator(pending)) {
			pending = readLine();
		}
	}

	/** Whether the stream starts like an mbox file rather than a single message. */
	public static boolean looksLikeMbox(byte[] start) {
		return new String(start, StandardCharsets.ISO_8859_1).startsWith("From ");
	}

	public boolean hasNext() {
		return pending != null;
	}

	/**
	 * Writes the next message out, without its separator line and the blank line that
	 * ends it.
	 */
	public void writeNextTo(OutputStream out) throws IOException {
		byte[] blank = null;
		for (var line = readLine(); line != null && !isSeparator(line); line = readLine()) {
			if (blank != null) {
				out.write(blank);
				blank = null;
			}
			if (isBlank(line)) {
				blank = line;
			}
			else {
				out.write(unescaped(line));
			}
		}
		pending = lastRead;
	}

	@Override
	public void close() throws IOException {
		in.close();
	}

	private byte[] readLine() throws IOException {
		var line = new ByteArrayOutputStream(128);
		int b;
		while ((b = in.read()) != -1) {
			line.write(b);
			if (b == '\n') {
				break;
			}
		}
		lastRead = line.size() == 0 ? null : line.toByteArray();
		return lastRead;
	}

	private static boolean isSeparator(byte[] line) {
		return line.length >= 5 && line[0] == 'F' && line[1] == 'r' && line[2] == 'o' && line[3] == 'm'
				&& line[4] == ' ';
	}

	private static boolean isBlank(byte[] line) {
		return line.length == 1 && line[0] == '\n' || line.length == 2 && line[0] == '\r' && line[1] == '\n';
	}

	private static byte[] unescaped(byte[] line) {
		var quotes = 0;
		while (quotes < line.length && line[quotes] == '>') {
			quotes++;
		}
		if (quotes == 0 || line.length < quotes + 5
				|| !new String(line, quotes, 5, StandardCharsets.ISO_8859_1).equals("From ")) {
			return line;
		}
		return java.util.Arrays.copyOfRange(line, 1, line.length);
	}

}
