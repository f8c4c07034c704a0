package io.casepost.operations;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;

import io.casepost.cases.AttachmentFiles;
import io.casepost.inbound.InboundLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes stored files that no row names once they are older than a grace period: raw
 * messages and attachments a crash left between writing the file and committing its row,
 * and the {@code .part} files of writes it cut short. A file is kept while any module's
 * rows name it, whichever store holds it, so raw messages may move into the attachment
 * store without a change here. Each removal is logged.
 */
@Component
class OrphanFileSweep {

	private static final Logger log = LoggerFactory.getLogger(OrphanFileSweep.class);

	/** Keys looked up in the database at once. */
	private static final int CHUNK = 500;

	private final AttachmentFiles attachments;

	private final InboundLog inbound;

	private final Duration grace;

	OrphanFileSweep(AttachmentFiles attachments, InboundLog inbound,
			@Value("${casepost.storage.orphan-grace:24h}") Duration grace) {
		this.attachments = attachments;
		this.inbound = inbound;
		this.grace = grace;
	}

	@Scheduled(fixedDelayString = "${casepost.storage.orphan-sweep-interval:1h}",
			initialDelayString = "${casepost.storage.orphan-sweep-interval:1h}")
	void sweep() {
		try {
			sweep(Instant.now().minus(grace));
		}
		catch (IOException | RuntimeException e) {
			log.warn("The sweep of stored files that no row names failed: {}; trying again later", e.toString());
		}
	}

	/** Answers how many files it removed. */
	int sweep(Instant before) throws IOException {
		return sweep("attachment store", attachments.storedBefore(before), attachments::delete)
				+ sweep("inbox", inbound.rawFilesStoredBefore(before), inbound::deleteRawFile);
	}

	private int sweep(String store, List<String> keys, Consumer<String> delete) {
		var removed = 0;
		for (var from = 0; from < keys.size(); from += CHUNK) {
			var chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
			var named = new HashSet<>(attachments.recorded(chunk));
			named.addAll(inbound.recordedRawKeys(chunk));
			for (var key : chunk) {
				if (!named.contains(key)) {
					delete.accept(key);
					removed++;
					log.warn("Removed {} from the {}: stored over {} ago and named by no row (left by a crash)", key,
							store, grace);
				}
			}
		}
		return removed;
	}

}
