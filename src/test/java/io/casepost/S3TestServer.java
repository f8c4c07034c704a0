package io.casepost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A real S3-compatible server for the tests: {@code s3rver} from npm (src/test/s3rver),
 * started once per test JVM on 127.0.0.1 and installed with npm where it is missing.
 * Where node or npm is missing the S3 tests are skipped saying so, except under
 * {@code CI=true}, where they fail. As a context initializer it points a test context at
 * its own key prefix in the shared test bucket.
 */
public final class S3TestServer
		implements ExecutionCondition, ApplicationContextInitializer<ConfigurableApplicationContext> {

	public static final String BUCKET = "casepost-test";

	/** s3rver's fixed credentials; it checks every request's signature against them. */
	public static final String ACCESS_KEY = "S3RVER";

	private static final Path PACKAGE = Path.of("src/test/s3rver");

	private static URI endpoint;

	private static String unavailable;

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		var problem = start();
		if (problem == null) {
			return ConditionEvaluationResult.enabled("S3-compatible server at " + endpoint);
		}
		if (Prerequisites.underCi()) {
			throw new IllegalStateException("The S3 attachment-store tests cannot run under CI: " + problem);
		}
		return ConditionEvaluationResult.disabled("S3-compatible server not available: " + problem);
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("casepost-s3-test",
					Map.<String, Object>copyOf(properties("context-" + UUID.randomUUID() + "/"))));
	}

	/** The properties that put attachments under {@code prefix} in the test bucket. */
	public static Map<String, String> properties(String prefix) {
		if (start() != null) {
			throw new IllegalStateException("S3-compatible server not available: " + unavailable);
		}
		return Map.of("casepost.attachments.store", "s3", "casepost.attachments.s3.endpoint", endpoint.toString(),
				"casepost.attachments.s3.region", "us-east-1", "casepost.attachments.s3.bucket", BUCKET,
				"casepost.attachments.s3.path-style", "true", "casepost.attachments.s3.access-key", ACCESS_KEY,
				"casepost.attachments.s3.secret-key", ACCESS_KEY, "casepost.attachments.s3.prefix", prefix);
	}

	/** A client of the test server, to look at or tamper with what the product stored. */
	public static S3Client client() {
		return S3Client.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, ACCESS_KEY)))
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.build();
	}

	/** Answers null once the server runs, or why it cannot. */
	private static synchronized String start() {
		if (endpoint != null || unavailable != null) {
			return unavailable;
		}
		try {
			var script = PACKAGE.resolve("node_modules/s3rver/bin/s3rver.js");
			if (!Files.exists(script)) {
				if (!onPath("npm")) {
					return unavailable = "npm is not installed (apt-get install nodejs npm), so s3rver cannot be installed";
				}
				run(new ProcessBuilder("npm", "install", "--no-audit", "--no-fund").directory(PACKAGE.toFile()), 180);
			}
			if (!onPath("node")) {
				return unavailable = "node is not installed (apt-get install nodejs npm)";
			}
			var port = TestPorts.reserve();
			var data = Files.createTempDirectory("casepost-s3rver");
			var log = data.resolveSibling(data.getFileName() + ".log");
			var server = new ProcessBuilder("node", script.toString(), "-d", data.toString(), "-a", "127.0.0.1", "-p",
					String.valueOf(port), "--silent", "--configure-bucket", BUCKET)
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
			awaitListening(port, server, log);
			endpoint = URI.create("http://127.0.0.1:" + port);
			return null;
		}
		catch (IOException | RuntimeException e) {
			return unavailable = "s3rver did not start: " + e.getMessage();
		}
	}

	private static void awaitListening(int port, Process server, Path log) throws IOException {
		var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			if (!server.isAlive()) {
				throw new IOException("exited with " + server.exitValue() + ": " + Files.readString(log));
			}
			try (var socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return;
			}
			catch (IOException notYet) {
				sleep(100);
			}
		}
		server.destroy();
		throw new IOException("not listening on port " + port + " after 30 s: " + Files.readString(log));
	}

	private static void run(ProcessBuilder command, int seconds) throws IOException {
		var process = command.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		try {
			if (!process.waitFor(seconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroy();
				throw new IOException(String.join(" ", command.command()) + " failed in " + command.directory());
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException(e);
		}
	}

	private static boolean onPath(String program) {
		return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
			.anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

}
