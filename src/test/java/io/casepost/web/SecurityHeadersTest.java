package io.casepost.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.casepost.CasepostTest;
import io.casepost.TestEnvironment;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** What every answer tells the browser, and what the session cookie allows. */
@CasepostTest
class SecurityHeadersTest {

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
		var cookie = sessionCookieAfterSignIn();

		assertThat(cookie).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure");
	}

	@Test
	void behindAnHttpsProxyTheSessionCookieIsSecure() throws Exception {
		// the sign-in form's page starts the session, for its CSRF token
		var form = http.send(get("/login").header("X-Forwarded-Proto", "https").build(),
				HttpResponse.BodyHandlers.discarding());

		assertThat(form.headers().firstValue("Set-Cookie"))
			.hasValueSatisfying(cookie -> assertThat(cookie).contains("HttpOnly", "SameSite=Lax", "Secure"));
	}

	/** Signs in with the form as a browser does. */
	private String sessionCookieAfterSignIn() throws Exception {
		var signedIn = SignedInPages.through(port).signIn(TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location"))
			.hasValueSatisfying(to -> assertThat(to).endsWith("/cases"));
		return signedIn.headers().firstValue("Set-Cookie").orElseThrow();
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
	}

}
