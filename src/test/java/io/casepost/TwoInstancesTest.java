package io.casepost;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the product, each with its own data directory and port, on one
 * database (PostgreSQL in the suite's second pass) and one bucket: what runs behind a
 * load balancer.
 */
@Tag("database")
@ExtendWith(S3TestServer.class)
class TwoInstancesTest {

	static ConfigurableApplicationContext a;

	static ConfigurableApplicationContext b;

	@BeforeAll
	static void startBoth() {
		var database = TestDatabase.freshDatabase();
		var bucketPrefix = "two-instances-" + UUID.randomUUID() + "/";
		a = start(database, bucketPrefix);
		b = start(database, bucketPrefix);
	}

	@AfterAll
	static void stopBoth() {
		if (b != null) {
			b.close();
		}
		if (a != null) {
			a.close();
		}
	}

	@Test
	void anAttachmentPostedOnOneInstanceDownloadsFromTheOtherWithIdenticalBytes() throws Exception {
		var onA = TestApi.asAdmin(port(a));
		var caseFile = onA.openCase();
		var scan = new byte[300_000];
		new java.util.Random(42).nextBytes(scan);
		System.arraycopy("%PDF-1.4\n".getBytes(), 0, scan, 0, 9);

		var posted = onA.as(caseFile.managerEmail(), "pw-" + caseFile.managerEmail())
			.postWithFiles(caseFile.updatesPath(), Map.of("body", "scan from the field"), Map.of("scan.pdf", scan))
			.ok(201)
			.json();
		var attachment = (Map<?, ?>) ((java.util.List<?>) posted.get("attachments")).get(0);

		var onB = TestApi.asAdmin(port(b)).as(caseFile.clientEmail(), "pw-" + caseFile.clientEmail());
		assertThat(onB.download("/api/attachments/" + attachment.get("id"))).isEqualTo(scan);
		assertThat(attachmentsOnDisk(a)).as("nothing kept on instance A's own disk").isZero();
		assertThat(attachmentsOnDisk(b)).as("nothing kept on instance B's own disk").isZero();
	}

	private static ConfigurableApplicationContext start(String[] database, String bucketPrefix) {
		var properties = new HashMap<String, Object>(TestEnvironment.properties(database));
		properties.putAll(S3TestServer.properties(bucketPrefix));
		properties.put("server.port", "0");
		// as command-line arguments, which win over application.properties as in
		// production
		return new SpringApplicationBuilder(CasepostApplication.class).run(properties.entrySet()
			.stream()
			.map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	private static long attachmentsOnDisk(ConfigurableApplicationContext context) throws java.io.IOException {
		var directory = Path.of(context.getEnvironment().getRequiredProperty("casepost.data-dir"))
			.resolve("attachments");
		if (!Files.exists(directory)) {
			return 0;
		}
		try (var files = Files.list(directory)) {
			return files.count();
		}
	}

}
