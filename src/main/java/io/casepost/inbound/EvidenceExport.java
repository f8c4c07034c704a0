package io.casepost.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.casepost.cases.AttachmentInfo;
import io.casepost.cases.CaseUpdate;
import io.casepost.cases.CaseUpdateService;
import io.casepost.cases.Cases;
import io.casepost.inbound.inbox.Inbox;

import org.springframework.stereotype.Service;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A case's email evidence as one zip: every original email its updates came from, byte
 * for byte, every file attached from them, and a manifest of what each file is with the
 * SHA-256 recorded when it arrived, in CSV, JSON and the {@code sha256sum -c} format, so
 * a third party can check that nothing changed since with standard tools.
 */
@Service
public class EvidenceExport {

	public static final String SUMS = "SHA256SUMS";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final Cases cases;

	private final CaseUpdateService updates;

	private final Inbox inbox;

	EvidenceExport(Cases cases, CaseUpdateService updates, Inbox inbox) {
		this.cases = cases;
		this.updates = updates;
		this.inbox = inbox;
	}

	/**
	 * One file in the export.
	 *
	 * @param kind {@code email} (the original .eml) or {@code attachment}
	 * @param sha256 as recorded when the email arrived, not as read now: a changed file
	 * fails the check
	 */
	public record Entry(String path, String sha256, long size, String kind, long updateId, String receivedAt,
			String messageId, String sender, String authservId, String spf, String dkim, String dmarc,
			String filename) {
	}

	public String fileName(long caseId) {
		return "case-" + cases.get(caseId).number() + "-email-evidence.zip";
	}

	public void write(long caseId, OutputStream out) throws IOException {
		var zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
		var entries = new ArrayList<Entry>();
		for (var update : updates.ofCase(caseId)) {
			if (update.inboundMessageId() != null) {
				entries.addAll(writeEmail(zip, update));
			}
		}
		writeText(zip, "manifest.csv", csv(entries));
		writeText(zip, "manifest.json", JSON.writeValueAsString(entries));
		writeText(zip, SUMS, sums(entries));
		zip.finish();
	}

	private List<Entry> writeEmail(ZipOutputStream zip, CaseUpdate update) throws IOException {
		var message = inbox.find(update.inboundMessageId()).orElseThrow();
		var folder = "update-" + update.id() + "/";
		var written = new ArrayList<Entry>();
		var emailPath = folder + "original-" + message.id() + ".eml";
		try (var in = inbox.stored(message.id()).raw().open()) {
			copy(zip, emailPath, in);
		}
		written.add(entry(emailPath, message.sha256(), message.size(), "email", update, message, null));
		for (var attachment : update.attachments()) {
			var path = folder + "attachment-" + attachment.id() + "-" + safe(attachment.filename());
			try (var in = updates.download(attachment.id()).content()) {
				copy(zip, path, in);
			}
			written.add(entry(path, attachment.sha256(), attachment.size(), "attachment", update, message, attachment));
		}
		return written;
	}

	private static Entry entry(String path, String sha256, long size, String kind, CaseUpdate update,
			InboundMessage message, AttachmentInfo attachment) {
		var auth = message.authentication();
		return new Entry(path, sha256.toLowerCase(Locale.ROOT), size, kind, update.id(),
				message.receivedAt().toString(), message.messageId(), message.from(), auth.authservId(), auth.spf(),
				auth.dkim(), auth.dmarc(), attachment == null ? null : attachment.filename());
	}

	private static void copy(ZipOutputStream zip, String path, InputStream in) throws IOException {
		zip.putNextEntry(new ZipEntry(path));
		in.transferTo(zip);
		zip.closeEntry();
	}

	private static void writeText(ZipOutputStream zip, String path, String text) throws IOException {
		zip.putNextEntry(new ZipEntry(path));
		zip.write(text.getBytes(StandardCharsets.UTF_8));
		zip.closeEntry();
	}

	/**
	 * {@code sha256sum -c} reads "hash, two spaces, path" per line, paths relative to
	 * where it runs.
	 */
	private static String sums(List<Entry> entries) {
		var sums = new StringBuilder();
		entries.forEach(entry -> sums.append(entry.sha256()).append("  ").append(entry.path()).append('\n'));
		return sums.toString();
	}

	private static String csv(List<Entry> entries) {
		var csv = new StringBuilder(
				"path,sha256,size,kind,update_id,received_at,message_id,sender,authserv_id,spf,dkim,dmarc,filename\r\n");
		for (var e : entries) {
			csv.append(String.join(",", field(e.path()), field(e.sha256()), field(String.valueOf(e.size())),
					field(e.kind()), field(String.valueOf(e.updateId())), field(e.receivedAt()), field(e.messageId()),
					field(e.sender()), field(e.authservId()), field(e.spf()), field(e.dkim()), field(e.dmarc()),
					field(e.filename())))
				.append("\r\n");
		}
		return csv.toString();
	}

	/**
	 * RFC 4180: quoted where it holds a comma, quote or line break, with quotes doubled.
	 */
	private static String field(String value) {
		if (value == null) {
			return "";
		}
		return value.matches("[^,\"\r\n]*") ? value : "\"" + value.replace("\"", "\"\"") + "\"";
	}

	/**
	 * Paths any unzip tool and {@code sha256sum} take as they are; the real name is in
	 * the manifest.
	 */
	private static String safe(String filename) {
		var safe = filename.replaceAll("[^A-Za-z0-9._-]", "_");
		return safe.startsWith(".") ? "_" + safe : safe;
	}

}
