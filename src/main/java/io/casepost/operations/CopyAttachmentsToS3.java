package io.casepost.operations;

import java.io.IOException;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.casepost.cases.AttachmentCopy;
import io.casepost.cases.AttachmentCopy.Outcome;
import io.casepost.cases.AttachmentCopy.Recorded;
import io.casepost.shared.ByteSizes;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.jdbc.BadSqlGrammarException;

/**
 * {@code copy-attachments-to-s3}: copies every attachment recorded in the database from
 * the data directory to the configured bucket under the same key, so that the instances
 * can then be switched to {@code casepost.attachments.store=s3}. It reads the same
 * properties as the product but starts no server; a file already in the bucket with the
 * recorded SHA-256 is left alone, so it can be run again.
 */
public final class CopyAttachmentsToS3 {

	private final AttachmentCopy copy;

	private final PrintStream out;

	private CopyAttachmentsToS3(AttachmentCopy copy, PrintStream out) {
		this.copy = copy;
		this.out = out;
	}

	/** Answers the exit code: 0 when every attachment is in the bucket. */
	public static int run(String[] args, PrintStream out) {
		var application = new SpringApplication(PropertiesOnly.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.setDefaultProperties(Map.of("logging.level.root", "WARN"));
		try (var context = application.run(args); var copy = AttachmentCopy.of(context.getEnvironment())) {
			return new CopyAttachmentsToS3(copy, out).copyAll();
		}
		catch (BadSqlGrammarException e) {
			out.println("copy-attachments-to-s3: the database has no attachment table; "
					+ "give the product's own spring.datasource.url, username and password");
			return 2;
		}
		catch (IOException | RuntimeException e) {
			out.println("copy-attachments-to-s3: " + e.getMessage());
			return 2;
		}
	}

	private int copyAll() throws IOException {
		var attachments = copy.recorded();
		var totalBytes = attachments.stream().mapToLong(Recorded::size).sum();
		var progress = new ProgressBar("copying", attachments.size(), out);
		var tally = new Tally();
		out.println("Copying " + attachments.size() + " attachment(s) " + copy.describe());
		long doneBytes = 0;
		for (var i = 0; i < attachments.size(); i++) {
			var attachment = attachments.get(i);
			tally.add(report(attachment, copy.copy(attachment)), attachment);
			doneBytes += attachment.size();
			progress.show(i + 1, "%d/%d attachments, %s of %s".formatted(i + 1, attachments.size(),
					ByteSizes.describe(doneBytes), ByteSizes.describe(totalBytes)));
		}
		progress.finish();
		out.println(tally.summary());
		return tally.complete() ? 0 : 1;
	}

	private Outcome report(Recorded attachment, AttachmentCopy.Result result) {
		if (result.why() != null) {
			out.println();
			out.println("attachment " + attachment.id() + " " + result.outcome().name().toLowerCase().replace('_', ' ')
					+ ": " + result.why());
		}
		return result.outcome();
	}

	/**
	 * The context's one source: it is started for the product's properties alone, with no
	 * beans of the product.
	 */
	static class PropertiesOnly {

	}

	private static final class Tally {

		private final Map<Outcome, long[]> counts = new EnumMap<>(Outcome.class);

		void add(Outcome outcome, Recorded attachment) {
			var count = counts.computeIfAbsent(outcome, unused -> new long[2]);
			count[0]++;
			count[1] += attachment.size();
		}

		boolean complete() {
			return count(Outcome.MISSING) + count(Outcome.DAMAGED) + count(Outcome.FAILED) == 0;
		}

		String summary() {
			return "Copied %d attachment(s) (%s); %d already there, %d missing on disk, %d damaged, %d failed."
				.formatted(count(Outcome.COPIED), ByteSizes.describe(bytes(Outcome.COPIED)),
						count(Outcome.ALREADY_THERE), count(Outcome.MISSING), count(Outcome.DAMAGED),
						count(Outcome.FAILED));
		}

		private long count(Outcome outcome) {
			return counts.getOrDefault(outcome, new long[2])[0];
		}

		private long bytes(Outcome outcome) {
			return counts.getOrDefault(outcome, new long[2])[1];
		}

	}

}
