package io.casepost.mail;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Casepost logs in to the IMAP mailbox and the SMTP relay: {@code password} (the
 * configured passwords) or {@code oauth2} (SASL XOAUTH2 with an access token from the
 * provider's token endpoint).
 *
 * @param provider {@code microsoft} (Microsoft 365: client credentials), {@code google}
 * (Google Workspace: a service account's JWT-bearer grant), or {@code custom} (everything
 * given here)
 * @param grant {@code client-credentials} or {@code jwt-bearer}; the provider's when
 * empty
 * @param clientSecret for client credentials; without it a signed JWT client assertion
 * made with {@code privateKeyFile}
 * @param privateKeyFile PEM, PKCS#8 ({@code BEGIN PRIVATE KEY}), RSA
 * @param certificateFile PEM of the certificate uploaded for the key, whose thumbprint
 * Microsoft wants in the assertion
 * @param serviceAccountKeyFile Google's JSON key of a service account (client email, key,
 * key id, token URI)
 * @param user the mailbox both IMAP and SMTP log in as, and the subject a Google service
 * account acts for
 */
@ConfigurationProperties("casepost.mail.auth")
record MailAuthSettings(String mode, String provider, String grant, URI tokenEndpoint, String tenantId, String clientId,
		String clientSecret, Path privateKeyFile, Path certificateFile, String keyId, Path serviceAccountKeyFile,
		String scope, String user) {

	boolean oauth2() {
		return "oauth2".equalsIgnoreCase(mode);
	}
}
