package io.casepost.inbound;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A line-by-line TCP relay in front of an IMAP server: it can hide the server's IDLE
 * capability (a server without IDLE), drop every connection (a network failure), and
 * records the client's commands.
 */
final class ImapProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final int target;

	private final boolean hideIdle;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	final List<String> clientCommands = new CopyOnWriteArrayList<>();

	ImapProxy(int target, boolean hideIdle) throws IOException {
		this.listener = new ServerSocket(0);
		this.target = target;
		this.hideIdle = hideIdle;
		start(this::accept);
	}

	int port() {
		return listener.getLocalPort();
	}

	/** Cuts every open connection, as a network failure does. */
	void dropConnections() throws IOException {
		for (var socket : sockets) {
			socket.close();
		}
		sockets.clear();
	}

	@Override
	public void close() throws IOException {
		listener.close();
		dropConnections();
	}

	private void accept() {
		while (!listener.isClosed()) {
			try {
				var client = listener.accept();
				var server = new Socket("127.0.0.1", target);
				sockets.add(client);
				sockets.add(server);
				start(() -> relay(client, server, true));
				start(() -> relay(server, client, false));
			}
			catch (IOException closed) {
				return;
			}
		}
	}

	private void relay(Socket from, Socket to, boolean fromClient) {
		try (var in = new BufferedReader(new InputStreamReader(from.getInputStream(), StandardCharsets.ISO_8859_1));
				OutputStream out = to.getOutputStream()) {
			for (String line; (line = in.readLine()) != null;) {
				if (fromClient) {
					clientCommands.add(line);
				}
				else if (hideIdle && line.toUpperCase().contains("CAPABILITY")) {
					line = line.replaceAll("(?i) IDLE\\b", "");
				}
				out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
			}
		}
		catch (IOException dropped) {
			// the other direction notices on its own
		}
		finally {
			try {
				from.close();
				to.close();
			}
			catch (IOException ignored) {
				// already closed
			}
		}
	}

	private static void start(Runnable task) {
		var thread = new Thread(task, "imap-proxy");
		thread.setDaemon(true);
		thread.start();
	}

}
