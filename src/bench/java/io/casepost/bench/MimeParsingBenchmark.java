package io.casepost.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.casepost.inbound.mime.EmailParser;
import io.casepost.shared.Sha256;
import io.casepost.inbound.mime.UnreadableEmailException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The pipeline's MIME parsing, one thread: a plain-text reply (messages/s), and a reply
 * with three 300 KB PDF attachments and one with a 20 MB attachment, parsed and every
 * attachment decoded (messages/s; MB/s = messages/s x the file size printed at setup).
 */
@State(Scope.Benchmark)
@Threads(1)
public class MimeParsingBenchmark {

	private final EmailParser parser = new EmailParser();

	private Path plain;

	private Path threeAttachments;

	private Path twentyMegabytes;

	@Setup
	public void writeMessages() throws IOException {
		var folder = Files.createTempDirectory("mime-bench");
		plain = Files.writeString(folder.resolve("plain.eml"), headers("text/plain; charset=UTF-8")
				+ "Thanks, Tuesday at ten works.\r\n\r\nOn Fri, 27 Nov 2026 at 09:00, Dana <dana@agency.example> wrote:\r\n"
				+ "> Please confirm the meeting.\r\n".repeat(20));
		threeAttachments = withAttachments(folder.resolve("three.eml"), 3, 300 * 1024);
		twentyMegabytes = withAttachments(folder.resolve("twenty.eml"), 1, 20 * 1024 * 1024);
		for (var file : new Path[] { plain, threeAttachments, twentyMegabytes }) {
			System.err.printf("%s: %d bytes%n", file.getFileName(), Files.size(file));
		}
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	public long plainReply() throws Exception {
		return parseAndDecode(plain);
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	public long threeAttachmentsOf300Kb() throws Exception {
		return parseAndDecode(threeAttachments);
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	public long oneAttachmentOf20Mb() throws Exception {
		return parseAndDecode(twentyMegabytes);
	}

	/**
	 * What the pipeline's content pass does, but for the disk write: the body text
	 * decoded, and each attachment decoded once, counted and hashed.
	 */
	private long parseAndDecode(Path file) throws IOException, UnreadableEmailException {
		var decodedBytes = new long[1];
		var email = parser.parse(file, (fileName, mediaType, decoded) -> {
			var digest = Sha256.newDigest();
			decodedBytes[0] += decoded.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
			digest.digest();
			return null;
		});
		return decodedBytes[0] + (email.textBody() == null ? 0 : email.textBody().length());
	}

	private static String headers(String contentType) {
		return "From: chris@client.example\r\nTo: updates+token@inbound.casepost.local\r\nSubject: Re: update\r\n"
				+ "Message-ID: <bench@client.example>\r\nMIME-Version: 1.0\r\nContent-Type: " + contentType
				+ "\r\n\r\n";
	}

	private static Path withAttachments(Path file, int count, int size) throws IOException {
		var random = new SplittableRandom(size);
		try (var out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
			out.write(headers("multipart/mixed; boundary=\"b\""));
			out.write("--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nThe files.\r\n");
			for (var i = 0; i < count; i++) {
				var content = new byte[size];
				random.nextBytes(content);
				System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, content, 0, 9);
				out.write("--b\r\nContent-Type: application/pdf; name=\"f" + i
						+ ".pdf\"\r\nContent-Disposition: attachment; " + "filename=\"f" + i
						+ ".pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n");
				out.write(Base64.getMimeEncoder().encodeToString(content));
				out.write("\r\n");
			}
			out.write("--b--\r\n");
		}
		return file;
	}

}
