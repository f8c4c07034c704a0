package io.casepost;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the SQL statements the product runs, on every thread, through the application's
 * own DataSource (datasource-proxy): {@code @Import(StatementCounter.class)} in a test,
 * then {@link #during}. A batch of statements counts as one execution, as it is one round
 * trip.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter implements QueryExecutionListener {

	private final AtomicLong executed = new AtomicLong();

	/** Statements recorded by {@link #transactionsDuring}: connection id, SQL. */
	private volatile java.util.Queue<String[]> recording;

	@Bean
	static BeanPostProcessor countingDataSource(StatementCounter counter) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				return bean instanceof DataSource dataSource
						&& !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)
								? ProxyDataSourceBuilder.create(dataSource).name(name).listener(counter).build() : bean;
			}
		};
	}

	/** How many statements ran while the action ran. */
	public long during(ThrowingRunnable action) throws Exception {
		var before = executed.get();
		action.run();
		return executed.get() - before;
	}

	@Override
	public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
	}

	/**
	 * The statements that ran while the action ran, grouped by the connection they ran
	 * on: one checkout of a connection, one transaction (or one statement outside any).
	 * SQL with white space collapsed and lower-cased.
	 */
	public List<List<String>> transactionsDuring(ThrowingRunnable action) throws Exception {
		var recorded = new java.util.concurrent.ConcurrentLinkedQueue<String[]>();
		recording = recorded;
		try {
			action.run();
		}
		finally {
			recording = null;
		}
		var grouped = new java.util.LinkedHashMap<String, List<String>>();
		for (var statement : recorded) {
			grouped.computeIfAbsent(statement[0], connection -> new java.util.ArrayList<>()).add(statement[1]);
		}
		return List.copyOf(grouped.values());
	}

	@Override
	public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
		executed.incrementAndGet();
		var recorded = recording;
		if (recorded != null) {
			for (var query : queries) {
				recorded.add(new String[] { execution.getConnectionId(),
						query.getQuery().replaceAll("\\s+", " ").strip().toLowerCase(java.util.Locale.ROOT) });
			}
		}
	}

	@FunctionalInterface
	public interface ThrowingRunnable {

		void run() throws Exception;

	}

}
