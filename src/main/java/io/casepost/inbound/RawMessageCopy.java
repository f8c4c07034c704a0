package io.casepost.inbound;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import io.casepost.cases.AttachmentCopy;
import io.casepost.cases.AttachmentCopy.Outcome;
import io.casepost.cases.AttachmentCopy.Piece;
import io.casepost.cases.AttachmentCopy.Result;
import io.casepost.inbound.inbox.RawMessages;
import io.casepost.inbound.inbox.RawMessages.RawFile;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moves the raw messages held on this data directory's disk into the bucket, for the
 * {@code copy-attachments-to-s3} command, so that every instance on the bucket can export
 * them as evidence. Each is put under a key of its own row
 * ({@code inbox/copied/<id>.eml}, so a run cut short between the PUT and the row finds it
 * there), checked against its recorded SHA-256, and then its row names the copy. Messages
 * still waiting to be decided stay where they are: an instance on the filesystem store
 * may be about to read them.
 */
public final class RawMessageCopy {

	/** A raw message whose row names a range of a file on disk. */
	public record Held(long id, String key, long offset, long size, String sha256) {
	}

	private final JdbcClient jdbc;

	private final RawMessages onDisk;

	private final AttachmentCopy copy;

	private RawMessageCopy(JdbcClient jdbc, RawMessages onDisk, AttachmentCopy copy) {
		this.jdbc = jdbc;
		this.onDisk = onDisk;
		this.copy = copy;
	}

	public static RawMessageCopy of(Environment environment, DataSource database, AttachmentCopy copy)
			throws IOException {
		var dataDir = Path.of(environment.getRequiredProperty("casepost.data-dir"));
		return new RawMessageCopy(JdbcClient.create(database), RawMessages.onDisk(dataDir), copy);
	}

	/** The decided messages whose bytes are on disk, oldest first. */
	public List<Held> heldOnDisk() {
		return jdbc.sql("""
				select id, raw_key, raw_offset, raw_size, raw_sha256 from inbound_message
				where raw_key not like ? and disposition <> ? order by id""")
			.params(RawMessages.BUCKET_AREA + "%", Disposition.PENDING.name())
			.query((rs, row) -> new Held(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5)))
			.list();
	}

	/**
	 * Copies the message and points its row at the copy; the file on disk is left to the
	 * orphan sweep once no row names it.
	 */
	public Result copy(Held message) throws IOException {
		var file = new RawFile(message.key(), message.offset(), message.size(), message.sha256());
		var target = RawMessages.BUCKET_AREA + "copied/" + message.id() + ".eml";
		var result = copy.copy(target, file.sha256(),
				new Piece(file.key(), file.offset(), file.size(), onDisk.open(file)::open));
		if (result.outcome() == Outcome.COPIED || result.outcome() == Outcome.ALREADY_THERE) {
			jdbc.sql("update inbound_message set raw_key = ?, raw_offset = 0 where id = ? and raw_key = ?")
				.params(target, message.id(), file.key())
				.update();
		}
		return result;
	}

}
