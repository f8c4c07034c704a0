package io.casepost.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.casepost.inbound.InboundReception;
import jakarta.servlet.http.HttpServletRequest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/inbound/raw}: a raw RFC 5322 message from a mail provider's inbound
 * webhook. The caller proves it holds the shared secret by signing the body: header
 * {@code X-Casepost-Signature: sha256=<hex HMAC-SHA256 of the body>}. The body is spooled
 * to a temporary file while its signature is computed, so only a signed message reaches
 * the inbox.
 */
@RestController
class InboundWebhook {

	static final String SIGNATURE_HEADER = "X-Casepost-Signature";

	private final InboundReception reception;

	private final byte[] secret;

	private final long maxBytes;

	InboundWebhook(InboundReception reception, @Value("${casepost.inbound.webhook.secret:}") String secret,
			@Value("${casepost.inbound.webhook.max-size:50MB}") DataSize maxSize) {
		this.reception = reception;
		this.secret = secret.getBytes(StandardCharsets.UTF_8);
		this.maxBytes = maxSize.toBytes();
	}

	@PostMapping("/api/inbound/raw")
	ResponseEntity<?> receive(HttpServletRequest request,
			@RequestHeader(name = SIGNATURE_HEADER, required = false) String signature) throws IOException {
		if (secret.length == 0) {
			return error(HttpStatus.NOT_FOUND, "The inbound webhook is off: set casepost.inbound.webhook.secret");
		}
		if (signature == null || signature.isBlank()) {
			return error(HttpStatus.UNAUTHORIZED, "Missing " + SIGNATURE_HEADER + " header");
		}
		if (request.getContentLengthLong() > maxBytes) {
			return tooLarge();
		}
		var spool = Files.createTempFile("casepost-webhook", ".eml");
		try {
			var computed = spool(request.getInputStream(), spool);
			if (computed == null) {
				return tooLarge();
			}
			if (!MessageDigest.isEqual(computed, expected(signature))) {
				return error(HttpStatus.FORBIDDEN, "The signature does not match the body");
			}
			try (var in = Files.newInputStream(spool)) {
				return ResponseEntity.accepted().body(Map.of("id", reception.receive(in, "WEBHOOK")));
			}
		}
		finally {
			Files.deleteIfExists(spool);
		}
	}

	/**
	 * Copies the body to the spool file and answers its HMAC, or null once it passes the
	 * size limit.
	 */
	private byte[] spool(InputStream body, Path spool) throws IOException {
		var mac = mac();
		var buffer = new byte[64 * 1024];
		long total = 0;
		try (var out = Files.newOutputStream(spool)) {
			for (int read; (read = body.read(buffer)) != -1;) {
				total += read;
				if (total > maxBytes) {
					return null;
				}
				mac.update(buffer, 0, read);
				out.write(buffer, 0, read);
			}
		}
		return mac.doFinal();
	}

	private Mac mac() {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return mac;
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	private static byte[] expected(String signature) {
		var hex = signature.strip().replaceFirst("^sha256=", "");
		try {
			return HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException notHex) {
			return new byte[0];
		}
	}

	private ResponseEntity<ApiError> tooLarge() {
		return error(HttpStatus.CONTENT_TOO_LARGE, "The message is over the limit of " + maxBytes + " bytes");
	}

	private static ResponseEntity<ApiError> error(HttpStatus status, String message) {
		return ResponseEntity.status(status).body(new ApiError(message, List.of()));
	}

}
