package io.casepost.cases;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import io.casepost.shared.Sha256;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Copies recorded attachments one by one from the data directory into the S3 bucket under
 * the same key, and pieces of other files (raw inbound messages) under keys their owners
 * choose, for the {@code copy-attachments-to-s3} command: built from the product's
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

	/**
	 * On the product's database and the data directory and bucket that the properties
	 * name.
	 */
	public static AttachmentCopy of(Environment environment, DataSource database) throws IOException {
		var dataDir = Path.of(environment.getRequiredProperty("casepost.data-dir"));
		var settings = Binder.get(environment).bind("casepost.attachments.s3", S3Settings.class).get();
		return new AttachmentCopy(JdbcClient.create(database), new FileSystemAttachmentStore(dataDir),
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
		return copy(attachment.key(), attachment.sha256(),
				new Piece(file.toString(), 0, attachment.size(), () -> Files.newInputStream(file)));
	}

	/**
	 * Puts a piece of a file on disk into the bucket under {@code key}, unless the bucket
	 * holds it with {@code sha256} already: read once to check it against {@code sha256}
	 * (damaged bytes are never sent), then again as it is sent.
	 */
	public Result copy(String key, String sha256, Piece piece) throws IOException {
		try {
			if (sha256.equals(bucket.sha256Of(key))) {
				return new Result(Outcome.ALREADY_THERE, null);
			}
			String actual;
			try (var in = piece.bytes().open()) {
				actual = Sha256.of(in);
			}
			if (!actual.equals(sha256)) {
				return new Result(Outcome.DAMAGED, "its %d bytes at %d of %s have the SHA-256 %s, not the recorded %s"
					.formatted(piece.size(), piece.offset(), piece.where(), actual, sha256));
			}
			bucket.upload(key, () -> open(piece), piece.size(), sha256);
			return new Result(Outcome.COPIED, null);
		}
		catch (NoSuchFileException e) {
			return new Result(Outcome.MISSING, "not on disk at " + e.getFile());
		}
		catch (RuntimeException e) {
			return new Result(Outcome.FAILED, e.getMessage());
		}
	}

	/**
	 * {@code size} bytes at {@code offset} of {@code where}, as {@code bytes} opens them.
	 */
	public record Piece(String where, long offset, long size, Bytes bytes) {
	}

	@FunctionalInterface
	public interface Bytes {

		InputStream open() throws IOException;

	}

	private static InputStream open(Piece piece) {
		try {
			return piece.bytes().open();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void close() {
		bucket.destroy();
	}

}
