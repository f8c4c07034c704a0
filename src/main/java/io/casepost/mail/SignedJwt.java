package io.casepost.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON Web Token signed with RS256, as token endpoints take for client assertions and
 * the JWT-bearer grant.
 */
final class SignedJwt {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private SignedJwt() {
	}

	static String sign(Map<String, Object> extraHeader, Map<String, Object> claims, PrivateKey key) {
		var header = new LinkedHashMap<String, Object>();
		header.put("alg", "RS256");
		header.put("typ", "JWT");
		header.putAll(extraHeader);
		var signingInput = encode(header) + "." + encode(claims);
		try {
			var signature = Signature.getInstance("SHA256withRSA");
			signature.initSign(key);
			signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + BASE64URL.encodeToString(signature.sign());
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Could not sign a JWT with the configured key", e);
		}
	}

	/**
	 * An RSA private key from PEM text in PKCS#8 form
	 * ({@code -----BEGIN PRIVATE KEY-----}).
	 */
	static PrivateKey privateKey(String pem) {
		if (!pem.contains("BEGIN PRIVATE KEY")) {
			throw new IllegalArgumentException("The private key must be PEM in PKCS#8 form (BEGIN PRIVATE KEY); "
					+ "convert one with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
		}
		var base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		try {
			return KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalArgumentException("Not an RSA private key: " + e.getMessage(), e);
		}
	}

	static PrivateKey privateKey(Path file) throws IOException {
		return privateKey(Files.readString(file));
	}

	/**
	 * The certificate's SHA-1 and SHA-256 thumbprints as the {@code x5t} and
	 * {@code x5t#S256} header fields.
	 */
	static Map<String, Object> thumbprints(Path certificateFile) throws IOException {
		try (var in = Files.newInputStream(certificateFile)) {
			var der = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
			return Map.of("x5t", BASE64URL.encodeToString(MessageDigest.getInstance("SHA-1").digest(der)), "x5t#S256",
					BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(der)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalArgumentException("Not an X.509 certificate: " + certificateFile, e);
		}
	}

	private static String encode(Map<String, Object> json) {
		return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
	}

}
