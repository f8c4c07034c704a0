package io.casepost.operations;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads an mbox file one message at a time, straight from the stream: a line starting
 * {@code "From "} begins each message and is not part of it, and {@code ">From "} lines
 * (escaped in mboxrd and mboxo files) lose one {@code '>'}.
 */
final class Mbox implements AutoCloseable {

	private final InputStream in;

	private byte[] pending;

	private byte[] lastRead;

	private byte[] heldBlank;

	private final java.util.ArrayDeque<byte[]> ready = new java.util.ArrayDeque<>();

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
	 * The next message, read from the file as the caller reads it, without its separator
	 * line and the blank line that ends it; closing it skips what was not read.
	 */
	public InputStream nextMessage() {
		return new InputStream() {

			private byte[] line = new byte[0];

			private int at;

			private boolean ended;

			@Override
			public int read() throws IOException {
				return filled() ? line[at++] & 0xff : -1;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				if (length == 0) {
					return 0;
				}
				if (!filled()) {
					return -1;
				}
				var count = Math.min(length, line.length - at);
				System.arraycopy(line, at, buffer, offset, count);
				at += count;
				return count;
			}

			@Override
			public void close() throws IOException {
				while (filled()) {
					at = line.length;
				}
			}

			private boolean filled() throws IOException {
				while (!ended && at == line.length) {
					line = nextLine();
					at = 0;
					ended = line == null;
				}
				return !ended;
			}

		};
	}

	/**
	 * The message's next line, unescaped; a blank line is held back until a line of the
	 * message follows it. Null at the next separator or the end of the file.
	 */
	private byte[] nextLine() throws IOException {
		while (ready.isEmpty()) {
			var line = readLine();
			if (line == null || isSeparator(line)) {
				pending = lastRead;
				heldBlank = null;
				return null;
			}
			if (heldBlank != null) {
				ready.add(heldBlank);
				heldBlank = null;
			}
			if (isBlank(line)) {
				heldBlank = line;
			}
			else {
				ready.add(unescaped(line));
			}
		}
		return ready.poll();
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
