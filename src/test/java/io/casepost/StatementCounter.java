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

	@Override
	public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
		executed.incrementAndGet();
	}

	@FunctionalInterface
	public interface ThrowingRunnable {

		void run() throws Exception;

	}

}
