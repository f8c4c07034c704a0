package io.casepost.inbound.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.casepost.cases.DetectedType;
import io.casepost.cases.FileTypeDetector;
import io.casepost.inbound.mime.ParsedAttachment;
import io.casepost.inbound.mime.ParsedEmail;
import io.casepost.shared.ByteSizes;
import io.casepost.shared.Sha256;

/**
 * Decides which attachments of an email become files on the case: real files of a
 * supported type (as their bytes show), not inline images, signatures or Outlook
 * containers, the first ones up to the limit.
 */
public final class AttachmentSelector {

	private static final Set<String> SIGNATURE_TYPES = Set.of("application/pkcs7-signature",
			"application/x-pkcs7-signature", "application/pgp-signature");

	static final String ALREADY_ATTACHED = "already attached to this case";

	private static final Set<String> TNEF_TYPES = Set.of("application/ms-tnef", "application/vnd.ms-tnef");

	private final FileTypeDetector detector;

	public AttachmentSelector(FileTypeDetector detector) {
		this.detector = detector;
	}

	public AttachmentSelection select(ParsedEmail email, AttachmentPolicy policy) {
		var accepted = new ArrayList<AcceptedAttachment>();
		var leftOut = new ArrayList<LeftOutAttachment>();
		var seen = new HashSet<>(policy.alreadyAttached());
		for (var attachment : email.attachments()) {
			var verdict = verdict(attachment, policy, seen);
			if (verdict.acceptable() && accepted.size() >= policy.maxFiles()) {
				verdict = Verdict.refused("over the limit of %d files per email".formatted(policy.maxFiles()));
			}
			if (verdict.acceptable()) {
				accepted.add(new AcceptedAttachment(attachment, verdict.type()));
			}
			else {
				leftOut.add(new LeftOutAttachment(attachment.fileName(), verdict.refusal(), attachment.inline()));
			}
		}
		return new AttachmentSelection(List.copyOf(accepted), List.copyOf(leftOut));
	}

	private Verdict verdict(ParsedAttachment attachment, AttachmentPolicy policy, Set<String> seen) {
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
		try {
			return verdictOnContent(attachment, policy, seen);
		}
		catch (IOException unreadable) {
			return Verdict.refused("could not be read: " + unreadable.getMessage());
		}
	}

	private Verdict verdictOnContent(ParsedAttachment attachment, AttachmentPolicy policy, Set<String> seen)
			throws IOException {
		var content = Fingerprint.of(attachment);
		if (content.size() == 0) {
			return Verdict.refused("empty file");
		}
		if (content.size() > policy.maxBytes()) {
			return Verdict.refused("larger than " + ByteSizes.describe(policy.maxBytes()));
		}
		if (!seen.add(content.sha256())) {
			return Verdict.refused(ALREADY_ATTACHED);
		}
		try (var bytes = attachment.open()) {
			var type = detector.detect(bytes, attachment.fileName());
			return type.isOneOf(policy.supportedExtensions()) ? new Verdict(type, null)
					: Verdict.refused("unsupported file type " + type.mediaType());
		}
	}

	/** Size and SHA-256 of an attachment, read once. */
	private record Fingerprint(long size, String sha256) {

		static Fingerprint of(ParsedAttachment attachment) throws IOException {
			try (var in = new DigestInputStream(attachment.open(), Sha256.newDigest())) {
				var size = in.transferTo(OutputStream.nullOutputStream());
				return new Fingerprint(size, Sha256.hex(in.getMessageDigest()));
			}
		}
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
