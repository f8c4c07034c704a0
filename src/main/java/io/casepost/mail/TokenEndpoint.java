package io.casepost.mail;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the provider's OAuth2 token endpoint for an access token to the mailbox: the
 * client-credentials grant (with a client secret or a signed JWT client assertion) or the
 * JWT-bearer grant of a service account acting for the mailbox user. Presets fill in
 * Microsoft 365's and Google Workspace's endpoint, grant and scope.
 */
final class TokenEndpoint {

	static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	static final String CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI endpoint;

	private final String grant;

	private final String clientId;

	private final String clientSecret;

	private final PrivateKey privateKey;

	private final Map<String, Object> keyHeader;

	private final String scope;

	private final String user;

	private final Clock clock;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	TokenEndpoint(MailAuthSettings settings, Clock clock) throws IOException {
		var provider = settings.provider() == null || settings.provider().isBlank() ? "custom"
				: settings.provider().toLowerCase();
		var serviceAccount = settings.serviceAccountKeyFile() == null ? null
				: JSON.readTree(Files.readString(settings.serviceAccountKeyFile()));
		this.endpoint = settings.tokenEndpoint() != null && !settings.tokenEndpoint().toString().isEmpty()
				? settings.tokenEndpoint() : switch (provider) {
					case "microsoft" -> URI.create("https://login.microsoftonline.com/"
							+ required(settings.tenantId(), "tenant-id") + "/oauth2/v2.0/token");
					case "google" -> URI.create(serviceAccount == null ? "https://oauth2.googleapis.com/token"
							: serviceAccount.path("token_uri").asString("https://oauth2.googleapis.com/token"));
					default -> throw new IllegalArgumentException(
							"casepost.mail.auth.token-endpoint is needed for provider " + provider);
				};
		this.grant = present(settings.grant()) ? settings.grant()
				: "google".equals(provider) ? "jwt-bearer" : "client-credentials";
		this.clientId = present(settings.clientId()) ? settings.clientId()
				: serviceAccount == null ? required(null, "client-id") : serviceAccount.path("client_email").asString();
		this.clientSecret = settings.clientSecret();
		this.privateKey = settings.privateKeyFile() != null ? SignedJwt.privateKey(settings.privateKeyFile())
				: serviceAccount != null ? SignedJwt.privateKey(serviceAccount.path("private_key").asString()) : null;
		this.keyHeader = keyHeader(settings, serviceAccount);
		this.scope = present(settings.scope()) ? settings.scope() : switch (provider) {
			case "microsoft" -> "https://outlook.office365.com/.default";
			case "google" -> "https://mail.google.com/";
			default -> required(null, "scope");
		};
		this.user = settings.user();
		this.clock = clock;
		if (privateKey == null && !present(clientSecret)) {
			throw new IllegalArgumentException(
					"casepost.mail.auth needs a client-secret, a private-key-file or a service-account-key-file");
		}
	}

	URI endpoint() {
		return endpoint;
	}

	AccessToken fetch() throws AccessTokenUnavailable {
		var request = HttpRequest.newBuilder(endpoint)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(form(parameters())))
			.build();
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new AccessTokenUnavailable(endpoint,
					e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AccessTokenUnavailable(endpoint, "interrupted");
		}
		return token(response);
	}

	private Map<String, String> parameters() {
		var now = clock.instant();
		var parameters = new LinkedHashMap<String, String>();
		if ("jwt-bearer".equals(grant)) {
			parameters.put("grant_type", JWT_BEARER);
			parameters.put("assertion", SignedJwt.sign(keyHeader,
					Map.of("iss", clientId, "sub", required(user, "user"), "scope", scope, "aud", endpoint.toString(),
							"iat", now.getEpochSecond(), "exp", now.plus(Duration.ofHours(1)).getEpochSecond()),
					privateKey));
			return parameters;
		}
		parameters.put("grant_type", "client_credentials");
		parameters.put("client_id", clientId);
		parameters.put("scope", scope);
		if (present(clientSecret)) {
			parameters.put("client_secret", clientSecret);
		}
		else {
			parameters.put("client_assertion_type", CLIENT_ASSERTION_TYPE);
			parameters.put("client_assertion", SignedJwt.sign(keyHeader,
					Map.of("iss", clientId, "sub", clientId, "aud", endpoint.toString(), "jti",
							UUID.randomUUID().toString(), "iat", now.getEpochSecond(), "nbf", now.getEpochSecond(),
							"exp", now.plus(Duration.ofMinutes(5)).getEpochSecond()),
					privateKey));
		}
		return parameters;
	}

	/**
	 * The error the endpoint names (RFC 6749: {@code {"error": "invalid_client"}}), never
	 * its whole answer.
	 */
	private AccessToken token(HttpResponse<String> response) throws AccessTokenUnavailable {
		JsonNode body;
		try {
			body = JSON.readTree(response.body());
		}
		catch (JacksonException notJson) {
			body = JSON.createObjectNode();
		}
		if (response.statusCode() != 200 || !body.path("access_token").isString()) {
			var error = body.path("error").asString("");
			throw new AccessTokenUnavailable(endpoint, (response.statusCode() + " " + error).strip());
		}
		var lifetime = Duration.ofSeconds(body.path("expires_in").asLong(3600));
		return new AccessToken(body.path("access_token").asString(), clock.instant().plus(lifetime), lifetime);
	}

	private static Map<String, Object> keyHeader(MailAuthSettings settings, JsonNode serviceAccount)
			throws IOException {
		var header = new LinkedHashMap<String, Object>();
		if (present(settings.keyId())) {
			header.put("kid", settings.keyId());
		}
		else if (serviceAccount != null && serviceAccount.path("private_key_id").isString()) {
			header.put("kid", serviceAccount.path("private_key_id").asString());
		}
		if (settings.certificateFile() != null) {
			header.putAll(SignedJwt.thumbprints(settings.certificateFile()));
		}
		return header;
	}

	private static String form(Map<String, String> parameters) {
		return parameters.entrySet()
			.stream()
			.map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}

	private static String required(String value, String property) {
		if (!present(value)) {
			throw new IllegalArgumentException("casepost.mail.auth." + property + " is needed for OAuth2 mail login");
		}
		return value;
	}

	/** An access token; its text is never shown, so that it cannot end up in a log. */
	record AccessToken(String value, Instant expiresAt, Duration lifetime) {

		@Override
		public String toString() {
			return "AccessToken[expiresAt=" + expiresAt + "]";
		}
	}

}
