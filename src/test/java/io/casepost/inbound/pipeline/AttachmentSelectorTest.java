package io.casepost.inbound.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.casepost.cases.FileTypeDetector;
import io.casepost.inbound.mime.ParsedEmail;
import io.casepost.inbound.mime.TestEmails;

class AttachmentSelectorTest {

	private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
		.getBytes(StandardCharsets.US_ASCII);

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
			'R' };

	private static final byte[] WINDOWS_EXECUTABLE = exe();

	private static final AttachmentPolicy POLICY = new AttachmentPolicy(Set.of("pdf", "png", "jpg"),
			AttachmentPolicy.DEFAULT_MAX_FILES, AttachmentPolicy.DEFAULT_MAX_BYTES);

	@TempDir
	Path dir;

	private final AttachmentSelector selector = new AttachmentSelector(new FileTypeDetector());

	@Test
	void aSupportedFileIsAcceptedWithTheTypeItsBytesShow() throws Exception {
		var selection = selector.select(email(file("report.pdf", "application/pdf", PDF)), POLICY);

		assertThat(selection.leftOut()).isEmpty();
		assertThat(selection.accepted()).singleElement().satisfies(accepted -> {
			assertThat(accepted.attachment().fileName()).isEqualTo("report.pdf");
			assertThat(accepted.type().mediaType()).isEqualTo("application/pdf");
		});
	}

	@Test
	void anExecutableNamedReportPdfIsRefusedByItsBytes() throws Exception {
		var selection = selector.select(email(file("report.pdf", "application/pdf", WINDOWS_EXECUTABLE)), POLICY);

		assertThat(selection.accepted()).isEmpty();
		assertThat(selection.leftOut()).singleElement()
			.isEqualTo(new LeftOutAttachment("report.pdf", "unsupported file type application/x-msdownload; format=pe",
					false));
	}

	@Test
	void onlyTheFirstFiveValidFilesAreAcceptedTheRestAreOverTheLimit() throws Exception {
		var files = new StringBuilder(file("empty.pdf", "application/pdf", new byte[0]));
		for (int i = 1; i <= 7; i++) {
			files.append(file("scan-" + i + ".pdf", "application/pdf", pdf(i)));
		}

		var selection = selector.select(email(files.toString()), POLICY);

		assertThat(selection.accepted()).extracting(accepted -> accepted.attachment().fileName())
			.containsExactly("scan-1.pdf", "scan-2.pdf", "scan-3.pdf", "scan-4.pdf", "scan-5.pdf");
		assertThat(selection.leftOut()).containsExactly(new LeftOutAttachment("empty.pdf", "empty file", false),
				new LeftOutAttachment("scan-6.pdf", "over the limit of 5 files per email", false),
				new LeftOutAttachment("scan-7.pdf", "over the limit of 5 files per email", false));
	}

	@Test
	void signaturesAndOutlookTnefAreNotAttached() throws Exception {
		var selection = selector.select(email(file("smime.p7s", "application/pkcs7-signature", PDF)
				+ file("winmail.dat", "application/ms-tnef", PDF)), POLICY);

		assertThat(selection.accepted()).isEmpty();
		assertThat(selection.leftOut()).extracting(LeftOutAttachment::reason)
			.containsExactly("S/MIME signature", "winmail.dat (Outlook TNEF)");
	}

	@Test
	void inlineImagesAreListedAsInlineNotAttached() throws Exception {
		var inline = """
				--b
				Content-Type: image/png; name=logo.png
				Content-Disposition: inline; filename=logo.png
				Content-Transfer-Encoding: base64

				%s
				""".formatted(Base64.getMimeEncoder().encodeToString(PNG));

		var selection = selector.select(email(inline), POLICY);

		assertThat(selection.accepted()).isEmpty();
		assertThat(selection.leftOut()).containsExactly(new LeftOutAttachment("logo.png", "inline image", true));
	}

	@Test
	void filesOverTheSizeLimitAreRefusedWithTheLimitInTheReason() throws Exception {
		var smallLimit = new AttachmentPolicy(POLICY.supportedExtensions(), 5, 16);

		var selection = selector.select(email(file("report.pdf", "application/pdf", PDF)), smallLimit);

		assertThat(selection.leftOut()).extracting(LeftOutAttachment::reason).containsExactly("larger than 16 bytes");
	}

	@Test
	void theDefaultSizeLimitReadsAs25Megabytes() throws Exception {
		var selection = selector.select(email(file("report.pdf", "application/pdf", new byte[26 * 1024 * 1024])),
				POLICY);

		assertThat(selection.leftOut()).extracting(LeftOutAttachment::reason).containsExactly("larger than 25 MB");
	}

	private ParsedEmail email(String parts) throws Exception {
		return TestEmails.parse(dir, """
				From: anna@example.com
				Content-Type: multipart/mixed; boundary=b

				--b
				Content-Type: text/plain

				Files attached.
				%s--b--
				""".formatted(parts));
	}

	@Test
	void aFileTheSenderAlreadyPutOnTheCaseIsNotAttachedAgain() throws Exception {
		var logo = pdf(42);
		var policy = new AttachmentPolicy(POLICY.supportedExtensions(), 5, POLICY.maxBytes(), Set.of(sha256(logo)));

		var selection = selector.select(
				email(file("image001.pdf", "application/pdf", logo) + file("new.pdf", "application/pdf", pdf(1))),
				policy);

		assertThat(selection.accepted()).extracting(accepted -> accepted.attachment().fileName())
			.containsExactly("new.pdf");
		assertThat(selection.leftOut())
			.containsExactly(new LeftOutAttachment("image001.pdf", "already attached to this case", false));
	}

	@Test
	void theSameFileTwiceInOneEmailIsAttachedOnce() throws Exception {
		var selection = selector
			.select(email(file("a.pdf", "application/pdf", PDF) + file("b.pdf", "application/pdf", PDF)), POLICY);

		assertThat(selection.accepted()).extracting(accepted -> accepted.attachment().fileName())
			.containsExactly("a.pdf");
		assertThat(selection.leftOut())
			.containsExactly(new LeftOutAttachment("b.pdf", "the same file as a.pdf, attached once", false));
	}

	@Test
	void twoRefusedFilesWithTheSameBytesAreEachRefusedForWhatTheyAre() throws Exception {
		var selection = selector.select(email(file("tool.pdf", "application/pdf", WINDOWS_EXECUTABLE)
				+ file("copy.pdf", "application/pdf", WINDOWS_EXECUTABLE)), POLICY);

		assertThat(selection.accepted()).isEmpty();
		assertThat(selection.leftOut()).extracting(LeftOutAttachment::reason)
			.containsExactly("unsupported file type application/x-msdownload; format=pe",
					"unsupported file type application/x-msdownload; format=pe");
	}

	private static byte[] pdf(int variant) {
		return ("%PDF-1.4\n% variant " + variant + "\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	private static String sha256(byte[] bytes) throws Exception {
		return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
	}

	private static String file(String name, String type, byte[] bytes) {
		return """
				--b
				Content-Type: %s; name="%s"
				Content-Disposition: attachment; filename="%s"
				Content-Transfer-Encoding: base64

				%s
				""".formatted(type, name, name, Base64.getMimeEncoder().encodeToString(bytes));
	}

	/**
	 * A minimal PE file: the MZ header pointing at a PE signature, as Windows executables
	 * start.
	 */
	private static byte[] exe() {
		var bytes = new byte[512];
		bytes[0] = 'M';
		bytes[1] = 'Z';
		bytes[0x3C] = (byte) 0x80;
		bytes[0x80] = 'P';
		bytes[0x81] = 'E';
		return bytes;
	}

}
