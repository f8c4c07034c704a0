package io.casepost.cases;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.util.List;

import javax.sql.DataSource;

import io.casepost.shared.Sha256;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Copies recorded attachments one by one from the data directory into the S3 bucket under
 * the same key, and stored pieces of other files (raw inbound messages) under keys their
 * owners choose, for the {@code copy-attachments-to-s3} command: built from the product's
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

	private final Path spool;

	private AttachmentCopy(JdbcClient jdbc, FileSystemAttachmentStore disk, S3AttachmentStore bucket, Path spool) {
		this.jdbc = jdbc;
		this.disk = disk;
		this.bucket = bucket;
		this.spool = spool;
	}

	/**
	 * On the product's database and the data directory and bucket that the properties
	 * name.
	 */
	public static AttachmentCopy of(Environment environment, DataSource database) throws IOException {
		var dataDir = Path.of(environment.getRequiredProperty("casepost.data-dir"));
		var settings = Binder.get(environment).bind("casepost.attachments.s3", S3Settings.class).get();
		return new AttachmentCopy(JdbcClient.create(database), new FileSystemAttachmentStore(dataDir),
				new S3AttachmentStore(settings), dataDir.resolve("spool"));
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

	/**
	 * Puts {@code size} bytes at {@code offset} of a local file into the bucket under
	 * {@code key}: spooled and checked against {@code sha256} on the way (the PUT needs
	 * its length and must not send damaged bytes), left alone when the bucket already
	 * holds it with that SHA-256.
	 */
	public Result copyPiece(Path file, long offset, long size, String sha256, String key) throws IOException {
		if (!Files.isRegularFile(file)) {
			return new Result(Outcome.MISSING, "not on disk at " + file);
		}
		try {
			if (sha256.equals(bucket.sha256Of(key))) {
				return new Result(Outcome.ALREADY_THERE, null);
			}
			Files.createDirectories(spool);
			var spooled = Files.createTempFile(spool, "copy-", ".part");
			try {
				var actual = spoolPiece(file, offset, size, spooled);
				if (!actual.equals(sha256)) {
					return new Result(Outcome.DAMAGED,
							"its %d bytes at %d of %s have the SHA-256 %s, not the recorded %s".formatted(size, offset,
									file, actual, sha256));
				}
				bucket.upload(key, spooled, sha256);
				return new Result(Outcome.COPIED, null);
			}
			finally {
				Files.deleteIfExists(spooled);
			}
		}
		catch (RuntimeException e) {
			return new Result(Outcome.FAILED, e.getMessage());
		}
	}

	/** Answers the SHA-256 of what it spooled: a file cut short spools less. */
	private static String spoolPiece(Path file, long offset, long size, Path spooled) throws IOException {
		var digest = Sha256.newDigest();
		try (var channel = FileChannel.open(file, StandardOpenOption.READ);
				InputStream in = new DigestInputStream(Channels.newInputStream(channel.position(offset)), digest)) {
			try (var out = Files.newOutputStream(spooled)) {
				var buffer = new byte[64 * 1024];
				long left = size;
				int read;
				while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
					out.write(buffer, 0, read);
					left -= read;
				}
			}
		}
		return Sha256.hex(digest);
	}

	@Override
	public void close() {
		bucket.destroy();
	}

}
