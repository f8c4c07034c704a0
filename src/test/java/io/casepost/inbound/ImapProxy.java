package io.casepost.inbound;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.casepost.LineRelay;

/**
 * A relay in front of an IMAP server: it can hide the server's IDLE capability (a server
 * without IDLE), drop every connection (a network failure), and records the client's
 * commands.
 */
final class ImapProxy implements AutoCloseable {

	private final LineRelay relay;

	private final boolean hideIdle;

	final List<String> clientCommands = new CopyOnWriteArrayList<>();

	ImapProxy(int target, boolean hideIdle) throws IOException {
		this.hideIdle = hideIdle;
		this.relay = new LineRelay(target, () -> new LineRelay.Connection() {

			@Override
			public String fromClient(String line) {
				clientCommands.add(line);
				return line;
			}

			@Override
			public String fromServer(String line) {
				return ImapProxy.this.hideIdle && line.toUpperCase().contains("CAPABILITY")
						? line.replaceAll("(?i) IDLE\\b", "") : line;
			}

		});
	}

	int port() {
		return relay.port();
	}

	/** Cuts every open connection, as a network failure does. */
	void dropConnections() throws IOException {
		relay.dropConnections();
	}

	@Override
	public void close() throws IOException {
		relay.close();
	}

}
