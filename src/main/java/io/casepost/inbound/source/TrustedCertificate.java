package io.casepost.inbound.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS that trusts the certificates of one PEM file: a mail server with a self-signed or
 * private-CA certificate.
 */
final class TrustedCertificate {

	private TrustedCertificate() {
	}

	static SSLSocketFactory socketFactory(String pemFile) {
		try (InputStream in = Files.newInputStream(Path.of(pemFile))) {
			var trusted = KeyStore.getInstance(KeyStore.getDefaultType());
			trusted.load(null, null);
			var index = 0;
			for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				trusted.setCertificateEntry("trusted-" + index++, certificate);
			}
			var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			var context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context.getSocketFactory();
		}
		catch (IOException | GeneralSecurityException e) {
			throw new IllegalStateException(
					"Could not read the certificate to trust from " + pemFile + ": " + e.getMessage(), e);
		}
	}

}
