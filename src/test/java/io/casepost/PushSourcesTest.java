package io.casepost;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * The whole product with every push source on: IMAP IDLE, the SMTP listener (STARTTLS
 * with the test certificate) and the webhook. One shared context for all the tests that
 * use it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CasepostTest
@TestPropertySource(properties = { "casepost.inbound.mode=idle", "casepost.inbound.smtp.enabled=true",
		"casepost.inbound.smtp.port=0", "casepost.inbound.smtp.bind-address=127.0.0.1",
		"casepost.inbound.smtp.max-message-size=1MB", "casepost.inbound.smtp.ssl-bundle=smtp",
		"spring.ssl.bundle.jks.smtp.keystore.location=classpath:smtp-test.p12",
		"spring.ssl.bundle.jks.smtp.keystore.password=changeit", "spring.ssl.bundle.jks.smtp.keystore.type=PKCS12",
		"casepost.inbound.webhook.secret=" + PushSourcesTest.WEBHOOK_SECRET, "casepost.inbound.webhook.max-size=1MB" })
public @interface PushSourcesTest {

	String WEBHOOK_SECRET = "test-webhook-secret";

}
