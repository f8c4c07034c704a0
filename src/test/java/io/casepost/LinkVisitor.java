package io.casepost;

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
 * Someone who follows a link from an email in a browser: redirects followed, cookies
 * kept, the sign-in form posted with its CSRF token. Test people sign in with "pw-" and
 * their address.
 */
public final class LinkVisitor {

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NORMAL)
		.build();

	private final String base;

	/** Not signed in. */
	public LinkVisitor(int port) {
		this.base = "http://localhost:" + port;
	}

	/** Signed in from the sign-in page, which leads to the list of cases. */
	public static LinkVisitor signedIn(int port, String email) throws IOException, InterruptedException {
		var visitor = new LinkVisitor(port);
		var landed = visitor.signIn(email);
		if (!landed.uri().getPath().equals("/cases")) {
			throw new IllegalStateException(email + " could not sign in: ended at " + landed.uri());
		}
		return visitor;
	}

	/**
	 * The answer at the end of the redirects. The fragment stays with the browser, as a
	 * browser keeps it.
	 */
	public HttpResponse<byte[]> open(String link) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(link.replaceFirst("#.*", ""))).build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	/** Posts the sign-in form; answers the page it led to. */
	public HttpResponse<byte[]> signIn(String email) throws IOException, InterruptedException {
		var csrf = page(open(base + "/login")).select("input[name=_csrf]").attr("value");
		var fields = "username=" + encoded(email) + "&password=" + encoded("pw-" + email) + "&_csrf=" + encoded(csrf);
		return http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(fields))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	public static Document page(HttpResponse<byte[]> answer) {
		return Jsoup.parse(new String(answer.body(), StandardCharsets.UTF_8), answer.uri().toString());
	}

	private static String encoded(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
