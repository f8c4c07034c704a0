package io.casepost.inbound.resilience;

import java.util.HashMap;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test context's inbound mailbox at the real Dovecot where it runs (over
 * STARTTLS, trusting its self-signed certificate); the update emails still go out through
 * the embedded server, where the tests read them. Where Dovecot is absent the context
 * starts as usual and the tests skip.
 */
public class DovecotEnvironment implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		if (RealMailServers.available()) {
			var properties = new HashMap<String, Object>(RealMailServers.load().productProperties());
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("dovecot", properties));
		}
	}

}
