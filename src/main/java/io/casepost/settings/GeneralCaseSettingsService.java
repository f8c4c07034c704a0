package io.casepost.settings;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.casepost.shared.EmailAddresses;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class GeneralCaseSettingsService {

	/** As long as the column that stores them. */
	private static final int MAX_FILE_TYPES_LENGTH = 2000;

	private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,10}");

	/**
	 * Keeps a slip of the finger (500 for 5) from making emails that no mail server
	 * takes: base64 makes 50 MB of files about 67 MB of email.
	 */
	private static final long MAX_UPDATE_EMAIL_ATTACHMENT_BYTES = 50L * 1024 * 1024;

	private final JdbcClient jdbc;

	/** Mail to this domain comes back to Casepost: no place for a catch-all. */
	private final String inboundDomain;

	GeneralCaseSettingsService(JdbcClient jdbc, @Value("${casepost.mail.inbound-domain}") String inboundDomain) {
		this.jdbc = jdbc;
		this.inboundDomain = inboundDomain.toLowerCase(Locale.ROOT);
	}

	/**
	 * Read at most once in {@link #FRESH_FOR} (an inbound batch asks for every message);
	 * a change made here is seen at once, one made on another instance within that time.
	 */
	public GeneralCaseSettings current() {
		return current(FRESH_FOR);
	}

	/**
	 * As read at most {@code maxAge} ago: the inbound workers read them so between
	 * messages, and the reads within a message's transaction find them known.
	 */
	public GeneralCaseSettings current(java.time.Duration maxAge) {
		var known = cached;
		if (known != null && System.nanoTime() - known.readAt() < maxAge.toNanos()) {
			return known.settings();
		}
		var settings = read();
		cached = new Cached(settings, System.nanoTime());
		return settings;
	}

	private static final java.time.Duration FRESH_FOR = java.time.Duration.ofSeconds(5);

	private volatile Cached cached;

	private record Cached(GeneralCaseSettings settings, long readAt) {
	}

	private void forgetAfterCommit() {
		cached = null;
		org.springframework.transaction.support.TransactionSynchronizationManager
			.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					cached = null;
				}
			});
	}

	private GeneralCaseSettings read() {
		return jdbc.sql("""
				select email_update_replies_enabled, inbound_catch_all_address, notify_case_manager,
				       supported_file_types, max_attachments_per_email, max_attachment_bytes, sender_notices_enabled,
				       max_update_email_attachment_bytes
				from general_case_settings where id = 1""")
			.query((rs, row) -> new GeneralCaseSettings(rs.getBoolean(1), rs.getString(2), rs.getBoolean(3),
					extensions(rs.getString(4)), rs.getInt(5), rs.getLong(6), rs.getBoolean(7), rs.getLong(8)))
			.single();
	}

	@Transactional
	public GeneralCaseSettings change(SettingsChange change) {
		var now = read();
		var next = new GeneralCaseSettings(
				Objects.requireNonNullElse(change.emailUpdateRepliesEnabled(), now.emailUpdateRepliesEnabled()),
				change.inboundCatchAllAddress() == null ? now.inboundCatchAllAddress()
						: blankToNull(change.inboundCatchAllAddress()),
				Objects.requireNonNullElse(change.notifyCaseManagerOnNewUpdate(), now.notifyCaseManagerOnNewUpdate()),
				change.supportedFileTypes() == null ? now.supportedFileTypes()
						: normalized(change.supportedFileTypes()),
				Objects.requireNonNullElse(change.maxAttachmentsPerEmail(), now.maxAttachmentsPerEmail()),
				Objects.requireNonNullElse(change.maxAttachmentBytes(), now.maxAttachmentBytes()),
				Objects.requireNonNullElse(change.senderNoticesEnabled(), now.senderNoticesEnabled()), Objects
					.requireNonNullElse(change.maxUpdateEmailAttachmentBytes(), now.maxUpdateEmailAttachmentBytes()));
		var problems = problems(next);
		if (!problems.isEmpty()) {
			throw new InvalidSettings(problems);
		}
		forgetAfterCommit();
		jdbc.sql(
				"""
						update general_case_settings set email_update_replies_enabled = ?, inbound_catch_all_address = ?,
						  notify_case_manager = ?, supported_file_types = ?, max_attachments_per_email = ?,
						  max_attachment_bytes = ?, sender_notices_enabled = ?, max_update_email_attachment_bytes = ?, updated_at = ?
						where id = 1""")
			.params(next.emailUpdateRepliesEnabled(), next.inboundCatchAllAddress(),
					next.notifyCaseManagerOnNewUpdate(), String.join(",", next.supportedFileTypes()),
					next.maxAttachmentsPerEmail(), next.maxAttachmentBytes(), next.senderNoticesEnabled(),
					next.maxUpdateEmailAttachmentBytes(), OffsetDateTime.now())
			.update();
		return current();
	}

	private List<String> problems(GeneralCaseSettings settings) {
		var problems = new ArrayList<String>();
		var catchAll = settings.inboundCatchAllAddress();
		if (settings.emailUpdateRepliesEnabled() && catchAll == null) {
			problems.add("Inbound Email Catch-All is required when Email Update Replies are enabled");
		}
		if (catchAll != null && !EmailAddresses.isPlausible(catchAll)) {
			problems.add("Inbound Email Catch-All '" + catchAll + "' is not an email address");
		}
		if (catchAll != null && catchAll.endsWith("@" + inboundDomain)) {
			problems.add("Inbound Email Catch-All '" + catchAll + "' is at the inbound domain " + inboundDomain
					+ ": its mail would come back to Casepost");
		}
		if (settings.maxAttachmentsPerEmail() < 1 || settings.maxAttachmentsPerEmail() > 50) {
			problems.add("Maximum attachments per email must be between 1 and 50");
		}
		if (settings.maxAttachmentBytes() < 1024) {
			problems.add("Maximum attachment size must be at least 1 KB");
		}
		if (settings.maxUpdateEmailAttachmentBytes() < 0
				|| settings.maxUpdateEmailAttachmentBytes() > MAX_UPDATE_EMAIL_ATTACHMENT_BYTES) {
			problems.add("Files attached to an update email must total between 0 (links only) and 50 MB");
		}
		if (String.join(",", settings.supportedFileTypes()).length() > MAX_FILE_TYPES_LENGTH) {
			problems.add("Supported file types are too many: at most %,d characters, commas included"
				.formatted(MAX_FILE_TYPES_LENGTH));
		}
		settings.supportedFileTypes()
			.stream()
			.filter(type -> !EXTENSION.matcher(type).matches())
			.forEach(type -> problems.add("'" + type + "' is not a file extension"));
		return problems;
	}

	public static Set<String> extensions(String commaSeparated) {
		return normalized(Arrays.asList(commaSeparated.split("[,\\s]+")));
	}

	private static Set<String> normalized(java.util.Collection<String> types) {
		return types.stream()
			.map(type -> type.trim().replaceFirst("^\\.", "").toLowerCase(Locale.ROOT))
			.filter(type -> !type.isEmpty())
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	private static String blankToNull(String value) {
		return value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
	}

}
