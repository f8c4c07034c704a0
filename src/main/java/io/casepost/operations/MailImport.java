package io.casepost.operations;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.casepost.inbound.BatchResult;
import io.casepost.inbound.InboundBatches;
import io.casepost.inbound.InboundReception;

import org.springframework.stereotype.Service;

/**
 * Imports .eml files and mbox files: every message is stored in the inbox like mail from
 * any other source (a file imported again is recognised by its path and position and not
 * stored twice), then the pipeline processes what is pending, with a progress bar on
 * {@code err} and a summary on {@code out}.
 */
@Service
public class MailImport {

	private final InboundReception reception;

	private final InboundBatches batches;

	MailImport(InboundReception reception, InboundBatches batches) {
		this.reception = reception;
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
		var pending = reception.waiting();
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
			if (reception.hasStored(reference + 1)) {
				return new int[] { 0, 1 };
			}
			reception.storeForLater(Files.newInputStream(file), "IMPORT", reference + 1);
			return new int[] { 1, 0 };
		}
		var counts = new int[2];
		try (var mbox = new Mbox(Files.newInputStream(file))) {
			for (var position = 1; mbox.hasNext(); position++) {
				var ref = reference + position;
				try (var message = mbox.nextMessage()) {
					if (reception.hasStored(ref)) {
						counts[1]++;
					}
					else {
						reception.storeForLater(message, "IMPORT", ref);
						counts[0]++;
					}
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

}
