package io.casepost.mail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OAuth2 token endpoint on 127.0.0.1 for the tests: it issues short-lived bearer
 * tokens to a client that presents the right secret (or any client assertion, which the
 * tests verify themselves), answers {@code 401 {"error":"invalid_client"}} once the
 * client is revoked, and keeps every request.
 */
public final class LocalTokenEndpoint implements AutoCloseable {

	private final HttpServer server;

	private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

	private final long lifetimeSeconds;

	private final Consumer<String> issued;

	private final String clientSecret;

	private volatile boolean revoked;

	/**
	 * {@code issued} hears of each new token, so that a test mail server can accept
	 * exactly that one.
	 */
	public LocalTokenEndpoint(String clientSecret, long lifetimeSeconds, Consumer<String> issued) throws IOException {
		this.clientSecret = clientSecret;
		this.lifetimeSeconds = lifetimeSeconds;
		this.issued = issued;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/token", this::answer);
		server.start();
	}

	public URI uri() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
	}

	public List<Map<String, String>> requests() {
		return List.copyOf(requests);
	}

	public void revoke() {
		revoked = true;
	}

	public void restore() {
		revoked = false;
	}

	private void answer(HttpExchange exchange) throws IOException {
		var form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		requests.add(form);
		if (revoked || (form.containsKey("client_secret") && !form.get("client_secret").equals(clientSecret))) {
			send(exchange, 401,
					"{\"error\":\"invalid_client\",\"error_description\":\"The client is not known or was disabled\"}");
			return;
		}
		var token = "token-" + UUID.randomUUID();
		issued.accept(token);
		send(exchange, 200, "{\"token_type\":\"Bearer\",\"expires_in\":" + lifetimeSeconds + ",\"access_token\":\""
				+ token + "\"}");
	}

	private static void send(HttpExchange exchange, int status, String json) throws IOException {
		var bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (var out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static Map<String, String> form(String body) {
		var form = new LinkedHashMap<String, String>();
		for (var pair : body.split("&")) {
			var parts = pair.split("=", 2);
			form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
					parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
		}
		return form;
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
