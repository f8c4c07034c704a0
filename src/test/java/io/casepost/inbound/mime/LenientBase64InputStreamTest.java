package io.casepost.inbound.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LenientBase64InputStreamTest {

	@Test
	void decodesWhatTheMimeEncoderWroteAcrossManyReadBlocks() throws IOException {
		var original = new byte[100_003];
		new Random(7).nextBytes(original);
		var encoded = Base64.getMimeEncoder().encode(original);

		assertThat(decode(encoded)).isEqualTo(original);
	}

	@Test
	void decodesOneByteAtATimeAsInBlocks() throws IOException {
		var original = "a reply with an attachment".repeat(500).getBytes(StandardCharsets.US_ASCII);
		var encoded = Base64.getMimeEncoder().encode(original);
		var bytes = new ByteArrayOutputStream();
		try (var in = new LenientBase64InputStream(new ByteArrayInputStream(encoded))) {
			for (int next; (next = in.read()) >= 0;) {
				bytes.write(next);
			}
		}

		assertThat(bytes.toByteArray()).isEqualTo(original);
	}

	@Test
	void skipsWhatIsNotInTheAlphabet() throws IOException {
		assertThat(decode("aGVs*bG8g\r\n!d29y bGQ=".getBytes(StandardCharsets.US_ASCII)))
			.asString(StandardCharsets.US_ASCII)
			.isEqualTo("hello world");
	}

	@Test
	void decodesATruncatedLastGroupAsFarAsItGoes() throws IOException {
		assertThat(decode("aGVsbG8gd29y".concat("bG").getBytes(StandardCharsets.US_ASCII)))
			.asString(StandardCharsets.US_ASCII)
			.isEqualTo("hello worl");
	}

	@Test
	void decodesEncodingsConcatenatedAfterPadding() throws IOException {
		assertThat(decode("aGk=dGhlcmU=".getBytes(StandardCharsets.US_ASCII))).asString(StandardCharsets.US_ASCII)
			.isEqualTo("hithere");
	}

	@Test
	void noiseBetweenAndInsideGroupsDecodesAsWithoutIt() throws IOException {
		var content = new byte[100_003];
		new Random(7).nextBytes(content);
		var clean = Base64.getEncoder().encodeToString(content);
		var noisy = new StringBuilder();
		for (int i = 0; i < clean.length(); i++) {
			noisy.append(clean.charAt(i));
			if (i % 77 == 5) {
				noisy.append(i % 2 == 0 ? "\r\n" : " !");
			}
		}
		var in = new LenientBase64InputStream(
				new ByteArrayInputStream(noisy.toString().getBytes(StandardCharsets.US_ASCII)));
		var out = new ByteArrayOutputStream();
		var buffer = new byte[7];
		int read;
		while ((read = in.read(buffer, 0, 1 + out.size() % 7)) != -1) {
			out.write(buffer, 0, read);
		}

		assertThat(out.toByteArray()).isEqualTo(content);
	}

	private static byte[] decode(byte[] encoded) throws IOException {
		try (InputStream in = new LenientBase64InputStream(new ByteArrayInputStream(encoded))) {
			return in.readAllBytes();
		}
	}

}
