package io.casepost.inbound;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the inbound batch every {@code casepost.inbound.batch-interval} (15 minutes unless
 * set).
 */
@Configuration(proxyBeanMethods = false)
class InboundSchedule implements SchedulingConfigurer {

	private final InboundBatches batches;

	private final Duration interval;

	InboundSchedule(InboundBatches batches, @Value("${casepost.inbound.batch-interval}") Duration interval) {
		this.batches = batches;
		this.interval = interval;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(
				new org.springframework.scheduling.config.FixedDelayTask(batches::runIfIdle, interval, interval));
	}

}
