package io.casepost.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.MessageSet;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end inbound benchmark (its own command, not part of the test suite). For each
 * database it runs the packaged application ({@code target/casepost.jar}) as a separate
 * process against a GreenMail server in this process, and prints one table:
 * <ul>
 * <li>N replies (70% plain text in the styles of several mail clients, 20% with 1-3
 * attachments of 50-500 KB, 10% from unlisted senders or auto-replies) plus ten replies
 * with a 20 MB attachment, delivered to the inbound mailbox, then one batch, with the
 * application under {@code -Xmx256m}: batch wall time, replies/s, peak heap (JFR);</li>
 * <li>a bare IMAP fetch of the same messages with the same library (Angus Mail), chunked
 * {@code FETCH BODY.PEEK[]} streamed to disk: the limit the batch is held to;</li>
 * <li>delivery-to-posted latency over 200 messages in IDLE mode and through the SMTP
 * listener.</li>
 * </ul>
 * Run:
 * {@code mvn -B -q -Pbench -DskipTests package exec:exec -Dbench.main=io.casepost.bench.InboundBenchmark -Dbench.args="5000"}
 * ({@code -Dbench.args="0 postgresql"} runs the latency part alone). The arguments: replies,
 * databases, mailbox ({@code greenmail} or {@code dovecot}) and warm-up replies: with
 * {@code -Dbench.args="5000 postgresql dovecot 1000"} a batch of 1,000 other replies runs
 * first, unmeasured, so that the measured batch finds the application's code compiled, as a
 * server that has run for a while would.
 */
public final class InboundBenchmark {

	static final String DOMAIN = "inbound.bench";

	static final String INBOUND = "updates@" + DOMAIN;

	static final String ADMIN = "admin@casepost.bench";

	static final String PASSWORD = "bench-password";

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final HttpClient HTTP = HttpClient.newHttpClient();

	final Path work;

	final Path jar = Path.of("target/casepost.jar").toAbsolutePath();

	/** {@code greenmail} (in this process) or {@code dovecot} (the one .ci/mail-servers.sh starts). */
	final String mailboxKind;

	InboundBenchmark(String mailboxKind) throws IOException {
		this.mailboxKind = mailboxKind;
		work = Files.createTempDirectory("casepost-bench");
	}

	Mailbox mailbox(MailServer mail) throws Exception {
		return switch (mailboxKind) {
			case "greenmail" -> new GreenMailMailbox(mail);
			case "dovecot" -> DovecotMailbox.emptied();
			default -> throw new IllegalArgumentException("mailbox: greenmail or dovecot, not " + mailboxKind);
		};
	}

	public static void main(String[] args) throws Exception {
		var replies = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
		var databases = args.length > 1 ? List.of(args[1].split(",")) : List.of("h2", "postgresql");
		var mailbox = args.length > 2 ? args[2] : "greenmail";
		var warmup = args.length > 3 ? Integer.parseInt(args[3]) : 0;
		var latencyCount = 200;
		var bench = new InboundBenchmark(mailbox);
		var rows = new ArrayList<String>();
		var profiles = new ArrayList<String>();
		for (var database : databases) {
			if (replies == 0) {
				bench.latencyRun(database, latencyCount);
				continue;
			}
			var batch = bench.batchRun(database, warmup, replies);
			var latency = bench.latencyRun(database, latencyCount);
			rows.add("| %s, %s%s | %d + 10 x 20 MB | %.1f s | %.0f | %.1f s (%.0f msg/s) | %.2f | %s | %s | %d MB | %s |"
				.formatted(database, bench.mailboxKind, warmup > 0 ? ", after %d warm-up".formatted(warmup) : "",
						replies, batch.wallSeconds, batch.total / batch.wallSeconds, batch.bareSeconds,
						batch.total / batch.bareSeconds, batch.wallSeconds / batch.bareSeconds, latency.get("IDLE"),
						latency.get("SMTP"), batch.peakHeapMb, batch.outcome));
			profiles.add("%s batch, hottest frames (JFR samples): %s%n%s batch, by first Casepost frame: %s"
				.formatted(database, batch.hotFrames, database, batch.hotCasepost));
		}
		System.out.println();
		System.out.println(
				"| database | replies | batch wall | replies/s | bare IMAP fetch | batch / bare | IDLE p50 / p95 | SMTP p50 / p95 | peak heap (-Xmx256m) | outcome |");
		System.out.println("|---|---|---|---|---|---|---|---|---|---|");
		rows.forEach(System.out::println);
		System.out.println();
		profiles.forEach(System.out::println);
	}

	record BatchFigures(int total, double wallSeconds, double bareSeconds, long peakHeapMb, String outcome,
			String hotFrames, String hotCasepost) {
	}

	BatchFigures batchRun(String database, int warmup, int replies) throws Exception {
		try (var mail = new MailServer(); var mailbox = mailbox(mail)) {
			var jfr = work.resolve(database + "-batch.jfr");
			try (var app = App.start(this, database, mail, mailbox, "batch", "-Xmx256m", jfr)) {
				var world = World.create(app, mail);
				if (warmup > 0) {
					mailbox.deliverAll(new Workload(world, new SplittableRandom(3)).replies(200_000, warmup));
					System.err.printf("%s: warm-up batch of %d replies: %s%n", database, warmup,
							app.post("/api/inbound/batches", ""));
				}
				var messages = new Workload(world, new SplittableRandom(7)).replies(0, replies);
				messages.addAll(new Workload(world, new SplittableRandom(11)).bigReplies(10, 20 * 1024 * 1024));
				mailbox.deliverAll(messages);
				messages.clear();
				System.err.printf("%s: %d messages in the mailbox; running the batch from %s%n", database, replies + 10,
						Instant.now());
				var start = System.nanoTime();
				var result = app.post("/api/inbound/batches", "");
				var wall = (System.nanoTime() - start) / 1e9;
				var end = Instant.now();
				System.err.printf("%s: batch %s in %.1f s%n", database, result, wall);
				var bare = bareFetch(mailbox, warmup, replies + 10);
				app.close();
				var profile = Profile.read(jfr, end.minusMillis((long) (wall * 1000)), end);
				return new BatchFigures(replies + 10, wall, bare, profile.peakHeapMb(), result.replace("\"", ""),
						profile.hotFrames(), profile.hotCasepost());
			}
		}
	}

	/**
	 * The same messages, now in the processed folder after the {@code skipped} warm-up
	 * replies, fetched raw to disk with nothing else done.
	 */
	double bareFetch(Mailbox mailbox, int skipped, int expected) throws Exception {
		var target = Files.createDirectories(work.resolve("bare-" + UUID.randomUUID()));
		var start = System.nanoTime();
		try (var store = mailbox.connect()) {
			var folder = (IMAPFolder) store.getFolder("Processed");
			folder.open(Folder.READ_ONLY);
			var messages = folder.getMessages(skipped + 1, folder.getMessageCount());
			var profile = new FetchProfile();
			profile.add(UIDFolder.FetchProfileItem.UID);
			profile.add(FetchProfile.Item.SIZE);
			folder.fetch(messages, profile);
			var written = 0;
			var chunk = new ArrayList<Message>();
			long bytes = 0;
			for (var message : messages) {
				if (!chunk.isEmpty() && (chunk.size() == 100 || bytes + message.getSize() > 8 * 1024 * 1024)) {
					written += fetchChunk(folder, chunk, target);
					chunk.clear();
					bytes = 0;
				}
				chunk.add(message);
				bytes += message.getSize();
			}
			written += fetchChunk(folder, chunk, target);
			if (written != expected) {
				throw new IllegalStateException("bare fetch wrote " + written + " of " + expected);
			}
		}
		return (System.nanoTime() - start) / 1e9;
	}

	private static int fetchChunk(IMAPFolder folder, List<Message> chunk, Path target) throws Exception {
		var numbers = chunk.stream().mapToInt(Message::getMessageNumber).toArray();
		var responses = (Response[]) folder.doCommand(protocol -> {
			var answer = protocol.fetch(MessageSet.createMessageSets(numbers), "BODY.PEEK[]");
			protocol.handleResult(answer[answer.length - 1]);
			return answer;
		});
		var written = 0;
		for (var response : responses) {
			if (response instanceof FetchResponse fetched && fetched.getItem(BODY.class) != null) {
				var raw = fetched.getItem(BODY.class).getByteArray();
				try (var out = Files.newOutputStream(target.resolve(fetched.getNumber() + ".eml"))) {
					out.write(raw.getBytes(), raw.getStart(), raw.getCount());
				}
				written++;
			}
		}
		return written;
	}

	Map<String, String> latencyRun(String database, int count) throws Exception {
		var figures = new LinkedHashMap<String, String>();
		try (var mail = new MailServer(); var mailbox = mailbox(mail);
				var app = App.start(this, database, mail, mailbox, "idle", "-Xmx512m", null)) {
			var world = World.create(app, mail);
			var workload = new Workload(world, new SplittableRandom(13));
			figures.put("IDLE", measure(app, count, mailbox::deliver, workload));
			var props = new Properties();
			props.put("mail.smtp.host", "127.0.0.1");
			props.put("mail.smtp.port", String.valueOf(app.smtpPort));
			var session = Session.getInstance(props);
			figures.put("SMTP", measure(app, count, message -> {
				// sendMessage, unlike Transport.send, keeps the Message-ID the
				// measurement follows
				try (var transport = session.getTransport("smtp")) {
					transport.connect();
					transport.sendMessage(message, message.getAllRecipients());
				}
			}, workload));
		}
		System.err.printf("%s latency: %s%n", database, figures);
		return figures;
	}

	interface Delivery {

		void deliver(MimeMessage message) throws Exception;

	}

	/**
	 * Delivers one plain reply every 100 ms, then times each from its delivery to the
	 * posting time of the update it became. Nothing asks the application anything while
	 * replies arrive: a poll over HTTP Basic pays for a password check each time, which
	 * would take a core of this machine from the application being measured.
	 */
	String measure(App app, int count, Delivery delivery, Workload workload) throws Exception {
		var sent = new LinkedHashMap<String, Instant>();
		for (var i = 0; i < count; i++) {
			var message = workload.plainReply(i);
			sent.put(message.getMessageID().replaceAll("^<|>$", ""), Instant.now());
			delivery.deliver(message);
			Thread.sleep(100);
		}
		var updates = postedUpdates(app, sent.keySet(), Instant.now().plusSeconds(60));
		var postedAt = postingTimes(app);
		var millis = sent.entrySet()
			.stream()
			.filter(entry -> updates.containsKey(entry.getKey()))
			.map(entry -> Duration.between(entry.getValue(), postedAt.get(updates.get(entry.getKey()))).toMillis())
			.sorted()
			.toList();
		if (millis.size() < count) {
			return "%d of %d posted".formatted(millis.size(), count);
		}
		return "%d / %d ms".formatted(millis.get(count / 2), millis.get((int) Math.ceil(count * 0.95) - 1));
	}

	/** Message-ID to update id, once every sent message is settled or the deadline passes. */
	private static Map<String, Long> postedUpdates(App app, java.util.Set<String> sent, Instant deadline)
			throws Exception {
		var updates = new HashMap<String, Long>();
		var settled = 0;
		while (settled < sent.size() && Instant.now().isBefore(deadline)) {
			Thread.sleep(500);
			settled = 0;
			for (var row : JSON.readValue(app.get("/api/inbound/messages?limit=1000"), List.class)) {
				var message = (Map<?, ?>) row;
				var id = (String) message.get("messageId");
				if (id != null && sent.contains(id) && !"PENDING".equals(message.get("disposition"))) {
					settled++;
					if (message.get("updateId") != null) {
						updates.put(id, ((Number) message.get("updateId")).longValue());
					}
				}
			}
		}
		return updates;
	}

	private static Map<Long, Instant> postingTimes(App app) throws Exception {
		var postedAt = new HashMap<Long, Instant>();
		for (var caseRow : JSON.readValue(app.get("/api/cases"), List.class)) {
			var caseId = ((Number) ((Map<?, ?>) caseRow).get("id")).longValue();
			for (var row : JSON.readValue(app.get("/api/cases/" + caseId + "/updates"), List.class)) {
				var update = (Map<?, ?>) row;
				postedAt.put(((Number) update.get("id")).longValue(), Instant.parse((String) update.get("postedAt")));
			}
		}
		return postedAt;
	}

	static byte[] bytes(MimeMessage message) throws Exception {
		var out = new java.io.ByteArrayOutputStream();
		message.writeTo(out);
		return out.toByteArray();
	}

	static int freePort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * GreenMail routing the whole inbound domain into the one inbound mailbox, as the
	 * embedded default does.
	 */
	static final class MailServer implements AutoCloseable {

		final GreenMail greenMail;

		MailServer() {
			greenMail = new GreenMail(ServerSetup
				.dynamicPort(new ServerSetup[] { new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
						new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP) }));
			greenMail.start();
			var inbound = greenMail.setUser(INBOUND, INBOUND);
			var users = greenMail.getUserManager();
			MessageDeliveryHandler everyoneElse = users.getMessageDeliveryHandler();
			users
				.setMessageDeliveryHandler((message, address) -> address.getEmail().toLowerCase().endsWith("@" + DOMAIN)
						? inbound : everyoneElse.handle(message, address));
		}

		GreenMailUser inbound() {
			return greenMail.getUserManager().getUserByEmail(INBOUND);
		}

		int smtpPort() {
			return greenMail.getSmtp().getPort();
		}

		int imapPort() {
			return greenMail.getImap().getPort();
		}

		@Override
		public void close() {
			greenMail.stop();
		}

	}

	/** Where the replies wait for the application: the inbound IMAP mailbox. */
	interface Mailbox extends AutoCloseable {

		/** How the application is pointed at it. */
		List<String> appArguments();

		void deliver(MimeMessage message) throws Exception;

		default void deliverAll(List<MimeMessage> messages) throws Exception {
			for (var message : messages) {
				deliver(message);
			}
		}

		/** A client connection as the application makes it, for the bare fetch. */
		Store connect() throws MessagingException;

		@Override
		default void close() throws Exception {
		}

	}

	/** The inbound mailbox of the benchmark's GreenMail. */
	record GreenMailMailbox(MailServer mail) implements Mailbox {

		@Override
		public List<String> appArguments() {
			return List.of("--casepost.mail.inbound-domain=" + DOMAIN,
					"--casepost.inbound.imap.port=" + mail.imapPort());
		}

		@Override
		public void deliver(MimeMessage message) {
			mail.inbound().deliver(message);
		}

		@Override
		public Store connect() throws MessagingException {
			var props = new Properties();
			props.put("mail.imap.partialfetch", "false");
			var store = Session.getInstance(props).getStore("imap");
			store.connect("127.0.0.1", mail.imapPort(), INBOUND, INBOUND);
			return store;
		}

	}

	/**
	 * The real IMAP server {@code .ci/mail-servers.sh} sets up (Dovecot on 127.0.0.1,
	 * STARTTLS with a self-signed certificate), emptied first; replies are put into it
	 * with IMAP APPEND.
	 */
	static final class DovecotMailbox implements Mailbox {

		private final Properties servers = new Properties();

		private final Store appender;

		private final Folder inbox;

		private DovecotMailbox() throws Exception {
			try (var in = Files
				.newInputStream(Path.of("/var/lib/casepost-mail/test-mail-servers.properties"))) {
				servers.load(in);
			}
			appender = connect();
			inbox = appender.getFolder("INBOX");
			inbox.open(Folder.READ_WRITE);
		}

		static DovecotMailbox emptied() throws Exception {
			var mailbox = new DovecotMailbox();
			if (mailbox.inbox.getMessageCount() > 0) {
				mailbox.inbox.setFlags(1, mailbox.inbox.getMessageCount(),
						new jakarta.mail.Flags(jakarta.mail.Flags.Flag.DELETED), true);
				mailbox.inbox.expunge();
			}
			var processed = mailbox.appender.getFolder("Processed");
			if (processed.exists()) {
				processed.delete(true);
			}
			return mailbox;
		}

		@Override
		public List<String> appArguments() {
			return List.of("--casepost.mail.inbound-domain=" + servers.getProperty("domain"),
					"--casepost.inbound.imap.host=" + servers.getProperty("imap.host"),
					"--casepost.inbound.imap.port=" + servers.getProperty("imap.port"),
					"--casepost.inbound.imap.security=starttls",
					"--casepost.inbound.imap.trust-certificate=" + servers.getProperty("certificate"),
					"--casepost.inbound.imap.username=" + servers.getProperty("username"),
					"--casepost.inbound.imap.password=" + servers.getProperty("password"));
		}

		@Override
		public void deliver(MimeMessage message) throws MessagingException {
			inbox.appendMessages(new Message[] { message });
		}

		/** Over STARTTLS as the application reads it, trusting the test certificate. */
		@Override
		public Store connect() throws MessagingException {
			var props = new Properties();
			props.put("mail.imap.partialfetch", "false");
			props.put("mail.imap.starttls.enable", "true");
			props.put("mail.imap.starttls.required", "true");
			props.put("mail.imap.ssl.trust", servers.getProperty("imap.host"));
			var store = Session.getInstance(props).getStore("imap");
			store.connect(servers.getProperty("imap.host"), Integer.parseInt(servers.getProperty("imap.port")),
					servers.getProperty("username"), servers.getProperty("password"));
			return store;
		}

		@Override
		public void close() throws MessagingException {
			appender.close();
		}

	}

	/** The packaged application in a process of its own. */
	static final class App implements AutoCloseable {

		final Process process;

		final int port;

		final int smtpPort;

		App(Process process, int port, int smtpPort) {
			this.process = process;
			this.port = port;
			this.smtpPort = smtpPort;
		}

		static App start(InboundBenchmark bench, String database, MailServer mail, Mailbox mailbox, String mode,
				String heap, Path jfr) throws Exception {
			var port = freePort();
			var smtpPort = freePort();
			var dataDir = Files.createDirectories(bench.work.resolve(database + "-" + mode + "-data"));
			var command = new ArrayList<>(List.of("java", heap, "-XX:+UseG1GC"));
			// e.g. a profiler agent: -agentpath:.../libasyncProfiler.so=start,event=wall,...
			var extra = System.getenv("CASEPOST_BENCH_APP_JVM_OPTIONS");
			if (extra != null && !extra.isBlank()) {
				command.addAll(List.of(extra.trim().split("\\s+")));
			}
			if (jfr != null) {
				command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
			}
			command
				.addAll(List.of("-jar", bench.jar.toString(), "--server.port=" + port, "--casepost.data-dir=" + dataDir,
						"--casepost.embedded-mail.enabled=false", "--spring.mail.port=" + mail.smtpPort(),
						"--casepost.admin.email=" + ADMIN, "--casepost.admin.password=" + PASSWORD,
						"--casepost.demo-data=false", "--casepost.inbound.batch-interval=1h",
						"--casepost.inbound.mode=" + mode, "--casepost.inbound.smtp.enabled=" + "idle".equals(mode),
						"--casepost.inbound.smtp.port=" + smtpPort, "--casepost.inbound.smtp.bind-address=127.0.0.1",
						"--logging.level.root=WARN",
						// when the batch's fetch ended: ImapSource logs it
						"--logging.level.io.casepost.inbound.source.ImapSource=INFO",
						// a backlog of thousands of replies to a few cases is what is
						// measured, not the anti-flood hold
						"--casepost.inbound.rate-limit.per-sender=1000000",
						"--casepost.inbound.rate-limit.per-case=1000000"));
			command.addAll(mailbox.appArguments());
			if ("postgresql".equals(database)) {
				var name = "casepost_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
				try (var admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres",
						"")) {
					admin.createStatement().execute("create database " + name);
				}
				command.addAll(List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + name,
						"--spring.datasource.username=postgres", "--spring.datasource.password="));
			}
			var process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(bench.work.resolve(database + "-" + mode + ".log").toFile())
				.start();
			var app = new App(process, port, smtpPort);
			var deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
			while (!app.healthy()) {
				if (!process.isAlive() || System.nanoTime() > deadline) {
					throw new IllegalStateException("The application did not start; see " + bench.work);
				}
				Thread.sleep(500);
			}
			return app;
		}

		boolean healthy() {
			try {
				return HTTP
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
							HttpResponse.BodyHandlers.ofString())
					.statusCode() == 200;
			}
			catch (Exception notYet) {
				return false;
			}
		}

		String get(String path) throws Exception {
			return send(HttpRequest.newBuilder(uri(path)).GET(), 200);
		}

		String post(String path, String json) throws Exception {
			return send(HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json)), -1);
		}

		String put(String path, String json) throws Exception {
			return send(HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString(json)), 200);
		}

		private URI uri(String path) {
			return URI.create("http://127.0.0.1:" + port + path);
		}

		private String send(HttpRequest.Builder request, int expected) throws Exception {
			var auth = Base64.getEncoder().encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
			var response = HTTP.send(
					request.header("Authorization", "Basic " + auth).timeout(Duration.ofMinutes(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300 || expected > 0 && response.statusCode() != expected) {
				throw new IllegalStateException(response.statusCode() + " " + response.body());
			}
			return response.body();
		}

		@Override
		public void close() throws InterruptedException {
			if (process.isAlive()) {
				process.destroy();
				process.waitFor();
			}
		}

	}

	/**
	 * Cases with several clients each, an update emailed to all, and the reply address
	 * each client got.
	 */
	record World(List<Recipient> recipients) {

		/**
		 * Replies to one case are decided one at a time (its row is locked), so how
		 * many cases the replies spread over bounds how many workers can post at once.
		 */
		static final int CASES = 25;

		static final int CLIENTS_PER_CASE = 4;

		record Recipient(String email, String replyTo, String updateMessageId) {
		}

		static World create(App app, MailServer mail) throws Exception {
			app.put("/api/settings/general-case",
					"{\"emailUpdateRepliesEnabled\":true,\"inboundCatchAllAddress\":\"catch-all@agency.bench\"}");
			var clients = new ArrayList<String>();
			for (var c = 0; c < CASES; c++) {
				var manager = person(app, "manager" + c, "CASE_MANAGER");
				var caseId = ((Number) JSON
					.readValue(
							app.post("/api/cases",
									"{\"title\":\"Bench case " + c + "\",\"caseManagerEmail\":\"" + manager + "\"}"),
							Map.class)
					.get("id")).longValue();
				var recipients = new ArrayList<String>();
				for (var k = 0; k < CLIENTS_PER_CASE; k++) {
					var client = person(app, "client" + c + "-" + k, "CLIENT");
					app.post("/api/cases/" + caseId + "/participants", "{\"email\":\"" + client + "\"}");
					recipients.add(client);
				}
				clients.addAll(recipients);
				app.post("/api/cases/" + caseId + "/updates",
						JSON.writeValueAsString(Map.of("authorEmail", manager, "body",
								"Surveillance report attached; please confirm the next steps.", "recipientEmails",
								recipients)));
			}
			var found = new HashMap<String, Recipient>();
			var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (found.size() < clients.size() && System.nanoTime() < deadline) {
				for (var message : mail.greenMail.getReceivedMessages()) {
					var to = ((InternetAddress) message.getAllRecipients()[0]).getAddress();
					if (clients.contains(to) && message.getReplyTo() != null) {
						found.put(to, new Recipient(to, ((InternetAddress) message.getReplyTo()[0]).getAddress(),
								message.getMessageID()));
					}
				}
				Thread.sleep(200);
			}
			if (found.size() < clients.size()) {
				throw new IllegalStateException("Only " + found.size() + " update emails arrived");
			}
			return new World(List.copyOf(found.values()));
		}

		private static String person(App app, String name, String role) throws Exception {
			var email = name + "@agency.bench";
			app.post("/api/people", JSON
				.writeValueAsString(Map.of("name", name, "email", email, "role", role, "password", "pw-" + email)));
			return email;
		}
	}

	/** Replies as mail clients write them. */
	static final class Workload {

		private final World world;

		private final SplittableRandom random;

		private final Session session = Session.getInstance(new Properties());

		Workload(World world, SplittableRandom random) {
			this.world = world;
			this.random = random;
		}

		/** Replies numbered from {@code first}: their texts differ from other workloads'. */
		List<MimeMessage> replies(int first, int count) throws Exception {
			var messages = new ArrayList<MimeMessage>(count);
			for (var i = first; i < first + count; i++) {
				var kind = random.nextInt(100);
				messages.add(kind < 70 ? plainReply(i)
						: kind < 90 ? withAttachments(i, 1 + random.nextInt(3), 50 * 1024, 500 * 1024)
								: kind < 95 ? fromStranger(i) : autoReply(i));
			}
			return messages;
		}

		List<MimeMessage> bigReplies(int count, int size) throws Exception {
			var messages = new ArrayList<MimeMessage>();
			for (var i = 0; i < count; i++) {
				messages.add(withAttachments(100_000 + i, 1, size, size + 1));
			}
			return messages;
		}

		MimeMessage plainReply(int i) throws Exception {
			var to = recipient();
			var text = "Thanks, reply %d: the subject left at %d:%02d and drove north.".formatted(i, 8 + i % 10,
					i % 60);
			var quoted = switch (i % 3) {
				case 0 ->
					"\r\n\r\nOn Fri, 27 Nov 2026 at 09:00, Case Manager <manager@agency.bench> wrote:\r\n> Surveillance report attached; please confirm the next steps.\r\n";
				case 1 ->
					"\r\n\r\n-----Original Message-----\r\nFrom: Case Manager <manager@agency.bench>\r\nSent: Friday, November 27, 2026 9:00 AM\r\nTo: "
							+ to.email()
							+ "\r\nSubject: New update\r\n\r\nSurveillance report attached; please confirm the next steps.\r\n";
				default ->
					"\r\n\r\nSent from my iPhone\r\n\r\n> On 27 Nov 2026, at 09:00, Case Manager <manager@agency.bench> wrote:\r\n> \r\n> Surveillance report attached; please confirm the next steps.\r\n";
			};
			var message = reply(to, to.email());
			message.setText(text + quoted, "UTF-8");
			message.saveChanges();
			return message;
		}

		MimeMessage withAttachments(int i, int files, int minSize, int maxSize) throws Exception {
			var to = recipient();
			var message = reply(to, to.email());
			var multipart = new jakarta.mail.internet.MimeMultipart();
			var text = new jakarta.mail.internet.MimeBodyPart();
			text.setText("Photos from the site visit, reply " + i
					+ ".\r\n\r\nOn Fri, 27 Nov 2026 at 09:00, Case Manager <manager@agency.bench> wrote:\r\n> Please send the photos.\r\n",
					"UTF-8");
			multipart.addBodyPart(text);
			for (var f = 0; f < files; f++) {
				var content = new byte[minSize + random.nextInt(maxSize - minSize)];
				random.nextBytes(content);
				System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, content, 0, 9);
				var part = new jakarta.mail.internet.MimeBodyPart();
				part.setDataHandler(new jakarta.activation.DataHandler(
						new jakarta.mail.util.ByteArrayDataSource(content, "application/pdf")));
				part.setFileName("evidence-" + i + "-" + f + ".pdf");
				part.setDisposition("attachment");
				multipart.addBodyPart(part);
			}
			message.setContent(multipart);
			message.saveChanges();
			return message;
		}

		MimeMessage fromStranger(int i) throws Exception {
			var message = reply(recipient(), "stranger" + i + "@elsewhere.bench");
			message.setText("I am not on this case, message " + i + ".", "UTF-8");
			message.saveChanges();
			return message;
		}

		MimeMessage autoReply(int i) throws Exception {
			var to = recipient();
			var message = reply(to, to.email());
			message.setSubject("Automatic reply: New update");
			message.setHeader("Auto-Submitted", "auto-replied");
			message.setText("I am out of the office until Monday, " + i + ".", "UTF-8");
			message.saveChanges();
			return message;
		}

		private World.Recipient recipient() {
			return world.recipients().get(random.nextInt(world.recipients().size()));
		}

		private MimeMessage reply(World.Recipient to, String from) throws Exception {
			var message = new MimeMessage(session) {
				@Override
				protected void updateMessageID() throws jakarta.mail.MessagingException {
					setHeader("Message-ID", "<" + UUID.randomUUID() + "@client.bench>");
				}
			};
			message.setFrom(new InternetAddress(from));
			message.setRecipient(Message.RecipientType.TO, new InternetAddress(to.replyTo()));
			message.setSubject("Re: New update");
			message.setHeader("In-Reply-To", to.updateMessageId());
			message.setSentDate(new java.util.Date());
			return message;
		}

	}

	/**
	 * What the JFR recording of the batch run says: peak heap, and where the batch's CPU
	 * samples fall.
	 */
	record Profile(long peakHeapMb, String hotFrames, String hotCasepost) {

		static Profile read(Path jfr, Instant from, Instant to) throws IOException {
			long peak = 0;
			var top = new HashMap<String, Integer>();
			var casepost = new HashMap<String, Integer>();
			for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
				var type = event.getEventType().getName();
				if (type.equals("jdk.GCHeapSummary")) {
					peak = Math.max(peak, event.getLong("heapUsed"));
				}
				else if (type.equals("jdk.ExecutionSample") && !event.getStartTime().isBefore(from)
						&& !event.getStartTime().isAfter(to) && event.getStackTrace() != null) {
					var frames = event.getStackTrace().getFrames();
					if (!frames.isEmpty()) {
						top.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
					}
					frames.stream()
						.filter(frame -> frame.getMethod().getType().getName().startsWith("io.casepost"))
						.findFirst()
						.ifPresent(frame -> casepost.merge(name(frame.getMethod()), 1, Integer::sum));
				}
			}
			return new Profile(peak / (1024 * 1024), top(top), top(casepost));
		}

		private static String name(jdk.jfr.consumer.RecordedMethod method) {
			var type = method.getType().getName();
			return type.substring(type.lastIndexOf('.') + 1) + "." + method.getName();
		}

		private static String top(Map<String, Integer> counts) {
			var total = counts.values().stream().mapToInt(Integer::intValue).sum();
			return counts.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
				.limit(8)
				.map(e -> "%s %d%%".formatted(e.getKey(), e.getValue() * 100 / Math.max(total, 1)))
				.collect(Collectors.joining(", "));
		}
	}

}
