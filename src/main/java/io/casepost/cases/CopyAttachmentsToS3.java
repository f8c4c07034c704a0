package io.casepost.cases;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.casepost.shared.ByteSizes;
import io.casepost.shared.Sha256;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code copy-attachments-to-s3}: copies every attachment recorded in the database from
 * the data directory to the configured bucket under the same key, so that the instances
 * can then be switched to {@code casepost.attachments.store=s3}. It reads the same
 * properties as the product but starts no server; a file already in the bucket with the
 * recorded SHA-256 is left alone, so it can be run again.
 */
public final class CopyAttachmentsToS3 {

	private final JdbcClient jdbc;

	private final FileSystemAttachmentStore disk;

	private final S3AttachmentStore bucket;

	private final PrintStream out;

	private CopyAttachmentsToS3(JdbcClient jdbc, FileSystemAttachmentStore disk, S3AttachmentStore bucket,
			PrintStream out) {
		this.jdbc = jdbc;
		this.disk = disk;
		this.bucket = bucket;
		this.out = out;
	}

	/** Answers the exit code: 0 when every attachment is in the bucket. */
	public static int run(String[] args, PrintStream out) {
		var application = new SpringApplication(PropertiesOnly.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.setDefaultProperties(Map.of("logging.level.root", "WARN"));
		try (var context = application.run(args)) {
			var environment = context.getEnvironment();
			var dataDir = Path.of(environment.getRequiredProperty("casepost.data-dir"));
			var settings = Binder.get(environment).bind("casepost.attachments.s3", S3Settings.class).get();
			var bucket = new S3AttachmentStore(settings);
			try {
				return new CopyAttachmentsToS3(JdbcClient.create(dataSource(environment)),
						new FileSystemAttachmentStore(dataDir), bucket, out)
					.copyAll();
			}
			finally {
				bucket.destroy();
			}
		}
		catch (org.springframework.jdbc.BadSqlGrammarException e) {
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
		var attachments = jdbc.sql("select id, storage_key, sha256, size_bytes from attachment order by id")
			.query((rs, row) -> new Recorded(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
			.list();
		var progress = new Progress(attachments, out);
		var tally = new Tally();
		out.println("Copying " + attachments.size() + " attachment(s) from " + disk.file("") + " to "
				+ bucket.settings().describe());
		for (var attachment : attachments) {
			tally.add(copy(attachment), attachment);
			progress.done(attachment);
		}
		progress.finish();
		out.println(tally.summary());
		return tally.complete() ? 0 : 1;
	}

	private Outcome copy(Recorded attachment) throws IOException {
		var file = disk.file(attachment.key());
		if (!Files.isRegularFile(file)) {
			return report(attachment, Outcome.MISSING, "not on disk at " + file);
		}
		try {
			if (attachment.sha256().equals(bucket.sha256Of(attachment.key()))) {
				return Outcome.ALREADY_THERE;
			}
			var actual = Sha256.of(file);
			if (!actual.equals(attachment.sha256())) {
				return report(attachment, Outcome.DAMAGED,
						"its SHA-256 on disk is " + actual + ", not the recorded " + attachment.sha256());
			}
			bucket.upload(attachment.key(), file, attachment.sha256());
			return Outcome.COPIED;
		}
		catch (RuntimeException e) {
			return report(attachment, Outcome.FAILED, e.getMessage());
		}
	}

	private Outcome report(Recorded attachment, Outcome outcome, String why) {
		out.println();
		out.println(
				"attachment " + attachment.id() + " " + outcome.name().toLowerCase().replace('_', ' ') + ": " + why);
		return outcome;
	}

	private static DriverManagerDataSource dataSource(Environment environment) {
		return new DriverManagerDataSource(environment.getRequiredProperty("spring.datasource.url"),
				environment.getProperty("spring.datasource.username", ""),
				environment.getProperty("spring.datasource.password", ""));
	}

	/**
	 * The context's one source: it is started for the product's properties alone, with no
	 * beans of the product.
	 */
	static class PropertiesOnly {

	}

	private record Recorded(long id, String key, String sha256, long size) {
	}

	private enum Outcome {

		COPIED, ALREADY_THERE, MISSING, DAMAGED, FAILED

	}

	private static final class Tally {

		private final Map<Outcome, long[]> counts = new java.util.EnumMap<>(Outcome.class);

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

	/**
	 * One line redrawn in place:
	 * {@code [#####-----]  50% 6/12 attachments, 1.7 MB of 3.4 MB}.
	 */
	private static final class Progress {

		private static final int WIDTH = 30;

		private final int total;

		private final long totalBytes;

		private final PrintStream out;

		private int done;

		private long doneBytes;

		Progress(List<Recorded> attachments, PrintStream out) {
			this.total = attachments.size();
			this.totalBytes = attachments.stream().mapToLong(Recorded::size).sum();
			this.out = out;
		}

		void done(Recorded attachment) {
			done++;
			doneBytes += attachment.size();
			var filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
			out.print("\r[" + "#".repeat(filled) + "-".repeat(WIDTH - filled)
					+ "] %3d%% %d/%d attachments, %s of %s".formatted(total == 0 ? 100 : 100 * done / total, done,
							total, ByteSizes.describe(doneBytes), ByteSizes.describe(totalBytes)));
			out.flush();
		}

		void finish() {
			if (total > 0) {
				out.println();
			}
		}

	}

}
