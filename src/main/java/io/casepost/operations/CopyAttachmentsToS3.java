package io.casepost.operations;

import java.io.IOException;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import io.casepost.cases.AttachmentCopy;
import io.casepost.cases.AttachmentCopy.Outcome;
import io.casepost.cases.AttachmentCopy.Recorded;
import io.casepost.inbound.RawMessageCopy;
import io.casepost.shared.ByteSizes;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@code copy-attachments-to-s3}: copies every attachment recorded in the database from
 * the data directory to the configured bucket under the same key, so that the instances
 * can then be switched to {@code casepost.attachments.store=s3}. It reads the same
 * properties as the product but starts no server; a file already in the bucket with the
 * recorded SHA-256 is left alone, so it can be run again.
 */
public final class CopyAttachmentsToS3 {

	private final AttachmentCopy copy;

	private final RawMessageCopy rawMessages;

	private final PrintStream out;

	private CopyAttachmentsToS3(AttachmentCopy copy, RawMessageCopy rawMessages, PrintStream out) {
		this.copy = copy;
		this.rawMessages = rawMessages;
		this.out = out;
	}

	/**
	 * Answers the exit code: 0 when every attachment and decided raw message is in the
	 * bucket.
	 */
	public static int run(String[] args, PrintStream out) {
		var application = new SpringApplication(PropertiesOnly.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.setDefaultProperties(Map.of("logging.level.root", "WARN"));
		try (var context = application.run(args)) {
			var environment = context.getEnvironment();
			var database = database(environment);
			try (var copy = AttachmentCopy.of(environment, database)) {
				var command = new CopyAttachmentsToS3(copy, RawMessageCopy.of(environment, database, copy), out);
				var attachmentsComplete = command.copyAttachments();
				return command.copyRawMessages() && attachmentsComplete ? 0 : 1;
			}
			finally {
				database.destroy();
			}
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

	/**
	 * One connection for the whole run, each statement committed at once: a raw message's
	 * row is re-pointed right after its PUT, and a new connection per row would cost more
	 * than the row.
	 */
	private static SingleConnectionDataSource database(Environment environment) {
		return new SingleConnectionDataSource(environment.getRequiredProperty("spring.datasource.url"),
				environment.getProperty("spring.datasource.username", ""),
				environment.getProperty("spring.datasource.password", ""), true);
	}

	/** Answers whether every attachment is in the bucket. */
	private boolean copyAttachments() throws IOException {
		var attachments = copy.recorded();
		out.println("Copying " + attachments.size() + " attachment(s) " + copy.describe());
		var tally = copyEach("attachment", attachments, Recorded::id, Recorded::size, copy::copy);
		out.println(tally.summary("attachment(s)"));
		return tally.complete();
	}

	/** Answers whether every decided raw message held on disk is in the bucket now. */
	private boolean copyRawMessages() throws IOException {
		var held = rawMessages.heldOnDisk();
		out.println("Copying " + held.size() + " raw inbound message(s) held on disk");
		var tally = copyEach("raw message", held, RawMessageCopy.Held::id, RawMessageCopy.Held::size,
				rawMessages::copy);
		out.println(tally.summary("raw message(s)"));
		return tally.complete();
	}

	private <T> Tally copyEach(String kind, List<T> items, ToLongFunction<T> id, ToLongFunction<T> size,
			Copier<T> copier) throws IOException {
		var totalBytes = items.stream().mapToLong(size).sum();
		var progress = new ProgressBar("copying", items.size(), out);
		var tally = new Tally();
		long doneBytes = 0;
		for (var i = 0; i < items.size(); i++) {
			var item = items.get(i);
			var result = copier.copy(item);
			if (result.why() != null) {
				out.println();
				out.println(kind + " " + id.applyAsLong(item) + " "
						+ result.outcome().name().toLowerCase().replace('_', ' ') + ": " + result.why());
			}
			tally.add(result.outcome(), size.applyAsLong(item));
			doneBytes += size.applyAsLong(item);
			progress.show(i + 1, "%d/%d %ss, %s of %s".formatted(i + 1, items.size(), kind,
					ByteSizes.describe(doneBytes), ByteSizes.describe(totalBytes)));
		}
		progress.finish();
		return tally;
	}

	@FunctionalInterface
	private interface Copier<T> {

		AttachmentCopy.Result copy(T item) throws IOException;

	}

	/**
	 * The context's one source: it is started for the product's properties alone, with no
	 * beans of the product.
	 */
	static class PropertiesOnly {

	}

	private static final class Tally {

		private final Map<Outcome, long[]> counts = new EnumMap<>(Outcome.class);

		void add(Outcome outcome, long size) {
			var count = counts.computeIfAbsent(outcome, unused -> new long[2]);
			count[0]++;
			count[1] += size;
		}

		boolean complete() {
			return count(Outcome.MISSING) + count(Outcome.DAMAGED) + count(Outcome.FAILED) == 0;
		}

		String summary(String what) {
			return "Copied %d %s (%s); %d already there, %d missing on disk, %d damaged, %d failed.".formatted(
					count(Outcome.COPIED), what, ByteSizes.describe(bytes(Outcome.COPIED)),
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
