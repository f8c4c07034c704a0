package io.casepost.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import io.casepost.CasepostTest;
import io.casepost.TestEnvironment;
import io.casepost.inbound.inbox.Inbox;
import io.casepost.inbound.inbox.RawContent;
import io.casepost.web.Browser;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What an operator sees of inbound email: health, metrics, and a batch in trouble on the
 * Inbound Email page.
 */
@CasepostTest
class InboundOperationsTest {

	@LocalServerPort
	int port;

	@Autowired
	Inbox inbox;

	@Autowired
	InboundBatches batches;

	@Autowired
	InboundMonitor monitor;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JdbcClient jdbc;

	Browser browser;

	@BeforeEach
	void signInAsAdmin() {
		browser = Browser.open(port).signIn(TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD);
	}

	@AfterEach
	void closeBrowser() {
		browser.close();
	}

	@Test
	void healthShowsTheMailboxAndHowLongStoredMailHasWaited() throws Exception {
		store("Waiting for the batch");

		var waiting = health();

		assertThat(components(waiting, "inboundMailbox").get("status")).isEqualTo("UP");
		var inboxDetails = details(waiting, "inbox");
		assertThat(((Number) inboxDetails.get("pending")).intValue()).isPositive();
		assertThat((String) inboxDetails.get("oldestPendingAge")).startsWith("PT");

		batches.run();

		assertThat(details(health(), "inbox")).containsEntry("pending", 0).containsKey("lastBatchFinishedAt");
	}

	@Test
	void metricsCountMessagesByDispositionAndTimeEachBatch() throws Exception {
		var forwardedBefore = meters.counter("casepost.inbound.messages", "disposition", "CATCH_ALL").count();
		var batchesBefore = meters.timer("casepost.inbound.batch", "outcome", "success").count();
		store("Nobody sent this an update");

		batches.run();

		assertThat(meters.counter("casepost.inbound.messages", "disposition", "CATCH_ALL").count())
			.isEqualTo(forwardedBefore + 1);
		assertThat(meters.timer("casepost.inbound.batch", "outcome", "success").count()).isEqualTo(batchesBefore + 1);
	}

	@Test
	void aBatchThatBrokeOffIsShownOnTheInboundEmailPageWithItsError() {
		try {
			monitor.timeBatch(() -> {
				throw new IllegalStateException("database connection lost");
			});
		}
		catch (IllegalStateException expected) {
			// the batch's caller sees it too
		}

		browser.go("/inbound");

		assertThat(browser.text(By.id("batchFailing")))
			.contains("java.lang.IllegalStateException: database connection lost");
		assertThat(meters.timer("casepost.inbound.batch", "outcome", "error").count()).isPositive();
		batches.run();
	}

	@Test
	void aBatchWhoseInstanceDiedIsShownAsStuckAndTheHealthIsDown() throws Exception {
		// what a killed instance leaves: the lease held, no longer renewed
		jdbc.sql(
				"""
						update batch_lease set holder = 'casepost-dead0001', started_at = current_timestamp - interval '40' minute,
						  lease_until = current_timestamp - interval '1' minute where name = 'inbound-batch'""")
			.update();
		try {
			browser.go("/inbound");

			assertThat(browser.text(By.id("batchStuck"))).contains("casepost-dead0001", "is stuck");
			assertThat(components(health(), "inbox").get("status")).isEqualTo("DOWN");
		}
		finally {
			batches.run();
		}
		assertThat(browser.go("/inbound").findNow(By.id("batchStuck"))).isEmpty();
	}

	private void store(String subject) throws Exception {
		var message = """
				From: stranger@example.net
				To: updates@inbound.casepost.local
				Subject: %s
				Message-ID: <%s@example.net>

				Hello.
				""".formatted(subject, UUID.randomUUID()).replace("\n", "\r\n");
		inbox.store(RawContent.of(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII))), "TEST", null);
	}

	private Map<String, Object> health() {
		var body = new String(browser.fetch("/actuator/health").body(), StandardCharsets.UTF_8);
		return JsonMapper.builder()
			.build()
			.readValue(body, new tools.jackson.core.type.TypeReference<Map<String, Object>>() {
			});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> components(Map<String, Object> health, String name) {
		return ((Map<String, Map<String, Object>>) health.get("components")).get(name);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> details(Map<String, Object> health, String name) {
		return (Map<String, Object>) components(health, name).get("details");
	}

}
