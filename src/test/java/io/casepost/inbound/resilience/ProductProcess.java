package io.casepost.inbound.resilience;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.casepost.CasepostApplication;
import io.casepost.TestEnvironment;
import io.casepost.TestPorts;

/**
 * The product running in a JVM of its own, started as an operator would start it, that a
 * test can kill with SIGKILL ({@link Process#destroyForcibly()} sends SIGKILL on Linux)
 * and start again.
 */
final class ProductProcess implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private final String name;

	private final Map<String, String> properties;

	private final Path log;

	private final int port;

	private Process process;

	/**
	 * {@code properties} are passed as {@code --name=value}; the web port and the admin
	 * are set here.
	 */
	ProductProcess(String name, Map<String, String> properties, Path logDir) {
		this.name = name;
		this.port = TestPorts.reserve();
		this.properties = properties;
		this.log = logDir.resolve(name + ".log");
	}

	int port() {
		return port;
	}

	/** Starts the product and answers once its web port accepts connections. */
	ProductProcess start() {
		var command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
				"-cp", productClasspath(), CasepostApplication.class.getName()));
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		command.add("--server.port=" + port);
		command.add("--casepost.admin.email=" + TestEnvironment.ADMIN_EMAIL);
		command.add("--casepost.admin.password=" + TestEnvironment.ADMIN_PASSWORD);
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		var started = process;
		// a test run that is stopped or fails does not leave the product running behind
		// it
		Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
		awaitPort();
		awaitAdministrator();
		return this;
	}

	/**
	 * SIGKILL: no shutdown hook, no flush, no goodbye; then waits until the process is
	 * gone.
	 */
	void kill() {
		process.destroyForcibly();
		waitFor();
	}

	/** SIGTERM: the orderly shutdown an operator's stop gives. */
	void stop() {
		if (process != null && process.isAlive()) {
			process.destroy();
			waitFor();
		}
	}

	@Override
	public void close() {
		if (process != null && process.isAlive()) {
			kill();
		}
	}

	/**
	 * Waits until {@code expected} messages are stored, none of them PENDING, as this
	 * process's API tells, and the server's inbound folder is empty.
	 */
	void awaitInboundSettled(ServerMailbox inbound, int expected) {
		var api = io.casepost.TestApi.asAdmin(port);
		var deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			var messages = api.getAll("/api/inbound/messages?limit=1000");
			var pending = messages.stream().filter(message -> "PENDING".equals(message.get("disposition"))).count();
			if (messages.size() >= expected && pending == 0 && inbound.count("INBOX") == 0) {
				return;
			}
			sleep(500);
		}
		throw new AssertionError(name + ": messages still waiting after two minutes:\n" + logTail());
	}

	String logTail() {
		try {
			var lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException e) {
			return "(no log: " + e + ")";
		}
	}

	private void awaitPort() {
		var deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException(name + " exited while starting:\n" + logTail());
			}
			try (var probe = new Socket("127.0.0.1", port)) {
				return;
			}
			catch (IOException notYet) {
				sleep(100);
			}
		}
		throw new IllegalStateException(name + " did not open port " + port + " within " + STARTUP + ":\n" + logTail());
	}

	/**
	 * The web port opens before the application runners have created the administrator:
	 * wait for it too.
	 */
	private void awaitAdministrator() {
		var api = io.casepost.TestApi.asAdmin(port);
		var deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline) {
			if (api.get("/api/settings/general-case").status() == 200) {
				return;
			}
			sleep(100);
		}
		throw new IllegalStateException(name + ": the administrator cannot sign in:\n" + logTail());
	}

	private void waitFor() {
		try {
			process.waitFor();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/**
	 * The test run's classpath without the test classes: the product's classes and its
	 * libraries.
	 */
	private static String productClasspath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * Where the processes of one test run write their logs: kept after the run, for
	 * reading what happened.
	 */
	static Path logDirectory(String run) {
		try {
			return Files.createDirectories(Path.of("target", "resilience-logs", run));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** Asks every instance for a batch at the same moment and waits for all of them. */
	static void runBatchesAtOnce(ProductProcess... instances) {
		java.util.concurrent.CompletableFuture
			.allOf(java.util.Arrays.stream(instances)
				.map(instance -> java.util.concurrent.CompletableFuture.runAsync(
						() -> io.casepost.TestApi.asAdmin(instance.port()).post("/api/inbound/batches", Map.of())))
				.toArray(java.util.concurrent.CompletableFuture[]::new))
			.join();
	}

}
