package io.casepost.inbound;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.casepost.inbound.inbox.Inbox;
import io.casepost.inbound.inbox.RawContent;
import io.casepost.inbound.source.Mbox;

import org.springframework.stereotype.Service;

/**
 * Imports .eml files and mbox files: every message is stored in the inbox like mail from
 * any other source (a file imported again is recognised by its path and position and not
 * stored twice), then the pipeline processes what is pending, with a progress bar on
 * {@code err} and a summary on {@code out}.
 */
@Service
public class MailImport {

	private final Inbox inbox;

	private final InboundBatches batches;

	MailImport(Inbox inbox, InboundBatches batches) {
		this.inbox = inbox;
		this.batches = batches;
	}

	/** Answers the exit code: 0 when every file was read. */
	public int run(List<Path> files, PrintStream out, PrintStream err) {
		var totalBytes = files.stream().mapToLong(MailImport::sizeOrZero).sum();
		var storing = new ProgressBar("storing", totalBytes, err);
		var stored = 0;
		var known = 0;
		var unreadable = new ArrayList<String>();
		long doneBytes = 0;
		for (var file : files) {
			try {
				var counts = importFile(file);
				stored += counts[0];
				known += counts[1];
			}
			catch (NoSuchFileException e) {
				unreadable.add(file + ": no such file");
			}
			catch (IOException | RuntimeException e) {
				unreadable.add(file + ": " + e.getMessage());
			}
			doneBytes += sizeOrZero(file);
			storing.show(doneBytes, stored + " messages");
		}
		storing.finish();
		var pending = inbox.count(Disposition.PENDING);
		var processing = new ProgressBar("processing", pending, err);
		var result = batches.processStored(done -> processing.show(total(done), total(done) + "/" + pending));
		processing.finish();
		unreadable.forEach(problem -> err.println("import: " + problem));
		out.printf(
				"Stored %d message(s) from %d file(s)%s; processed %d: %d posted, %d forwarded to the catch-all, "
						+ "%d ignored, %d rejected, %d failed.%n",
				stored, files.size() - unreadable.size(), known == 0 ? "" : " (" + known + " already in the inbox)",
				total(result), result.posted(), result.forwarded(), result.ignored(), result.rejected(),
				result.failed());
		out.flush();
		return unreadable.isEmpty() ? 0 : 1;
	}

	/** Answers {stored, already stored}. */
	private int[] importFile(Path file) throws IOException {
		var reference = "import:" + tail(file.toAbsolutePath().normalize().toString()) + "#";
		if (!isMbox(file)) {
			if (inbox.contains(reference + 1)) {
				return new int[] { 0, 1 };
			}
			inbox.store(RawContent.of(Files.newInputStream(file)), "IMPORT", reference + 1);
			return new int[] { 1, 0 };
		}
		var counts = new int[2];
		try (var mbox = new Mbox(Files.newInputStream(file))) {
			for (var position = 1; mbox.hasNext(); position++) {
				var ref = reference + position;
				if (inbox.contains(ref)) {
					mbox.writeNextTo(java.io.OutputStream.nullOutputStream());
					counts[1]++;
				}
				else {
					inbox.store(mbox::writeNextTo, "IMPORT", ref);
					counts[0]++;
				}
			}
		}
		return counts;
	}

	private static boolean isMbox(Path file) throws IOException {
		try (var in = Files.newInputStream(file)) {
			return Mbox.looksLikeMbox(in.readNBytes(5));
		}
	}

	private static int total(BatchResult result) {
		return result.posted() + result.forwarded() + result.ignored() + result.rejected() + result.failed();
	}

	private static String tail(String path) {
		return path.length() <= 400 ? path : path.substring(path.length() - 400);
	}

	private static long sizeOrZero(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException e) {
			return 0;
		}
	}

	/**
	 * A one-line bar redrawn in place, only when it moves, so that a long import does not
	 * flood a log.
	 */
	private static final class ProgressBar {

		private static final int WIDTH = 30;

		private final String label;

		private final long total;

		private final PrintStream err;

		private int drawn = -1;

		ProgressBar(String label, long total, PrintStream err) {
			this.label = label;
			this.total = Math.max(total, 1);
			this.err = err;
		}

		void show(long done, String detail) {
			var percent = (int) Math.min(100, done * 100 / total);
			if (percent == drawn) {
				return;
			}
			drawn = percent;
			var filled = percent * WIDTH / 100;
			err.printf("\r%-10s [%s%s] %3d%% %s", label, "#".repeat(filled), "-".repeat(WIDTH - filled), percent,
					detail);
			err.flush();
		}

		void finish() {
			if (drawn >= 0) {
				err.println();
			}
		}

	}

}
