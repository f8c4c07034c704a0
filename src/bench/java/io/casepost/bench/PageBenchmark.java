package io.casepost.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;

/**
 * Page timings at agency scale (its own command, not part of the test suite). On a
 * PostgreSQL database filled by {@code seed-demo-scale} (20,000 cases, 500,000 updates,
 * 500,000 inbound messages; seeded first when the database is missing or with
 * {@code --seed}), it starts the packaged application ({@code target/casepost.jar}) as a
 * process of its own, signs in through the login form as an admin, a case manager and a
 * client, and requests each page one after another: warm-up requests first, then the
 * measured ones, timed from sending the request to the last byte of the answer. It prints
 * p50, p95 and the slowest per page, with the machine's load before and after.
 * <p>
 * Run:
 * {@code mvn -B -q -Pbench -DskipTests package exec:exec -Dbench.main=io.casepost.bench.PageBenchmark -Dbench.args="--requests=200"}
 * (options: {@code --database=NAME} on 127.0.0.1:5432, default casepost_pages;
 * {@code --seed} to drop and seed it again; {@code --warmup=N}, default 30;
 * {@code --requests=N}, default 200).
 */
public final class PageBenchmark {

	static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

	static final String ADMIN = "admin@casepost.bench";

	static final String PASSWORD = "bench-password";

	final Map<String, String> options;

	final Path work = Path.of("target/page-bench").toAbsolutePath();

	final Path jar = Path.of("target/casepost.jar").toAbsolutePath();

	PageBenchmark(Map<String, String> options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		var options = new LinkedHashMap<String, String>();
		Arrays.stream(args).map(arg -> arg.replaceFirst("^--", "").split("=", 2)).forEach(pair -> options.put(pair[0],
				pair.length > 1 ? pair[1] : "true"));
		new PageBenchmark(options).run();
	}

	void run() throws Exception {
		var database = options.getOrDefault("database", "casepost_pages");
		Files.createDirectories(work);
		if (options.containsKey("seed") || !exists(database)) {
			seed(database);
		}
		var app = start(database);
		try {
			var world = World.read(database);
			var admin = Session.signIn(app, ADMIN);
			var manager = Session.signIn(app, world.managerEmail());
			var client = Session.signIn(app, world.clientEmail());
			var pages = new LinkedHashMap<String, Request>();
			pages.put("case list, admin", admin.page("/cases"));
			pages.put("case list, case manager", manager.page("/cases"));
			pages.put("case list, client", client.page("/cases"));
			pages.put("case list, admin, filtered (status, manager, text)", admin.page("/cases?status=OPEN&manager="
					+ URLEncoder.encode(world.managerEmail(), StandardCharsets.UTF_8) + "&q=claim"));
			pages.put("case list, admin, text that matches nothing", admin.page("/cases?q=no-such-case"));
			pages.put("case list, admin, page 200 of 400", admin.page("/cases?after=" + world.middleCase()));
			pages.put("case page, %d updates (newest 100 shown)".formatted(world.busiestUpdates()),
					admin.page("/cases/" + world.busiestCase()));
			pages.put("inbound log", admin.page("/inbound"));
			pages.put("inbound log, page 5,000 of 10,000", admin.page("/inbound?after=" + world.middleMessage()));
			pages.put("triage queue, admin", admin.page("/inbound/queue"));
			pages.put("triage queue, case manager", manager.page("/inbound/queue"));
			pages.put("API: the case's %d updates, HTTP Basic".formatted(world.busiestUpdates()),
					Session.basic(app, ADMIN, "/api/cases/" + world.busiestCase() + "/updates"));
			var warmup = Integer.parseInt(options.getOrDefault("warmup", "30"));
			var requests = Integer.parseInt(options.getOrDefault("requests", "200"));
			var loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
			var rows = new ArrayList<String>();
			for (var page : pages.entrySet()) {
				rows.add(measure(page.getKey(), page.getValue(), warmup, requests));
			}
			var loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
			System.out.println();
			System.out.printf("%,d cases, %,d updates, %,d inbound messages; %d warm-up and %d measured requests "
					+ "per page, one at a time; %d cores; load average before %s, after %s%n%n", world.cases(),
					world.updates(), world.messages(), warmup, requests, Runtime.getRuntime().availableProcessors(),
					loadBefore, loadAfter);
			System.out.println("| page | p50 | p95 | slowest | answer size |");
			System.out.println("|---|---|---|---|---|");
			rows.forEach(System.out::println);
		}
		finally {
			app.destroy();
			app.waitFor();
		}
	}

	static String measure(String name, Request request, int warmup, int requests) throws Exception {
		for (var i = 0; i < warmup; i++) {
			request.send();
		}
		var millis = new double[requests];
		var size = 0;
		for (var i = 0; i < requests; i++) {
			var started = System.nanoTime();
			size = request.send();
			millis[i] = (System.nanoTime() - started) / 1e6;
		}
		Arrays.sort(millis);
		return "| %s | %.1f ms | %.1f ms | %.1f ms | %,d KB |".formatted(name, percentile(millis, 50),
				percentile(millis, 95), millis[millis.length - 1], size / 1024);
	}

	/** Nearest-rank percentile of sorted values. */
	static double percentile(double[] sorted, int percent) {
		var rank = (int) Math.ceil(percent / 100.0 * sorted.length);
		return sorted[Math.max(0, rank - 1)];
	}

	boolean exists(String database) throws SQLException {
		try (var admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
				var found = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
			found.setString(1, database);
			return found.executeQuery().next();
		}
	}

	void seed(String database) throws Exception {
		try (var admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
			admin.createStatement().execute("drop database if exists " + database);
			admin.createStatement().execute("create database " + database);
		}
		var command = new ArrayList<>(List.of("java", "-jar", jar.toString(), "seed-demo-scale",
				"--password=" + PASSWORD, "--casepost.admin.email=" + ADMIN, "--casepost.admin.password=" + PASSWORD));
		command.addAll(applicationOptions(database));
		System.out.println("Seeding " + database + ": " + String.join(" ", command));
		var started = System.nanoTime();
		var seed = new ProcessBuilder(command).inheritIO().start();
		if (seed.waitFor() != 0) {
			throw new IllegalStateException("seed-demo-scale failed");
		}
		System.out.printf("seed-demo-scale took %.1f s, the application's start included%n",
				(System.nanoTime() - started) / 1e9);
	}

	List<String> applicationOptions(String database) {
		return List.of("--spring.datasource.url=" + SERVER + database, "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--casepost.data-dir=" + work.resolve("data"),
				"--casepost.embedded-mail.enabled=false", "--casepost.demo-data=false",
				"--casepost.inbound.batch-interval=24h", "--logging.level.root=WARN");
	}

	App start(String database) throws Exception {
		var port = InboundBenchmark.freePort();
		var command = new ArrayList<>(List.of("java", "-Xmx1g", "-jar", jar.toString(), "--server.port=" + port,
				"--casepost.admin.email=" + ADMIN, "--casepost.admin.password=" + PASSWORD));
		command.addAll(applicationOptions(database));
		var process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(work.resolve("application.log").toFile())
			.start();
		var app = new App(process, "http://127.0.0.1:" + port);
		var deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (!app.healthy()) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				process.destroy();
				throw new IllegalStateException("The application did not start; see " + work.resolve("application.log"));
			}
			Thread.sleep(500);
		}
		return app;
	}

	/** One request of a page, sent again and again: answers the size of the answer. */
	@FunctionalInterface
	interface Request {

		int send() throws Exception;

	}

	record App(Process process, String base) {

		/**
		 * Serving pages: health would stay DOWN, as no mail server runs beside the
		 * benchmark.
		 */
		boolean healthy() {
			try {
				return HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
							HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200;
			}
			catch (Exception notYet) {
				return false;
			}
		}

		void destroy() {
			process.destroy();
		}

		void waitFor() throws InterruptedException {
			process.waitFor();
		}

	}

	/** A person signed in through the login form, with the session cookie. */
	record Session(App app, HttpClient http) {

		static Session signIn(App app, String email) throws Exception {
			var http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
			var login = http.send(HttpRequest.newBuilder(URI.create(app.base() + "/login")).build(),
					HttpResponse.BodyHandlers.ofString());
			var csrf = Jsoup.parse(login.body()).select("input[name=_csrf]").attr("value");
			var form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password=" + PASSWORD
					+ "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
			var answer = http.send(HttpRequest.newBuilder(URI.create(app.base() + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.discarding());
			if (answer.headers().firstValue("Location").orElse("error").contains("error")) {
				throw new IllegalStateException(email + " could not sign in");
			}
			return new Session(app, http);
		}

		Request page(String path) {
			var request = HttpRequest.newBuilder(URI.create(app.base() + path)).build();
			return () -> ok(path, http.send(request, HttpResponse.BodyHandlers.ofByteArray()));
		}

		/** The API signs in on every call, so each request pays for checking the password. */
		static Request basic(App app, String email, String path) {
			var http = HttpClient.newHttpClient();
			var request = HttpRequest.newBuilder(URI.create(app.base() + path))
				.header("Authorization",
						"Basic " + Base64.getEncoder()
							.encodeToString((email + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
				.build();
			return () -> ok(path, http.send(request, HttpResponse.BodyHandlers.ofByteArray()));
		}

		private static int ok(String path, HttpResponse<byte[]> answer) {
			if (answer.statusCode() != 200) {
				throw new IllegalStateException(path + " answered " + answer.statusCode());
			}
			return answer.body().length;
		}

	}

	/** What the benchmark asks for, read from the seeded database. */
	record World(long cases, long updates, long messages, long busiestCase, long busiestUpdates, String managerEmail,
			String clientEmail, long middleCase, long middleMessage) {

		static World read(String database) throws SQLException {
			try (var db = DriverManager.getConnection(SERVER + database, "postgres", "")) {
				var busiest = number(db, "select max(id) from case_file");
				return new World(number(db, "select count(*) from case_file"),
						number(db, "select count(*) from case_update"),
						number(db, "select count(*) from inbound_message"), busiest,
						number(db, "select count(*) from case_update where case_id = " + busiest),
						text(db, "select p.email from person p join case_file c on c.case_manager_id = p.id where c.id = "
								+ busiest),
						// the client on the most cases
						text(db, """
								select p.email from person p join case_participant cp on cp.person_id = p.id
								where p.role = 'CLIENT' group by p.email order by count(*) desc, p.email limit 1"""),
						number(db, "select max(id) - 200 * 50 from case_file"),
						number(db, "select max(id) / 2 from inbound_message"));
			}
		}

		private static long number(Connection db, String sql) throws SQLException {
			try (var result = db.createStatement().executeQuery(sql)) {
				result.next();
				return result.getLong(1);
			}
		}

		private static String text(Connection db, String sql) throws SQLException {
			try (var result = db.createStatement().executeQuery(sql)) {
				result.next();
				return result.getString(1);
			}
		}

	}

}
