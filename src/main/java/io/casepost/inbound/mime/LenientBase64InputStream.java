package io.casepost.inbound.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Base64 decoding that skips whatever is not in the alphabet (line noise, stray padding,
 * garbage) and decodes a truncated last group as far as it goes, where the JDK and
 * Jakarta decoders would throw.
 */
final class LenientBase64InputStream extends DecodingInputStream {

	private static final int[] SEXTETS = sextetTable();

	// read ahead in blocks: one call into the underlying stream per encoded byte
	// dominated parsing
	private final byte[] encoded = new byte[8192];

	private int encodedLength;

	private int encodedPosition;

	private final byte[] decoded = new byte[3];

	private int decodedLength;

	private int decodedPosition;

	LenientBase64InputStream(InputStream encoded) {
		super(encoded);
	}

	@Override
	public int read() throws IOException {
		if (decodedPosition == decodedLength && !decodeNextGroup()) {
			return -1;
		}
		return decoded[decodedPosition++] & 0xFF;
	}

	private boolean decodeNextGroup() throws IOException {
		int group = 0;
		int sextets = 0;
		int next;
		while (sextets < 4 && (next = nextEncoded()) >= 0) {
			if (next == '=' && sextets >= 2) {
				break; // padding ends this group; what follows may be another
						// concatenated encoding
			}
			int value = SEXTETS[next];
			if (value >= 0) {
				group = (group << 6) | value;
				sextets++;
			}
		}
		decodedPosition = 0;
		decodedLength = Math.max(0, sextets - 1);
		group <<= 6 * (4 - sextets);
		for (int i = 0; i < decodedLength; i++) {
			decoded[i] = (byte) (group >> (16 - 8 * i));
		}
		return decodedLength > 0;
	}

	private int nextEncoded() throws IOException {
		if (encodedPosition == encodedLength) {
			encodedLength = Math.max(0, in.read(encoded, 0, encoded.length));
			encodedPosition = 0;
			if (encodedLength == 0) {
				return -1;
			}
		}
		return encoded[encodedPosition++] & 0xFF;
	}

	private static int[] sextetTable() {
		var table = new int[256];
		Arrays.fill(table, -1);
		var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
		for (int i = 0; i < alphabet.length(); i++) {
			table[alphabet.charAt(i)] = i;
		}
		return table;
	}

}
