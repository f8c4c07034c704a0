package io.casepost;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A line-by-line TCP relay in front of a mail server on 127.0.0.1 (IMAP and SMTP are line
 * protocols), for tests that watch, change or withhold what passes.
 */
public final class LineRelay implements AutoCloseable {

	/**
	 * What passes on one connection: each line as it is to go on, or null to withhold it.
	 */
	public interface Connection {

		String fromClient(String line);

		String fromServer(String line);

	}

	private final ServerSocket listener;

	private final int target;

	private final Supplier<Connection> connections;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	public LineRelay(int target, Supplier<Connection> connections) throws IOException {
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.target = target;
		this.connections = connections;
		daemon(this::accept);
	}

	public int port() {
		return listener.getLocalPort();
	}

	/** Cuts every open connection, as a network failure does. */
	public void dropConnections() throws IOException {
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
				var connection = connections.get();
				daemon(() -> relay(client, server, connection::fromClient));
				daemon(() -> relay(server, client, connection::fromServer));
			}
			catch (IOException closed) {
				return;
			}
		}
	}

	private static void relay(Socket from, Socket to, UnaryOperator<String> line) {
		try (var in = new BufferedReader(new InputStreamReader(from.getInputStream(), StandardCharsets.ISO_8859_1));
				OutputStream out = to.getOutputStream()) {
			for (String read; (read = in.readLine()) != null;) {
				var passed = line.apply(read);
				if (passed != null) {
					out.write((passed + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
					out.flush();
				}
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

	private static void daemon(Runnable task) {
		var thread = new Thread(task, "line-relay");
		thread.setDaemon(true);
		thread.start();
	}

}
