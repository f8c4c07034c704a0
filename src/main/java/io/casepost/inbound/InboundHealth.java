package io.casepost.inbound;

import java.time.Duration;
import java.time.Instant;

import io.casepost.inbound.source.ImapSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator health of inbound email: {@code inboundMailbox} signs in to the mailbox the
 * batch reads; {@code inbox} is down when stored mail waits much longer than the batch
 * interval, or a batch is stuck.
 */
@Configuration(proxyBeanMethods = false)
class InboundHealth {

	@Bean
	HealthIndicator inboundMailboxHealthIndicator(ImapSource mailbox) {
		return () -> {
			try (var watch = mailbox.watch()) {
				return Health.up().withDetail("mailbox", mailbox.describe()).build();
			}
			catch (Exception e) {
				return Health.down()
					.withDetail("mailbox", mailbox.describe())
					.withDetail("error", e.toString())
					.build();
			}
		};
	}

	@Bean
	HealthIndicator inboxHealthIndicator(InboundMonitor monitor,
			@Value("${casepost.inbound.batch-interval}") Duration batchInterval) {
		// a message may wait one whole interval, and the batch itself takes a while
		var tolerated = batchInterval.multipliedBy(2).plusMinutes(5);
		return () -> {
			var now = Instant.now();
			var status = monitor.status();
			var oldest = status.oldestPendingAge(now);
			var health = oldest.compareTo(tolerated) > 0 || status.stuck(now) ? Health.down() : Health.up();
			health.withDetail("pending", status.pending())
				.withDetail("oldestPendingAge", oldest.withNanos(0).toString())
				.withDetail("heldByRateLimit", status.held())
				.withDetail("failed", status.failed())
				.withDetail("batchStuck", status.stuck(now));
			if (status.finishedAt() != null) {
				health.withDetail("lastBatchFinishedAt", status.finishedAt().toString());
			}
			if (status.failing()) {
				health.withDetail("lastBatchError", status.lastError());
			}
			return health.build();
		};
	}

}
