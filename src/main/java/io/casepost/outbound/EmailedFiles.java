package io.casepost.outbound;

import java.util.ArrayList;
import java.util.List;

import io.casepost.cases.AttachmentInfo;

/**
 * An update's files as its email carries them: each linked, and attached in the order
 * posted as long as the files attached so far and this one fit in the total; a file that
 * does not fit is only linked, and a smaller one after it may still be attached.
 *
 * @param totalBytes how many bytes of files, in total, the email may carry
 */
record EmailedFiles(List<AttachmentInfo> all, List<AttachmentInfo> attached, long totalBytes) {

	static EmailedFiles of(List<AttachmentInfo> files, long totalBytes) {
		var attached = new ArrayList<AttachmentInfo>();
		long room = totalBytes;
		for (var file : files) {
			if (file.size() <= room) {
				attached.add(file);
				room -= file.size();
			}
		}
		return new EmailedFiles(List.copyOf(files), List.copyOf(attached), totalBytes);
	}

	boolean isAttached(AttachmentInfo file) {
		return attached.contains(file);
	}

	boolean someOnlyLinked() {
		return attached.size() < all.size();
	}

}
