package io.casepost.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import io.casepost.CasepostTest;
import io.casepost.TestEnvironment;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** What every answer tells the browser, and what the session cookie allows. */
@CasepostTest
class SecurityHeadersTest {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void pagesApiAndHealthTellNoOtherSiteWhereTheUserWasAndAskForNoDeviceFeatures() throws Exception {
		for (var path : List.of("/login", "/cases", "/api/cases/1", "/actuator/health", "/actuator/metrics")) {
			var answer = http.send(get(path).build(), HttpResponse.BodyHandlers.discarding());

			assertThat(answer.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
			assertThat(answer.headers().firstValue("Permissions-Policy")).as(path)
				.hasValueSatisfying(policy -> assertThat(policy).contains("camera=()", "microphone=()",
						"geolocation=()", "payment=()"));
			assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
		}
	}

	@Test
	void theSessionCookieIsHttpOnlyAndSameSiteLaxAndNotSecureOverPlainHttp() throws Exception {
		var cookie = sessionCookieAfterSignIn(false);

		assertThat(cookie).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure");
	}

	@Test
	void behindAnHttpsProxyTheSessionCookieIsSecure() throws Exception {
		var cookie = sessionCookieAfterSignIn(true);

		assertThat(cookie).contains("HttpOnly", "SameSite=Lax", "Secure");
	}

	/**
	 * Signs in with the form as a browser does; through a proxy on this machine that
	 * says, in X-Forwarded-Proto, that the browser spoke HTTPS.
	 */
	private String sessionCookieAfterSignIn(boolean behindHttps) throws Exception {
		var form = http.send(proxied(get("/login"), behindHttps).build(), HttpResponse.BodyHandlers.ofString());
		var firstCookie = form.headers().firstValue("Set-Cookie").orElseThrow();
		var token = CSRF.matcher(form.body());
		assertThat(token.find()).isTrue();
		var body = "username=" + encode(TestEnvironment.ADMIN_EMAIL) + "&password="
				+ encode(TestEnvironment.ADMIN_PASSWORD) + "&_csrf=" + encode(token.group(1));
		var signIn = http.send(proxied(request("/login"), behindHttps)
			.header("Cookie", firstCookie.substring(0, firstCookie.indexOf(';')))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(signIn.statusCode()).isEqualTo(302);
		assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/cases"));
		return signIn.headers().firstValue("Set-Cookie").orElseThrow();
	}

	private static HttpRequest.Builder proxied(HttpRequest.Builder request, boolean behindHttps) {
		return behindHttps ? request.header("X-Forwarded-Proto", "https") : request;
	}

	private HttpRequest.Builder get(String path) {
		return request(path).GET();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
