package io.casepost.inbound;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Makes the inbound batch observable: Micrometer counts messages by disposition
 * ({@code casepost.inbound.messages}) and times each batch
 * ({@code casepost.inbound.batch}); the last batch's result and error are kept on the
 * lease row, so every instance shows the same status.
 */
@Component
public class InboundMonitor {

	private final MeterRegistry registry;

	private final JdbcClient jdbc;

	InboundMonitor(MeterRegistry registry, JdbcClient jdbc) {
		this.registry = registry;
		this.jdbc = jdbc;
	}

	BatchResult timeBatch(Supplier<BatchResult> batch) {
		jdbc.sql("update batch_lease set started_at = ? where name = 'inbound-batch'")
			.param(OffsetDateTime.now())
			.update();
		var sample = Timer.start(registry);
		try {
			var result = batch.get();
			var failing = result.fetchError() != null;
			finished(summary(result), failing ? "Could not read the mailbox: " + result.fetchError() : null);
			sample.stop(registry.timer("casepost.inbound.batch", "outcome", failing ? "mailbox-error" : "success"));
			return result;
		}
		catch (RuntimeException e) {
			finished(null, e.toString());
			sample.stop(registry.timer("casepost.inbound.batch", "outcome", "error"));
			throw e;
		}
	}

	void processed(Disposition disposition) {
		Counter.builder("casepost.inbound.messages")
			.tag("disposition", disposition.name())
			.description("Inbound messages processed, by what became of them")
			.register(registry)
			.increment();
	}

	public BatchStatus status() {
		var now = OffsetDateTime.now();
		var waiting = "disposition = 'PENDING' and (hold_until is null or hold_until < ?)";
		var oldest = jdbc.sql("select min(received_at) from inbound_message where " + waiting)
			.param(now)
			.query((rs, row) -> Optional.ofNullable(instant(rs.getTimestamp(1))))
			.single()
			.orElse(null);
		var pending = count(waiting, now);
		var held = count("disposition = 'PENDING' and hold_until >= ?", now);
		var failed = count("disposition = 'FAILED'");
		return jdbc
			.sql("select holder, started_at, lease_until, finished_at, last_result, last_error from batch_lease"
					+ " where name = 'inbound-batch'")
			.query((rs, row) -> new BatchStatus(rs.getString(1), instant(rs.getTimestamp(2)),
					instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4)), rs.getString(5), rs.getString(6), pending,
					held, failed, oldest))
			.single();
	}

	private void finished(String result, String error) {
		jdbc.sql("update batch_lease set finished_at = ?, last_result = ?, last_error = ? where name = 'inbound-batch'")
			.params(OffsetDateTime.now(), result,
					error == null || error.length() <= 2000 ? error : error.substring(0, 2000))
			.update();
	}

	private static String summary(BatchResult result) {
		return "fetched %d, posted %d, to the catch-all %d, ignored %d, rejected %d, failed %d".formatted(
				result.fetched(), result.posted(), result.forwarded(), result.ignored(), result.rejected(),
				result.failed());
	}

	private int count(String condition, Object... parameters) {
		return jdbc.sql("select count(*) from inbound_message where " + condition)
			.params(parameters)
			.query(Integer.class)
			.single();
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
