package io.casepost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each test context its own database, data directory and mail-server ports, so
 * contexts never collide.
 */
public class TestEnvironment implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	public static final String ADMIN_EMAIL = "admin@casepost.test";

	public static final String ADMIN_PASSWORD = "admin-password";

	/**
	 * Tests send dozens of replies from one address in one batch, past the production
	 * rate limit, and every test signs in from 127.0.0.1, some with wrong passwords on
	 * purpose, past the sign-in limit per address. Added with the lowest precedence, so
	 * that a test of the limit itself sets its own with @TestPropertySource; a test that
	 * starts instances of its own passes these too.
	 */
	public static final Map<String, Object> RELAXED_LIMITS = Map.of("casepost.inbound.rate-limit.per-sender", "100000",
			"casepost.inbound.rate-limit.per-case", "100000", "casepost.sign-in.address.free-attempts", "100000",
			"casepost.sign-in.address.lock-after", "100000");

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("casepost-test", properties(TestDatabase.freshDatabase())));
		context.getEnvironment()
			.getPropertySources()
			.addLast(new MapPropertySource("casepost-test-defaults", RELAXED_LIMITS));
	}

	/**
	 * An instance's own data directory and mail-server ports, on the given database
	 * ({url, user}).
	 */
	public static Map<String, Object> properties(String[] database) {
		var smtp = TestPorts.reserve();
		return Map.ofEntries(Map.entry("spring.datasource.url", database[0]),
				Map.entry("spring.datasource.username", database[1]), Map.entry("spring.datasource.password", ""),
				Map.entry("casepost.data-dir", dataDir()), Map.entry("casepost.embedded-mail.smtp-port", smtp),
				Map.entry("casepost.embedded-mail.imap-port", TestPorts.reserve()), Map.entry("spring.mail.port", smtp),
				Map.entry("casepost.demo-data", "false"), Map.entry("casepost.admin.email", ADMIN_EMAIL),
				Map.entry("casepost.admin.password", ADMIN_PASSWORD),
				Map.entry("casepost.inbound.batch-interval", "1h"), Map.entry("casepost.outbound.retry-interval", "1h"),
				// API tests sign in on every request
				Map.entry("casepost.password.bcrypt-strength", "4"),
				// dozens of cached test contexts each kept ten connections open: the
				// PostgreSQL pass came within 9 of the server's 100
				Map.entry("spring.datasource.hikari.minimum-idle", "1"),
				Map.entry("spring.datasource.hikari.idle-timeout", "10000"));
	}

	private static String dataDir() {
		try {
			return Files.createTempDirectory("casepost-test").toString();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
