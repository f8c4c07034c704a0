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
 * through the login form (with its CSRF token) and parsed with jsoup.
 */
final class SignedInPages {

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	private final String base;

	private SignedInPages(int port) {
		this.base = "http://localhost:" + port;
	}

	static SignedInPages as(int port, String email, String password) throws IOException, InterruptedException {
		var pages = new SignedInPages(port);
		var csrf = pages.get("/login").select("input[name=_csrf]").attr("value");
		var form = "username=" + encoded(email) + "&password=" + encoded(password) + "&_csrf=" + encoded(csrf);
		var answer = pages.http.send(HttpRequest.newBuilder(URI.create(pages.base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.discarding());
		var location = answer.headers().firstValue("Location").orElse("");
		if (answer.statusCode() != 302 || location.contains("error")) {
			throw new IllegalStateException(email + " could not sign in: " + answer.statusCode() + " " + location);
		}
		return pages;
	}

	/** The page, which must answer 200. */
	Document get(String path) throws IOException, InterruptedException {
		var answer = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 200) {
			throw new AssertionError("GET " + path + " answered " + answer.statusCode());
		}
		return Jsoup.parse(answer.body(), base + path);
	}

	private static String encoded(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
