package io.casepost.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipInputStream;

import io.casepost.CasepostTest;
import io.casepost.EmailedReplies;
import io.casepost.EmailedReplies.File;
import io.casepost.TestApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

@CasepostTest
class EmailEvidenceTest {

	static final byte[] PDF = """
			%PDF-1.4
			1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
			trailer << /Root 1 0 R >>
			%%EOF
			""".getBytes(StandardCharsets.US_ASCII);

	static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@AfterEach
	void repliesOff() {
		EmailedReplies.of(environment).repliesOff();
	}

	@Test
	void anEmailedUpdateShowsTheReceivingServersVerdictsAndTheHashesOfTheOriginalAndEachFile() {
		var replies = EmailedReplies.of(environment);
		var admin = replies.admin();
		var caseFile = admin.openCase();
		var updateEmail = replies.updateToClient(caseFile, "Please send the signed statement.");

		replies.reply(caseFile.clientEmail(), updateEmail, "Signed statement attached.",
				List.of("Authentication-Results: mx.agency.example; spf=pass smtp.mailfrom=client.example;"
						+ " dkim=fail (bad signature) header.d=client.example; dmarc=pass header.from=client.example",
						// written by the sender, below the receiving server's own header:
						// not believed
						"Authentication-Results: mx.agency.example; spf=pass; dkim=pass; dmarc=pass"),
				File.attached("statement.pdf", "application/pdf", PDF));
		replies.runBatch();

		var received = replies.lastFrom(caseFile.clientEmail());
		assertThat(received.get("disposition")).isEqualTo("POSTED");
		assertThat(received.get("authentication"))
			.isEqualTo(Map.of("authservId", "mx.agency.example", "spf", "pass", "dkim", "fail", "dmarc", "pass"));
		var update = admin.get(caseFile.updatesPath())
			.ok(200)
			.jsonList()
			.stream()
			.filter(posted -> "EMAIL".equals(posted.get("source")))
			.findFirst()
			.orElseThrow();
		@SuppressWarnings("unchecked")
		var attachment = ((List<Map<String, Object>>) update.get("attachments")).get(0);

		try (var browser = Browser.open(port).signIn(caseFile.managerEmail(), "pw-" + caseFile.managerEmail())) {
			browser.go("/cases/" + caseFile.id());
			var badge = By.cssSelector("#update-" + update.get("id") + " .evidence");
			assertThat(browser.text(badge)).contains("spf=pass dkim=fail dmarc=pass (by mx.agency.example)")
				.contains((String) received.get("sha256"))
				.contains("statement.pdf")
				.contains((String) attachment.get("sha256"));
			assertThat(browser.text(By.cssSelector("#update-" + update.get("id") + " .badge")))
				.isEqualTo("received by email");
		}
	}

	@Test
	void theCaseManagersEvidenceZipHoldsEveryOriginalAndFileWithAManifestWhoseHashesAllMatchTheFiles()
			throws Exception {
		var replies = EmailedReplies.of(environment);
		var admin = replies.admin();
		var caseFile = admin.openCase();
		var updateEmail = replies.updateToClient(caseFile, "Please send the invoices.");
		replies.reply(caseFile.clientEmail(), updateEmail, "First invoice.",
				List.of("Authentication-Results: mx.agency.example; spf=pass; dkim=pass; dmarc=pass"),
				File.attached("Invoice, March \"final\".pdf", "application/pdf", PDF));
		// one batch each: workers decide the replies of one batch at once, in no fixed
		// order
		replies.runBatch();
		replies.reply(caseFile.clientEmail(), updateEmail, "Second one and my notes.", List.of(),
				File.attached("invoice-2.pdf", "application/pdf",
						(new String(PDF, StandardCharsets.US_ASCII) + "% 2").getBytes(StandardCharsets.US_ASCII)),
				File.attached("notes.txt", "text/plain", "Paid in cash.".getBytes(StandardCharsets.UTF_8)));
		replies.runBatch();

		var zip = unzip(admin.as(caseFile.managerEmail(), "pw-" + caseFile.managerEmail())
			.getBytes("/api/cases/" + caseFile.id() + "/evidence.zip"));

		List<Map<String, Object>> manifest = JSON.readValue(zip.get("manifest.json"), new TypeReference<>() {
		});
		assertThat(manifest).extracting(entry -> entry.get("kind"))
			.containsExactly("email", "attachment", "email", "attachment", "attachment");
		for (var entry : manifest) {
			var bytes = zip.get((String) entry.get("path"));
			assertThat(bytes).as("%s is in the zip", entry.get("path")).isNotNull();
			assertThat(sha256(bytes)).as("hash of %s", entry.get("path")).isEqualTo(entry.get("sha256"));
			assertThat(((Number) entry.get("size")).longValue()).isEqualTo(bytes.length);
			assertThat(entry.get("receivedAt")).isNotNull();
			assertThat(entry.get("messageId")).isNotNull();
		}
		assertThat(manifest.get(0)).containsEntry("spf", "pass")
			.containsEntry("dkim", "pass")
			.containsEntry("dmarc", "pass")
			.containsEntry("authservId", "mx.agency.example");
		// the name as the case keeps it (quotes made safe), in full in the manifest
		assertThat(manifest.get(1)).containsEntry("filename", "Invoice, March _final_.pdf");
		assertThat(zip.keySet()).containsExactlyInAnyOrderElementsOf(
				Stream
					.concat(manifest.stream().map(entry -> (String) entry.get("path")),
							Stream.of("manifest.json", "manifest.csv", "SHA256SUMS"))
					.toList());

		var csv = new String(zip.get("manifest.csv"), StandardCharsets.UTF_8).split("\r\n");
		assertThat(csv[0]).startsWith("path,sha256,size,kind,update_id,received_at,message_id");
		assertThat(csv).hasSize(manifest.size() + 1);
		for (int i = 0; i < manifest.size(); i++) {
			assertThat(csv[i + 1]).startsWith(manifest.get(i).get("path") + "," + manifest.get(i).get("sha256") + ",");
		}
		assertThat(csv[2]).endsWith(",\"Invoice, March _final_.pdf\"");
	}

	@Test
	void sha256sumChecksTheUnpackedZipAndCatchesAChangedFile() throws Exception {
		var replies = EmailedReplies.of(environment);
		var admin = replies.admin();
		var caseFile = admin.openCase();
		replies.reply(caseFile.clientEmail(), replies.updateToClient(caseFile, "Photos?"), "Here.", List.of(),
				File.attached("scan 1.pdf", "application/pdf", PDF));
		replies.runBatch();
		var zip = unzip(admin.getBytes("/api/cases/" + caseFile.id() + "/evidence.zip"));

		var sums = new String(zip.get("SHA256SUMS"), StandardCharsets.UTF_8);
		assertThat(sums.lines()).hasSize(2).allMatch(line -> line.matches("[0-9a-f]{64}  [A-Za-z0-9._/-]+"));
		var dir = Files.createTempDirectory("evidence");
		for (var file : zip.entrySet()) {
			var path = dir.resolve(file.getKey());
			Files.createDirectories(path.getParent());
			Files.write(path, file.getValue());
		}
		assertThat(sha256sumCheck(dir)).isEqualTo(0);

		var attachment = sums.lines()
			.filter(line -> line.contains("attachment-"))
			.findFirst()
			.orElseThrow()
			.substring(66);
		Files.write(dir.resolve(attachment), "changed".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
		assertThat(sha256sumCheck(dir)).isNotEqualTo(0);
	}

	@Test
	void onlyTheCaseManagerOrAnAdminMayExportTheEvidence() {
		var admin = TestApi.asAdmin(port);
		var caseFile = admin.openCase();

		assertThat(admin.as(caseFile.clientEmail(), "pw-" + caseFile.clientEmail())
			.get("/api/cases/" + caseFile.id() + "/evidence.zip")
			.status()).isEqualTo(403);
		assertThat(admin.as(caseFile.investigatorEmail(), "pw-" + caseFile.investigatorEmail())
			.get("/api/cases/" + caseFile.id() + "/evidence.zip")
			.status()).isEqualTo(403);
		assertThat(admin.get("/api/cases/" + caseFile.id() + "/evidence.zip").status()).isEqualTo(200);
	}

	/** The standard tool, as a third party would run it in the unpacked folder. */
	private static int sha256sumCheck(Path dir) throws IOException, InterruptedException {
		var process = new ProcessBuilder("sha256sum", "--check", "--strict", "SHA256SUMS").directory(dir.toFile())
			.redirectErrorStream(true)
			.start();
		process.getInputStream().transferTo(OutputStream.nullOutputStream());
		return process.waitFor();
	}

	private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
		var files = new LinkedHashMap<String, byte[]>();
		try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				files.put(entry.getName(), in.readAllBytes());
			}
		}
		return files;
	}

	private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
