package io.casepost.inbound.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.casepost.cases.DetectedType;
import io.casepost.cases.FileTypeDetector;
import io.casepost.inbound.mime.ParsedAttachment;
import io.casepost.inbound.mime.ParsedEmail;
import io.casepost.shared.ByteSizes;

/**
 * Decides which attachments of an email become files on the case: real files of a
 * supported type (as their bytes show), not inline images, signatures or Outlook
 * containers, the first ones up to the limit.
 */
public final class AttachmentSelector {

	private static final Set<String> SIGNATURE_TYPES = Set.of("application/pkcs7-signature",
			"application/x-pkcs7-signature", "application/pgp-signature");

	static final String ALREADY_ATTACHED = "already attached to this case";

	static final String SAME_FILE_AS = "the same file as ";

	private static final Set<String> TNEF_TYPES = Set.of("application/ms-tnef", "application/vnd.ms-tnef");

	private final FileTypeDetector detector;

	public AttachmentSelector(FileTypeDetector detector) {
		this.detector = detector;
	}

	public AttachmentSelection select(ParsedEmail email, AttachmentPolicy policy) {
		var accepted = new ArrayList<AcceptedAttachment>();
		var leftOut = new ArrayList<LeftOutAttachment>();
		var acceptedByHash = new HashMap<String, String>();
		for (var attachment : email.attachments()) {
			var verdict = verdict(attachment, policy, acceptedByHash);
			if (verdict.acceptable() && accepted.size() >= policy.maxFiles()) {
				verdict = Verdict.refused("over the limit of %d files per email".formatted(policy.maxFiles()));
			}
			if (verdict.acceptable()) {
				accepted.add(new AcceptedAttachment(attachment, verdict.type()));
				acceptedByHash.put(attachment.content().sha256(), attachment.fileName());
			}
			else {
				leftOut.add(new LeftOutAttachment(attachment.fileName(), verdict.refusal(), attachment.inline()));
			}
		}
		return new AttachmentSelection(List.copyOf(accepted), List.copyOf(leftOut));
	}

	private Verdict verdict(ParsedAttachment attachment, AttachmentPolicy policy, Map<String, String> acceptedByHash) {
		var name = attachment.fileName().toLowerCase(Locale.ROOT);
		var declaredType = attachment.declaredContentType();
		if (attachment.inline()) {
			return Verdict.refused("inline image");
		}
		if (name.equals("smime.p7s") || SIGNATURE_TYPES.contains(declaredType)) {
			return Verdict.refused(declaredType.contains("pgp") ? "OpenPGP signature" : "S/MIME signature");
		}
		if (name.equals("winmail.dat") || TNEF_TYPES.contains(declaredType)) {
			return Verdict.refused("winmail.dat (Outlook TNEF)");
		}
		return verdictOnContent(attachment, policy, acceptedByHash);
	}

	/**
	 * Judged on what the one pass over the message learned of the file (size, SHA-256,
	 * its first bytes): each refusal says what happened to this very file.
	 */
	private Verdict verdictOnContent(ParsedAttachment attachment, AttachmentPolicy policy,
			Map<String, String> acceptedByHash) {
		var content = attachment.content();
		if (content.size() == 0) {
			return Verdict.refused("empty file");
		}
		if (content.size() > policy.maxBytes()) {
			return Verdict.refused("larger than " + ByteSizes.describe(policy.maxBytes()));
		}
		var type = detector.detect(content.head(), attachment.fileName());
		if (!type.isOneOf(policy.supportedExtensions())) {
			return Verdict.refused("unsupported file type " + type.mediaType());
		}
		var sha256 = content.sha256();
		if (policy.alreadyAttached().contains(sha256)) {
			return Verdict.refused(ALREADY_ATTACHED);
		}
		var earlier = acceptedByHash.get(sha256);
		return earlier != null ? Verdict.refused(SAME_FILE_AS + earlier + ", attached once") : new Verdict(type, null);
	}

	private record Verdict(DetectedType type, String refusal) {

		static Verdict refused(String reason) {
			return new Verdict(null, reason);
		}

		boolean acceptable() {
			return refusal == null;
		}
	}

}
