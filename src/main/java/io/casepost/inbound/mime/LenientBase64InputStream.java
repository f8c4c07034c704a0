package io.casepost.inbound.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Base64 decoding that skips whatever is not in the alphabet (line noise, stray padding,
 * garbage) and decodes a truncated last group as far as it goes, where the JDK and
 * Jakarta decoders would throw. Decodes in bulk: whole groups straight into the caller's
 * buffer, from encoded bytes read in blocks.
 */
final class LenientBase64InputStream extends DecodingInputStream {

	private static final int[] SEXTETS = sextetTable();

	private final byte[] encoded = new byte[32 * 1024];

	private int encodedLength;

	private int encodedPosition;

	// a group may span two reads of the input or two calls
	private int group;

	private int sextets;

	private final byte[] pending = new byte[3];

	private int pendingLength;

	private int pendingPosition;

	LenientBase64InputStream(InputStream encoded) {
		super(encoded);
	}

	@Override
	public int read() throws IOException {
		var single = new byte[1];
		return read(single, 0, 1) < 0 ? -1 : single[0] & 0xFF;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int count = 0;
		while (count < length) {
			if (pendingPosition < pendingLength) {
				buffer[offset + count++] = pending[pendingPosition++];
				continue;
			}
			int written;
			if (length - count >= 3) {
				written = decodeInto(buffer, offset + count, length - count);
			}
			else {
				written = decodeInto(pending, 0, 3);
				pendingLength = Math.max(written, 0);
				pendingPosition = 0;
				written = written < 0 ? -1 : 0;
			}
			if (written < 0) {
				break;
			}
			count += written;
		}
		return count == 0 && length > 0 ? -1 : count;
	}

	/**
	 * Decodes whole groups into {@code target} while three more bytes fit; answers how
	 * many bytes were written, or -1 at the end of the input with nothing written.
	 */
	private int decodeInto(byte[] target, int at, int room) throws IOException {
		int written = 0;
		while (written + 3 <= room) {
			written += decodeCleanGroups(target, at + written, room - written);
			if (written + 3 > room) {
				break;
			}
			if (encodedPosition == encodedLength && !fill()) {
				written += completeGroup(target, at + written);
				return written == 0 ? -1 : written;
			}
			int next = encoded[encodedPosition++] & 0xFF;
			if (next == '=' && sextets >= 2) {
				// padding ends this group; what follows may be another concatenated
				// encoding
				written += completeGroup(target, at + written);
				continue;
			}
			int value = SEXTETS[next];
			if (value >= 0) {
				group = (group << 6) | value;
				if (++sextets == 4) {
					target[at + written] = (byte) (group >> 16);
					target[at + written + 1] = (byte) (group >> 8);
					target[at + written + 2] = (byte) group;
					written += 3;
					group = 0;
					sextets = 0;
				}
			}
		}
		return written;
	}

	/**
	 * The common case at full speed: whole groups of four alphabet characters at a group
	 * boundary; stops at anything else (a line break, padding, noise) for the careful
	 * path.
	 */
	private int decodeCleanGroups(byte[] target, int at, int room) {
		if (sextets != 0) {
			return 0;
		}
		int written = 0;
		int position = encodedPosition;
		while (written + 3 <= room && position + 4 <= encodedLength) {
			int bits = SEXTETS[encoded[position] & 0xFF] << 18 | SEXTETS[encoded[position + 1] & 0xFF] << 12
					| SEXTETS[encoded[position + 2] & 0xFF] << 6 | SEXTETS[encoded[position + 3] & 0xFF];
			if (bits < 0) {
				break;
			}
			target[at + written] = (byte) (bits >> 16);
			target[at + written + 1] = (byte) (bits >> 8);
			target[at + written + 2] = (byte) bits;
			written += 3;
			position += 4;
		}
		encodedPosition = position;
		return written;
	}

	/** Writes what a short group holds (two sextets make one byte, three make two). */
	private int completeGroup(byte[] target, int at) {
		int bytes = Math.max(0, sextets - 1);
		int bits = group << (6 * (4 - sextets));
		for (int i = 0; i < bytes; i++) {
			target[at + i] = (byte) (bits >> (16 - 8 * i));
		}
		group = 0;
		sextets = 0;
		return bytes;
	}

	private boolean fill() throws IOException {
		encodedLength = Math.max(0, in.read(encoded, 0, encoded.length));
		encodedPosition = 0;
		return encodedLength > 0;
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
