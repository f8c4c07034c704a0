package io.casepost;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A file system over a real directory that can lose power: what the code under test did
 * not sync is undone, as the weakest POSIX guarantees allow. A name created or renamed
 * into a directory lasts only once that directory is synced (a channel opened on it and
 * forced); until then a renamed file goes back to its old name and a new one vanishes. A
 * file's bytes last only once the file is forced; until then it comes back empty. Tests
 * of durability run the product's file code on it and then call {@link #losePower()}.
 */
public final class PowerLossFileSystem extends FileSystem {

	private final FileSystem real = java.nio.file.FileSystems.getDefault();

	private final Provider provider = new Provider();

	/** Real paths of names not yet synced in their directory. */
	private final Set<Path> unsyncedNames = new HashSet<>();

	/** Real paths of renamed files whose rename is not synced yet: their old path. */
	private final Map<Path, Path> renamedFrom = new HashMap<>();

	/** Real paths of files written since they were last forced. */
	private final Set<Path> unsyncedData = new HashSet<>();

	private int fileSyncs;

	private int directorySyncs;

	/** This file system's path for a real one. */
	public Path wrap(Path realPath) {
		return new WrappedPath(realPath);
	}

	/**
	 * Undoes what was not synced, as a power loss may: unsynced names go (renamed files
	 * back to their old names), unsynced files come back empty.
	 */
	public synchronized void losePower() throws IOException {
		var deepestFirst = unsyncedNames.stream()
			.sorted(Comparator.comparingInt(Path::getNameCount).reversed())
			.toList();
		for (var name : deepestFirst) {
			var oldName = renamedFrom.get(name);
			if (oldName != null && Files.exists(name)) {
				Files.move(name, oldName);
				follow(unsyncedData, name, oldName);
			}
			else {
				deleteTree(name);
			}
		}
		for (var file : unsyncedData) {
			if (Files.isRegularFile(file)) {
				Files.write(file, new byte[0]);
			}
		}
		unsyncedNames.clear();
		renamedFrom.clear();
		unsyncedData.clear();
	}

	/** How many times a file was forced to disk: each is a wait for the disk. */
	public synchronized int fileSyncs() {
		return fileSyncs;
	}

	/** How many times a directory was forced to disk. */
	public synchronized int directorySyncs() {
		return directorySyncs;
	}

	/** Whether a name was created or renamed and its directory not synced since. */
	public synchronized boolean isUnsynced(Path path) {
		return unsyncedNames.contains(unwrap(path));
	}

	private synchronized void created(Path realPath) {
		unsyncedNames.add(realPath);
	}

	private synchronized void moved(Path from, Path to) {
		var wasSynced = !unsyncedNames.remove(from);
		var original = renamedFrom.remove(from);
		unsyncedNames.add(to);
		if (original != null || wasSynced) {
			renamedFrom.put(to, original != null ? original : from);
		}
		follow(unsyncedData, from, to);
	}

	private synchronized void deleted(Path realPath) {
		unsyncedNames.remove(realPath);
		renamedFrom.remove(realPath);
		unsyncedData.remove(realPath);
	}

	private synchronized void written(Path realPath) {
		unsyncedData.add(realPath);
	}

	private synchronized void forced(Path realPath) {
		if (Files.isDirectory(realPath)) {
			directorySyncs++;
			unsyncedNames.removeIf(name -> realPath.equals(name.getParent()));
			renamedFrom.keySet().removeIf(name -> realPath.equals(name.getParent()));
		}
		else {
			fileSyncs++;
			unsyncedData.remove(realPath);
		}
	}

	private static void follow(Set<Path> paths, Path from, Path to) {
		if (paths.remove(from)) {
			paths.add(to);
		}
	}

	private static void deleteTree(Path path) throws IOException {
		if (Files.isDirectory(path)) {
			try (var children = Files.list(path)) {
				for (var child : children.toList()) {
					deleteTree(child);
				}
			}
		}
		Files.deleteIfExists(path);
	}

	private Iterator<Path> wrapping(Iterator<Path> paths) {
		return new Iterator<>() {
			@Override
			public boolean hasNext() {
				return paths.hasNext();
			}

			@Override
			public Path next() {
				return wrap(paths.next());
			}
		};
	}

	private static Path unwrap(Path path) {
		return path instanceof WrappedPath wrapped ? wrapped.real : path;
	}

	@Override
	public FileSystemProvider provider() {
		return provider;
	}

	@Override
	public void close() {
		// the real file system stays open
	}

	@Override
	public boolean isOpen() {
		return true;
	}

	@Override
	public boolean isReadOnly() {
		return false;
	}

	@Override
	public String getSeparator() {
		return real.getSeparator();
	}

	@Override
	public Iterable<Path> getRootDirectories() {
		return () -> java.util.stream.StreamSupport.stream(real.getRootDirectories().spliterator(), false)
			.map(this::wrap)
			.iterator();
	}

	@Override
	public Iterable<FileStore> getFileStores() {
		return real.getFileStores();
	}

	@Override
	public Set<String> supportedFileAttributeViews() {
		return real.supportedFileAttributeViews();
	}

	@Override
	public Path getPath(String first, String... more) {
		return wrap(real.getPath(first, more));
	}

	@Override
	public PathMatcher getPathMatcher(String syntaxAndPattern) {
		var matcher = real.getPathMatcher(syntaxAndPattern);
		return path -> matcher.matches(unwrap(path));
	}

	@Override
	public UserPrincipalLookupService getUserPrincipalLookupService() {
		return real.getUserPrincipalLookupService();
	}

	@Override
	public WatchService newWatchService() {
		throw new UnsupportedOperationException();
	}

	private final class WrappedPath implements Path {

		private final Path real;

		WrappedPath(Path real) {
			this.real = real;
		}

		private Path wrapOrNull(Path path) {
			return path == null ? null : wrap(path);
		}

		@Override
		public FileSystem getFileSystem() {
			return PowerLossFileSystem.this;
		}

		@Override
		public boolean isAbsolute() {
			return real.isAbsolute();
		}

		@Override
		public Path getRoot() {
			return wrapOrNull(real.getRoot());
		}

		@Override
		public Path getFileName() {
			return wrapOrNull(real.getFileName());
		}

		@Override
		public Path getParent() {
			return wrapOrNull(real.getParent());
		}

		@Override
		public int getNameCount() {
			return real.getNameCount();
		}

		@Override
		public Path getName(int index) {
			return wrap(real.getName(index));
		}

		@Override
		public Path subpath(int beginIndex, int endIndex) {
			return wrap(real.subpath(beginIndex, endIndex));
		}

		@Override
		public boolean startsWith(Path other) {
			return real.startsWith(unwrap(other));
		}

		@Override
		public boolean endsWith(Path other) {
			return real.endsWith(unwrap(other));
		}

		@Override
		public Path normalize() {
			return wrap(real.normalize());
		}

		@Override
		public Path resolve(Path other) {
			return wrap(real.resolve(unwrap(other)));
		}

		@Override
		public Path relativize(Path other) {
			return wrap(real.relativize(unwrap(other)));
		}

		@Override
		public URI toUri() {
			return real.toUri();
		}

		@Override
		public Path toAbsolutePath() {
			return wrap(real.toAbsolutePath());
		}

		@Override
		public Path toRealPath(LinkOption... options) throws IOException {
			return wrap(real.toRealPath(options));
		}

		@Override
		public File toFile() {
			throw new UnsupportedOperationException("not a default file system path");
		}

		@Override
		public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Iterator<Path> iterator() {
			return wrapping(real.iterator());
		}

		@Override
		public int compareTo(Path other) {
			return real.compareTo(unwrap(other));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof WrappedPath wrapped && real.equals(wrapped.real);
		}

		@Override
		public int hashCode() {
			return real.hashCode();
		}

		@Override
		public String toString() {
			return real.toString();
		}

	}

	private final class Provider extends FileSystemProvider {

		private FileSystemProvider real() {
			return real.provider();
		}

		@Override
		public String getScheme() {
			return "power-loss";
		}

		@Override
		public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
			throw new UnsupportedOperationException();
		}

		@Override
		public FileSystem getFileSystem(URI uri) {
			return PowerLossFileSystem.this;
		}

		@Override
		public Path getPath(URI uri) {
			return wrap(Path.of(uri));
		}

		@Override
		public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
				FileAttribute<?>... attrs) throws IOException {
			return newFileChannel(path, options, attrs);
		}

		@Override
		public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
				throws IOException {
			var file = unwrap(path);
			var existed = Files.exists(file);
			var channel = real().newFileChannel(file, options, attrs);
			if (!existed) {
				created(file);
			}
			var writing = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
			if (writing && options.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
				written(file);
			}
			return new TrackedChannel(channel, file);
		}

		@Override
		public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
				throws IOException {
			var stream = real().newDirectoryStream(unwrap(dir), entry -> filter.accept(wrap(entry)));
			return new DirectoryStream<>() {
				@Override
				public Iterator<Path> iterator() {
					return wrapping(stream.iterator());
				}

				@Override
				public void close() throws IOException {
					stream.close();
				}
			};
		}

		@Override
		public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
			real().createDirectory(unwrap(dir), attrs);
			created(unwrap(dir));
		}

		@Override
		public void delete(Path path) throws IOException {
			real().delete(unwrap(path));
			deleted(unwrap(path));
		}

		@Override
		public void copy(Path source, Path target, CopyOption... options) throws IOException {
			real().copy(unwrap(source), unwrap(target), options);
			created(unwrap(target));
			written(unwrap(target));
		}

		@Override
		public void move(Path source, Path target, CopyOption... options) throws IOException {
			real().move(unwrap(source), unwrap(target), options);
			moved(unwrap(source), unwrap(target));
		}

		@Override
		public boolean isSameFile(Path path, Path path2) throws IOException {
			return real().isSameFile(unwrap(path), unwrap(path2));
		}

		@Override
		public boolean isHidden(Path path) throws IOException {
			return real().isHidden(unwrap(path));
		}

		@Override
		public FileStore getFileStore(Path path) throws IOException {
			return real().getFileStore(unwrap(path));
		}

		@Override
		public void checkAccess(Path path, AccessMode... modes) throws IOException {
			real().checkAccess(unwrap(path), modes);
		}

		@Override
		public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
			return real().getFileAttributeView(unwrap(path), type, options);
		}

		@Override
		public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
				throws IOException {
			return real().readAttributes(unwrap(path), type, options);
		}

		@Override
		public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
				throws IOException {
			return real().readAttributes(unwrap(path), attributes, options);
		}

		@Override
		public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
			real().setAttribute(unwrap(path), attribute, value, options);
		}

	}

	/** A real channel that tells the file system what was written and what was forced. */
	private final class TrackedChannel extends FileChannel {

		private final FileChannel channel;

		private final Path file;

		TrackedChannel(FileChannel channel, Path file) {
			this.channel = channel;
			this.file = file;
		}

		@Override
		public int read(ByteBuffer dst) throws IOException {
			return channel.read(dst);
		}

		@Override
		public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
			return channel.read(dsts, offset, length);
		}

		@Override
		public int write(ByteBuffer src) throws IOException {
			written(file);
			return channel.write(src);
		}

		@Override
		public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
			written(file);
			return channel.write(srcs, offset, length);
		}

		@Override
		public long position() throws IOException {
			return channel.position();
		}

		@Override
		public FileChannel position(long newPosition) throws IOException {
			channel.position(newPosition);
			return this;
		}

		@Override
		public long size() throws IOException {
			return channel.size();
		}

		@Override
		public FileChannel truncate(long size) throws IOException {
			written(file);
			channel.truncate(size);
			return this;
		}

		@Override
		public void force(boolean metaData) throws IOException {
			channel.force(metaData);
			forced(file);
		}

		@Override
		public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
			return channel.transferTo(position, count, target);
		}

		@Override
		public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
			written(file);
			return channel.transferFrom(src, position, count);
		}

		@Override
		public int read(ByteBuffer dst, long position) throws IOException {
			return channel.read(dst, position);
		}

		@Override
		public int write(ByteBuffer src, long position) throws IOException {
			written(file);
			return channel.write(src, position);
		}

		@Override
		public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
			throw new UnsupportedOperationException("mapped writes are not tracked");
		}

		@Override
		public FileLock lock(long position, long size, boolean shared) throws IOException {
			return channel.lock(position, size, shared);
		}

		@Override
		public FileLock tryLock(long position, long size, boolean shared) throws IOException {
			return channel.tryLock(position, size, shared);
		}

		@Override
		protected void implCloseChannel() throws IOException {
			channel.close();
		}

	}

}
