package io.casepost.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * The pages as one signed-in person gets them over HTTP, without a browser: signed in
 * through the login form (with its CSRF token) and parsed with jsoup. Every request may
 * carry headers that a proxy on this machine adds (X-Forwarded-For, X-Forwarded-Proto).
 */
final class SignedInPages {

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	private final String base;

	private final String[] headers;

	private SignedInPages(int port, String... headers) {
		this.base = "http://localhost:" + port;
		this.headers = headers;
	}

	static SignedInPages as(int port, String email, String password) throws IOException, InterruptedException {
		var pages = new SignedInPages(port);
		var answer = pages.signIn(email, password);
		var location = answer.headers().firstValue("Location").orElse("");
		if (answer.statusCode() != 302 || location.contains("error")) {
			throw new IllegalStateException(email + " could not sign in: " + answer.statusCode() + " " + location);
		}
		return pages;
	}

	/**
	 * Not signed in yet, behind a proxy that adds these headers.
	 * @param headers name, value, name, value...
	 */
	static SignedInPages through(int port, String... headers) {
		return new SignedInPages(port, headers);
	}

	/**
	 * Posts the sign-in form with the CSRF token of the form page; answers the redirect.
	 */
	HttpResponse<Void> signIn(String email, String password) throws IOException, InterruptedException {
		var csrf = get("/login").select("input[name=_csrf]").attr("value");
		var form = "username=" + encoded(email) + "&password=" + encoded(password) + "&_csrf=" + encoded(csrf);
		return http.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.discarding());
	}

	/** The page, which must answer 200. */
	Document get(String path) throws IOException, InterruptedException {
		var answer = http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 200) {
			throw new AssertionError("GET " + path + " answered " + answer.statusCode());
		}
		return Jsoup.parse(answer.body(), base + path);
	}

	private HttpRequest.Builder request(String path) {
		var request = HttpRequest.newBuilder(URI.create(base + path));
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return request;
	}

	private static String encoded(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
