package io.casepost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers a test starts by number (the embedded mail server, a product process,
 * s3rver), each handed out once on this machine. "Bind port 0, close, pass the number on"
 * races: until the server binds it, any outgoing connection may be given that port by the
 * kernel. These ports lie below the kernel's ephemeral range (32768 and up on Linux),
 * which it never gives to outgoing connections, and each is reserved by a file lock that
 * this JVM holds until it exits, so no other test JVM using this class takes it either.
 */
public final class TestPorts {

	private static final int FIRST = 20000;

	private static final int LAST = 32767;

	private static final Path LOCKS = Path.of(System.getProperty("java.io.tmpdir"), "casepost-test-ports");

	/** Held, never released: a reservation lasts as long as this JVM. */
	private static final List<FileChannel> RESERVED = new ArrayList<>();

	private TestPorts() {
	}

	public static synchronized int reserve() {
		try {
			Files.createDirectories(LOCKS);
			for (var attempt = 0; attempt < 1000; attempt++) {
				var port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
				var lock = FileChannel.open(LOCKS.resolve(port + ".lock"), StandardOpenOption.CREATE,
						StandardOpenOption.WRITE);
				if (holdsLock(lock) && bindable(port)) {
					RESERVED.add(lock);
					return port;
				}
				lock.close();
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		throw new IllegalStateException("No free port between " + FIRST + " and " + LAST + " after 1000 tries");
	}

	private static boolean holdsLock(FileChannel lock) throws IOException {
		try {
			return lock.tryLock() != null;
		}
		catch (OverlappingFileLockException takenInThisJvm) {
			return false;
		}
	}

	private static boolean bindable(int port) {
		try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException inUse) {
			return false;
		}
	}

}
