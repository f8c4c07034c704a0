package io.casepost.inbound.inbox;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.casepost.cases.BucketFiles;
import io.casepost.inbound.RawEmail;
import io.casepost.shared.DurableFiles;
import io.casepost.shared.FilesWrittenBefore;
import io.casepost.shared.Sha256;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Raw inbound messages, byte for byte, in the attachment store, durable before their rows
 * commit. On disk ({@code <data-dir>/inbox/}) a fetched chunk is one file, written,
 * synced and renamed into place with one directory sync, each message a range of it. In a
 * bucket each message is its own object under {@code inbox/}, PUT from a local spool
 * file: any instance reads what another stored. Keys tell the two apart, so files stored
 * on disk before the bucket was set up are still read from the disk where they are.
 */
@Component
public class RawMessages {

	/** Where keys of raw messages in the bucket start; keys on disk never do. */
	public static final String BUCKET_AREA = "inbox/";

	private final Path root;

	private final BucketFiles bucket;

	@Autowired
	RawMessages(@Value("${casepost.data-dir}") Path dataDir, ObjectProvider<BucketFiles> bucket) throws IOException {
		this(dataDir, bucket.getIfAvailable());
	}

	private RawMessages(Path dataDir, BucketFiles bucket) throws IOException {
		this.root = DurableFiles.createDirectories(dataDir.resolve("inbox"));
		this.bucket = bucket;
	}

	/**
	 * The messages on this data directory's disk, for a command run without the product.
	 */
	public static RawMessages onDisk(Path dataDir) throws IOException {
		return new RawMessages(dataDir, (BucketFiles) null);
	}

	/**
	 * Stores the messages of a chunk, durable once this returns, and hands each to
	 * {@code inspect} while its bytes are still at hand (nothing is fetched back from a
	 * bucket for it).
	 */
	public <T> List<Written<T>> write(List<RawContent> chunk, Inspection<T> inspect) throws IOException {
		return bucket == null ? writeChunkFile(chunk, inspect) : putEach(chunk, inspect);
	}

	/** A stored message's place and fingerprint, with what was read of it on the way. */
	public record Written<T>(RawFile file, T inspected) {
	}

	@FunctionalInterface
	public interface Inspection<T> {

		T of(RawEmail raw) throws IOException;

	}

	private <T> List<Written<T>> writeChunkFile(List<RawContent> chunk, Inspection<T> inspect) throws IOException {
		var key = LocalDate.now() + "/" + UUID.randomUUID() + (chunk.size() == 1 ? ".eml" : ".emls");
		var target = root.resolve(key);
		DurableFiles.createDirectories(target.getParent());
		var temp = target.resolveSibling(target.getFileName() + ".part");
		var ranges = new ArrayList<RawFile>();
		try (var channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			var out = Channels.newOutputStream(channel);
			for (var raw : chunk) {
				var offset = channel.position();
				var sha256 = writeHashed(raw, out);
				ranges.add(new RawFile(key, offset, channel.position() - offset, sha256));
			}
		}
		catch (IOException | RuntimeException e) {
			Files.deleteIfExists(temp);
			throw e;
		}
		// one sync of the file and one of its directory for the whole chunk
		DurableFiles.move(temp, target);
		var written = new ArrayList<Written<T>>();
		for (var range : ranges) {
			written.add(new Written<>(range, inspect.of(open(range))));
		}
		return written;
	}

	private <T> List<Written<T>> putEach(List<RawContent> chunk, Inspection<T> inspect) throws IOException {
		var written = new ArrayList<Written<T>>();
		for (var raw : chunk) {
			// the bucket keeps it once the PUT answers: the spool file needs no sync
			var spooled = root.resolve(UUID.randomUUID() + ".part");
			try {
				String sha256;
				try (var out = Files.newOutputStream(spooled)) {
					sha256 = writeHashed(raw, out);
				}
				var file = new RawFile(BUCKET_AREA + LocalDate.now() + "/" + UUID.randomUUID() + ".eml", 0,
						Files.size(spooled), sha256);
				var inspected = inspect.of(RawEmail.of(spooled));
				bucket.put(file.key(), spooled, sha256);
				written.add(new Written<>(file, inspected));
			}
			finally {
				Files.deleteIfExists(spooled);
			}
		}
		return written;
	}

	private static String writeHashed(RawContent raw, OutputStream out) throws IOException {
		var digest = Sha256.newDigest();
		try {
			raw.writeTo(new DigestOutputStream(new UnclosedOutputStream(out), digest));
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IOException("Could not read the message from its source: " + e.getMessage(), e);
		}
		return Sha256.hex(digest);
	}

	/** The bytes of a stored message: from the bucket, or from its range of a file. */
	public RawEmail open(RawFile file) {
		return new RawEmail() {
			@Override
			public long size() {
				return file.size();
			}

			@Override
			public InputStream open() throws IOException {
				return file.key().startsWith(BUCKET_AREA) ? fromBucket(file.key()) : fromDisk(file);
			}
		};
	}

	private InputStream fromBucket(String key) throws IOException {
		if (bucket == null) {
			throw new IOException(
					"Raw message " + key + " is in the bucket, but casepost.attachments.store is not s3 here");
		}
		return bucket.open(key);
	}

	private InputStream fromDisk(RawFile file) throws IOException {
		var channel = FileChannel.open(path(file.key()), StandardOpenOption.READ);
		try {
			channel.position(file.offset());
			return new Range(Channels.newInputStream(channel), file.size());
		}
		catch (IOException | RuntimeException e) {
			channel.close();
			throw e;
		}
	}

	/**
	 * Keys of the files on this instance's disk written before {@code before}: stored
	 * messages, spool files and the {@code .part} files of writes a crash cut short
	 * alike. Raw messages in the bucket are listed with the attachments.
	 */
	public List<String> keysStoredBefore(Instant before) throws IOException {
		return FilesWrittenBefore.under(root, 2, before);
	}

	public void deleteFromDisk(String key) throws IOException {
		Files.deleteIfExists(path(key));
	}

	private Path path(String key) {
		var path = root.resolve(key).normalize();
		if (!path.startsWith(root)) {
			throw new IllegalArgumentException("Not an inbox key: " + key);
		}
		return path;
	}

	/**
	 * Where a message's bytes are: a key (a file, or an object in the bucket) and the
	 * range of it that is this message's.
	 */
	public record RawFile(String key, long offset, long size, String sha256) {
	}

	/** Leaves the chunk file open for the next message. */
	private static final class UnclosedOutputStream extends java.io.FilterOutputStream {

		UnclosedOutputStream(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			out.write(bytes, offset, length);
		}

		@Override
		public void close() throws IOException {
			flush();
		}

	}

	/** At most {@code remaining} bytes of a file, from where its channel stands. */
	private static final class Range extends FilterInputStream {

		private long remaining;

		Range(InputStream in, long length) {
			super(in);
			this.remaining = length;
		}

		@Override
		public int read() throws IOException {
			var one = new byte[1];
			return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (remaining <= 0) {
				return -1;
			}
			var read = super.read(buffer, offset, (int) Math.min(length, remaining));
			remaining -= Math.max(read, 0);
			return read;
		}

		@Override
		public long skip(long n) throws IOException {
			var skipped = super.skip(Math.min(n, remaining));
			remaining -= skipped;
			return skipped;
		}

		/**
		 * All of the range: it is in a local file, readable without blocking. Asking the
		 * channel cost two system calls (size and position) each time, and buffered
		 * readers ask at every read.
		 */
		@Override
		public int available() {
			return (int) Math.min(Integer.MAX_VALUE, remaining);
		}

		@Override
		public boolean markSupported() {
			return false;
		}

	}

}
