package io.casepost.cases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.casepost.shared.Sha256;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Copies recorded attachments one by one from the data directory into the S3 bucket under
 * the same key, for the {@code copy-attachments-to-s3} command: built from the product's
 * properties alone, without the product's beans.
 */
public final class AttachmentCopy implements AutoCloseable {

	/** An attachment as the database records it. */
	public record Recorded(long id, String key, String sha256, long size) {
	}

	public enum Outcome {

		COPIED, ALREADY_THERE, MISSING, DAMAGED, FAILED

	}

	/**
	 * @param why what went wrong, or null
	 */
	public record Result(Outcome outcome, String why) {
	}

	private final JdbcClient jdbc;

	private final FileSystemAttachmentStore disk;

	private final S3AttachmentStore bucket;

	private AttachmentCopy(JdbcClient jdbc, FileSystemAttachmentStore disk, S3AttachmentStore bucket) {
		this.jdbc = jdbc;
		this.disk = disk;
		this.bucket = bucket;
	}

	/** On the database, data directory and bucket that the properties name. */
	public static AttachmentCopy of(Environment environment) throws IOException {
		var dataDir = Path.of(environment.getRequiredProperty("casepost.data-dir"));
		var settings = Binder.get(environment).bind("casepost.attachments.s3", S3Settings.class).get();
		var dataSource = new DriverManagerDataSource(environment.getRequiredProperty("spring.datasource.url"),
				environment.getProperty("spring.datasource.username", ""),
				environment.getProperty("spring.datasource.password", ""));
		return new AttachmentCopy(JdbcClient.create(dataSource), new FileSystemAttachmentStore(dataDir),
				new S3AttachmentStore(settings));
	}

	/**
	 * Every attachment the database records; a database without an attachment table
	 * throws {@link org.springframework.jdbc.BadSqlGrammarException}.
	 */
	public List<Recorded> recorded() {
		return jdbc.sql("select id, storage_key, sha256, size_bytes from attachment order by id")
			.query((rs, row) -> new Recorded(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
			.list();
	}

	public String describe() {
		return "from " + disk.file("") + " to " + bucket.settings().describe();
	}

	/**
	 * A file already in the bucket with the recorded SHA-256 is left alone; one whose
	 * bytes on disk no longer have it is not copied.
	 */
	public Result copy(Recorded attachment) throws IOException {
		var file = disk.file(attachment.key());
		if (!Files.isRegularFile(file)) {
			return new Result(Outcome.MISSING, "not on disk at " + file);
		}
		try {
			if (attachment.sha256().equals(bucket.sha256Of(attachment.key()))) {
				return new Result(Outcome.ALREADY_THERE, null);
			}
			var actual = Sha256.of(file);
			if (!actual.equals(attachment.sha256())) {
				return new Result(Outcome.DAMAGED,
						"its SHA-256 on disk is " + actual + ", not the recorded " + attachment.sha256());
			}
			bucket.upload(attachment.key(), file, attachment.sha256());
			return new Result(Outcome.COPIED, null);
		}
		catch (RuntimeException e) {
			return new Result(Outcome.FAILED, e.getMessage());
		}
	}

	@Override
	public void close() {
		bucket.destroy();
	}

}
