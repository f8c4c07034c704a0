package io.casepost.inbound.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * Quoted-printable decoding that keeps a malformed escape ({@code =ZZ}, a lone {@code =})
 * as the literal text.
 */
final class LenientQuotedPrintableInputStream extends DecodingInputStream {

	LenientQuotedPrintableInputStream(InputStream encoded) {
		super(new PushbackInputStream(encoded, 2));
	}

	@Override
	public int read() throws IOException {
		int next = in.read();
		while (next == '=') {
			int first = in.read();
			if (isSoftLineBreak(first)) {
				next = in.read();
				continue;
			}
			int second = in.read();
			if (isHex(first) && isHex(second)) {
				return Character.digit(first, 16) * 16 + Character.digit(second, 16);
			}
			unread(second);
			unread(first);
			return '=';
		}
		return next;
	}

	private boolean isSoftLineBreak(int afterEquals) throws IOException {
		if (afterEquals == '\n') {
			return true;
		}
		if (afterEquals != '\r') {
			return false;
		}
		int lineFeed = in.read();
		if (lineFeed != '\n') {
			unread(lineFeed);
		}
		return true;
	}

	private void unread(int b) throws IOException {
		if (b >= 0) {
			((PushbackInputStream) in).unread(b);
		}
	}

	private static boolean isHex(int c) {
		return c >= 0 && Character.digit(c, 16) >= 0;
	}

}
