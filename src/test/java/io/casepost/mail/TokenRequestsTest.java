package io.casepost.mail;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import io.casepost.SettableClock;
import com.nimbusds.jwt.SignedJWT;
import jakarta.mail.AuthenticationFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The requests the token client sends, checked by a local token endpoint; the JWTs
 * verified with the public key by another library.
 */
class TokenRequestsTest {

	static KeyPair keys;

	@TempDir
	Path dir;

	LocalTokenEndpoint endpoint;

	final List<String> issued = new ArrayList<>();

	@BeforeAll
	static void makeKeys() throws Exception {
		var generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		keys = generator.generateKeyPair();
	}

	@AfterEach
	void stop() {
		if (endpoint != null) {
			endpoint.close();
		}
	}

	@Test
	void microsoftPresetAsksTheTenantsEndpointForOutlookWithTheClientSecret() throws Exception {
		var preset = new TokenEndpoint(settings("microsoft", null, "app-id", "s3cret", null, null, null),
				Clock.systemUTC());
		assertThat(preset.endpoint())
			.isEqualTo(URI.create("https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token"));

		start("s3cret", 3600);
		new TokenEndpoint(settings("microsoft", endpoint.uri(), "app-id", "s3cret", null, null, null),
				Clock.systemUTC())
			.fetch();

		assertThat(endpoint.requests()).singleElement()
			.isEqualTo(Map.of("grant_type", "client_credentials", "client_id", "app-id", "scope",
					"https://outlook.office365.com/.default", "client_secret", "s3cret"));
	}

	@Test
	void aClientAssertionIsAJwtSignedWithThePrivateKeyForTheEndpoint() throws Exception {
		start(null, 3600);
		var before = Instant.now().getEpochSecond();

		new TokenEndpoint(settings("microsoft", endpoint.uri(), "app-id", null, pem(), "key-1", null),
				Clock.systemUTC())
			.fetch();

		var form = endpoint.requests().get(0);
		assertThat(form).containsEntry("grant_type", "client_credentials")
			.containsEntry("client_id", "app-id")
			.containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
			.doesNotContainKey("client_secret");
		var jwt = SignedJWT.parse(form.get("client_assertion"));
		assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic())))
			.as("signature verified with the public key")
			.isTrue();
		assertThat(jwt.getHeader().getKeyID()).isEqualTo("key-1");
		var claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("app-id");
		assertThat(claims.getSubject()).isEqualTo("app-id");
		assertThat(claims.getAudience()).containsExactly(endpoint.uri().toString());
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getExpirationTime().toInstant().getEpochSecond()).isBetween(before + 60, before + 600);
	}

	@Test
	void googlePresetSendsAServiceAccountJwtActingForTheMailboxUser() throws Exception {
		start(null, 3600);
		var keyFile = dir.resolve("service-account.json");
		Files.writeString(keyFile, """
				{"type": "service_account", "client_email": "casepost@agency-project.iam.gserviceaccount.com",
				 "private_key_id": "abc123", "private_key": "%s", "token_uri": "%s"}"""
			.formatted(Files.readString(pem()).replace("\n", "\\n"), endpoint.uri()));
		var google = new MailAuthSettings("oauth2", "google", null, null, null, null, null, null, null, null, keyFile,
				null, "updates@agency.example");

		new TokenEndpoint(google, Clock.systemUTC()).fetch();

		var form = endpoint.requests().get(0);
		assertThat(form).containsOnlyKeys("grant_type", "assertion")
			.containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
		var jwt = SignedJWT.parse(form.get("assertion"));
		assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic()))).isTrue();
		assertThat(jwt.getHeader().getKeyID()).isEqualTo("abc123");
		var claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("casepost@agency-project.iam.gserviceaccount.com");
		assertThat(claims.getSubject()).isEqualTo("updates@agency.example");
		assertThat(claims.getStringClaim("scope")).isEqualTo("https://mail.google.com/");
		assertThat(claims.getAudience()).containsExactly(endpoint.uri().toString());
		assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
			.isEqualTo(Duration.ofHours(1));
	}

	@Test
	void aRevokedClientGivesTheEndpointAndItsErrorAndNothingElse() throws Exception {
		start("s3cret", 3600);
		endpoint.revoke();

		assertThatThrownBy(
				() -> new TokenEndpoint(settings("custom", endpoint.uri(), "app-id", "s3cret", null, null, "mail"),
						Clock.systemUTC())
					.fetch())
			.isInstanceOf(AccessTokenUnavailable.class)
			.hasMessage("could not get an access token from " + endpoint.uri() + ": 401 invalid_client");
	}

	@Test
	void aTokenIsKeptUntilShortlyBeforeItExpiresAndReplacedWhenTheServerTurnsItDown() throws Exception {
		start("s3cret", 100);
		var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
		var login = new MailLogin(settings("custom", endpoint.uri(), "app-id", "s3cret", null, null, "mail"), clock);
		var used = new ArrayList<String>();
		MailLogin.Connection accepting = (user, secret) -> used.add(secret);

		login.connect("ignored", "ignored", accepting);
		clock.advance(Duration.ofSeconds(85));
		login.connect("ignored", "ignored", accepting);
		clock.advance(Duration.ofSeconds(6));
		login.connect("ignored", "ignored", accepting);
		login.connect("ignored", "ignored", (user, secret) -> {
			if (secret.equals(issued.get(1))) {
				throw new AuthenticationFailedException("token no longer valid");
			}
			used.add(secret);
		});

		assertThat(used).containsExactly(issued.get(0), issued.get(0), issued.get(1), issued.get(2));
		assertThat(endpoint.requests()).hasSize(3);
		assertThat(new TokenEndpoint.AccessToken(issued.get(0), clock.instant(), Duration.ZERO).toString())
			.doesNotContain(issued.get(0));
	}

	private void start(String secret, long lifetime) throws IOException {
		endpoint = new LocalTokenEndpoint(secret, lifetime, issued::add);
	}

	private MailAuthSettings settings(String provider, URI tokenEndpoint, String clientId, String secret, Path key,
			String keyId, String scope) {
		return new MailAuthSettings("oauth2", provider, null, tokenEndpoint, "tenant-1", clientId, secret, key, null,
				keyId, null, scope, "updates@agency.example");
	}

	private Path pem() throws IOException {
		var file = dir.resolve("key.pem");
		var base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded());
		Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n");
		return file;
	}

}
