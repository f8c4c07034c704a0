package io.casepost.setup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import io.casepost.cases.CaseUpdateService;
import io.casepost.cases.Role;
import io.casepost.cases.StoredFile;
import io.casepost.inbound.InboundLog;
import io.casepost.inbound.InboundLog.StoredEmail;

import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * {@code seed-demo-scale}: fills the product's database with an agency at scale (by
 * default 20,000 cases, 500,000 updates and 500,000 inbound messages) to try and measure
 * the pages with. Rows are written straight to the tables in multi-row statements, not
 * through the posting path: no email is sent and no event published. Every seeded person
 * signs in with one password; the emails of all seeded messages share a few stored sample
 * emails, and all seeded files one stored sample file. Running it again adds another
 * agency of the same size beside the first.
 */
public final class DemoScaleSeed {

	private static final int CASES_PER_COMMIT = 500;

	/** How long a case is worked on: its updates and emails fall in this span. */
	private static final Duration CASE_SPAN = Duration.ofDays(60);

	private static final Duration AGENCY_AGE = Duration.ofDays(3 * 365);

	private final Options options;

	private final Samples samples;

	private final String passwordHash;

	private final PrintStream out;

	private final SplittableRandom random = new SplittableRandom(42);

	private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

	private final Map<Integer, Integer> lastNumberOfYear = new HashMap<>();

	private DemoScaleSeed(Options options, Samples samples, String passwordHash, PrintStream out) {
		this.options = options;
		this.samples = samples;
		this.passwordHash = passwordHash;
		this.out = out;
	}

	/**
	 * Seeds the database of the started application with the size its options
	 * ({@code --cases} and so on) ask for; answers the exit code.
	 */
	public static int run(ApplicationContext context, PrintStream out) {
		try {
			var options = Options.of(context.getEnvironment());
			var password = options.password() == null ? GeneratedPasswords.next() : options.password();
			fill(context, options.withPassword(password), out);
			out.println("Every seeded person signs in with the password " + password
					+ (options.password() == null ? " (generated; set one with --password=...)" : "") + ".");
			return 0;
		}
		catch (IllegalArgumentException | IOException | SQLException e) {
			out.println("seed-demo-scale: " + e.getMessage());
			return 2;
		}
	}

	/** Adds an agency of the given size to the running product's database. */
	public static void fill(ApplicationContext context, Options options, PrintStream out)
			throws IOException, SQLException {
		new DemoScaleSeed(options,
				Samples.store(context.getBean(CaseUpdateService.class), context.getBean(InboundLog.class)),
				context.getBean(PasswordEncoder.class).encode(options.password()), out)
			.fill(context.getBean(DataSource.class));
	}

	private void fill(DataSource dataSource) throws SQLException {
		var started = System.nanoTime();
		try (var connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			var ids = Ids.next(connection);
			readCaseNumbers(connection);
			var agency = people(connection, ids);
			connection.commit();
			out.printf("Seeding %,d cases, %,d updates and %,d inbound messages, %,d people%n", options.cases(),
					options.updates(), options.messages(), agency.size());
			var tables = Tables.open(connection);
			var updateCounts = spread(options.updates(), options.cases(), options.busiestCaseUpdates());
			var messageCounts = spread(options.messages(), options.cases(), 0);
			for (var index = 0; index < options.cases(); index++) {
				seedCase(tables, ids, agency, index, updateCounts[index], messageCounts[index]);
				if ((index + 1) % CASES_PER_COMMIT == 0 || index + 1 == options.cases()) {
					tables.flush();
					connection.commit();
					out.printf("\r%,d / %,d cases, %,d updates, %,d messages, %.0f s", index + 1, options.cases(),
							tables.updates.written(), tables.messages.written(), seconds(started));
					out.flush();
				}
			}
			tables.close();
			out.println();
			finish(connection, ids);
			out.printf("Seeded %,d cases, %,d updates, %,d inbound messages and %,d people in %.1f s.%n",
					options.cases(), tables.updates.written(), tables.messages.written(), agency.size(),
					seconds(started));
		}
	}

	/**
	 * The staff and clients: one case manager per 500 cases, one investigator per 100.
	 */
	private Agency people(Connection connection, Ids ids) throws SQLException {
		var agency = new Agency(count(options.cases() / 500), count(options.cases() / 100),
				count(options.cases() * 3 / 10));
		try (var people = new MultiRowInsert(connection, "person", "id", "name", "email", "role", "password_hash",
				"created_at")) {
			addPeople(people, ids, agency, agency.managers(), Role.CASE_MANAGER, "agency.example");
			addPeople(people, ids, agency, agency.investigators(), Role.INVESTIGATOR, "agency.example");
			addPeople(people, ids, agency, agency.clients(), Role.CLIENT, "client.example");
			people.flush();
		}
		return agency;
	}

	private void addPeople(MultiRowInsert people, Ids ids, Agency agency, List<Long> into, Role role, String domain) {
		for (var i = 0; i < into.size(); i++) {
			var id = ids.person.getAsLong();
			var first = Words.FIRST_NAMES[random.nextInt(Words.FIRST_NAMES.length)];
			var last = Words.LAST_NAMES[random.nextInt(Words.LAST_NAMES.length)];
			var email = (first + "." + last + "." + id + "@" + domain).toLowerCase(Locale.ROOT);
			people.add(id, first + " " + last, email, role.name(), passwordHash, now.minus(AGENCY_AGE));
			into.set(i, id);
			agency.emails().put(id, email);
		}
	}

	private void seedCase(Tables tables, Ids ids, Agency agency, int index, int updateCount, int messageCount)
			throws SQLException {
		var opened = now.minus(AGENCY_AGE).plus(AGENCY_AGE.multipliedBy(index).dividedBy(options.cases()));
		var span = Duration.between(opened, now).compareTo(CASE_SPAN) < 0 ? Duration.between(opened, now) : CASE_SPAN;
		var caseId = ids.caseFile.getAsLong();
		var manager = agency.pick(agency.managers(), random);
		var team = new ArrayList<Long>();
		var clients = new ArrayList<Long>();
		for (var i = 0; i <= random.nextInt(2); i++) {
			team.add(agency.pick(agency.investigators(), random));
		}
		for (var i = 0; i <= random.nextInt(2); i++) {
			clients.add(agency.pick(agency.clients(), random));
		}
		var title = Words.MATTERS[random.nextInt(Words.MATTERS.length)] + " — "
				+ Words.COMPANIES[random.nextInt(Words.COMPANIES.length)];
		var number = nextNumber(opened.getYear());
		var closed = opened.plus(CASE_SPAN.multipliedBy(2)).isBefore(now) && random.nextInt(10) < 6;
		tables.cases.add(caseId, number, title, closed ? "CLOSED" : "OPEN", manager, opened);
		for (var person : team.stream().distinct().toList()) {
			tables.participants.add(caseId, person, Role.INVESTIGATOR.name());
		}
		for (var person : clients.stream().distinct().toList()) {
			tables.participants.add(caseId, person, Role.CLIENT.name());
		}
		var posted = Math.min(messageCount * 6 / 10, Math.max(0, updateCount - 1));
		var emailed = new HashMap<Integer, long[]>();
		for (var m = 0; m < messageCount; m++) {
			var messageId = ids.message.getAsLong();
			if (m < posted) {
				// a client's reply lands as an update after the first one
				var updateIndex = 1 + (int) ((long) m * (updateCount - 1) / posted);
				var sender = clients.get(m % clients.size());
				emailed.put(updateIndex, new long[] { messageId, sender });
				tables.messages
					.add(message(messageId, caseId, number, title, moment(opened, span, updateIndex, updateCount),
							"POSTED", "Posted", agency.email(sender), ids.updateOfCase(updateIndex)));
			}
			else {
				var outcome = Outcome.pick(random);
				tables.messages.add(message(messageId, outcome.matched ? caseId : null, number, title,
						moment(opened, span, m, messageCount), outcome.disposition(), outcome.reason,
						"someone." + random.nextInt(5000) + "@elsewhere.example", null));
			}
		}
		for (var u = 0; u < updateCount; u++) {
			var updateId = ids.update.getAsLong();
			var email = emailed.get(u);
			var source = email != null ? "EMAIL" : random.nextInt(8) == 0 ? "API" : "WEB";
			var author = email != null ? email[1] : u % 3 == 2 ? team.get(0) : manager;
			tables.updates.add(updateId, caseId, author, Words.sentences(random, 1 + random.nextInt(6)), source,
					moment(opened, span, u, updateCount).plusMinutes(1),
					email == null ? null : "On an earlier date, the agency wrote:\n> " + Words.sentences(random, 2),
					email == null ? null : email[0]);
			if (email == null) {
				for (var person : recipients(team, clients, author)) {
					tables.recipients.add(updateId, person);
				}
			}
			if (random.nextInt(10) == 0) {
				tables.attachments.add(ids.attachment.getAsLong(), updateId, "report-" + updateId + ".pdf",
						"application/pdf", samples.file().size(), samples.file().sha256(), samples.file().key());
			}
		}
		ids.caseDone(updateCount);
	}

	/** The moment of the index-th of count events over a case's span. */
	private static OffsetDateTime moment(OffsetDateTime opened, Duration span, int index, int count) {
		return opened.plus(span.multipliedBy(index).dividedBy(Math.max(1, count)));
	}

	private Object[] message(long id, Long caseId, String number, String title, OffsetDateTime at, String disposition,
			String reason, String from, Long updateId) {
		var email = samples.email(disposition);
		return new Object[] { id, email.key(), email.sha256(), email.size(), "seed-" + id + "@client.example", from,
				"Re: [Case " + number + "] " + title + ": new update", "IMAP", at, disposition, reason,
				"FAILED".equals(disposition) ? 3 : 1, caseId, updateId, at.plusMinutes(1), "pass", "pass", "pass" };
	}

	private static List<Long> recipients(List<Long> team, List<Long> clients, long author) {
		var recipients = new ArrayList<Long>();
		team.stream().distinct().filter(id -> id != author).forEach(recipients::add);
		clients.stream().distinct().filter(id -> id != author).forEach(recipients::add);
		return recipients;
	}

	/**
	 * {@code total} shared out over the cases, the last (newest) case taking
	 * {@code busiest} where that is more than its share.
	 */
	static int[] spread(long total, int cases, int busiest) {
		var counts = new int[cases];
		var rest = total;
		var others = cases;
		if (busiest > 0 && cases > 1 && busiest <= total) {
			counts[cases - 1] = busiest;
			rest -= busiest;
			others--;
		}
		for (var i = 0; i < others; i++) {
			counts[i] = (int) (rest / others + (i < rest % others ? 1 : 0));
		}
		return counts;
	}

	private String nextNumber(int year) {
		var last = lastNumberOfYear.merge(year, 1, Integer::sum);
		return "%d-%04d".formatted(year, last);
	}

	private void readCaseNumbers(Connection connection) throws SQLException {
		try (var counters = connection.createStatement()
			.executeQuery("select case_year, last_number from case_number_counter")) {
			while (counters.next()) {
				lastNumberOfYear.put(counters.getInt(1), counters.getInt(2));
			}
		}
	}

	/**
	 * The counters and identity columns continue after the seeded rows, and PostgreSQL
	 * and H2 learn the new sizes of the tables for their plans; PostgreSQL's vacuum also
	 * marks the new pages all-visible, so counts read the indexes alone from the start.
	 */
	private void finish(Connection connection, Ids ids) throws SQLException {
		try (var statement = connection.createStatement()) {
			statement.execute("delete from case_number_counter");
			for (var counter : lastNumberOfYear.entrySet()) {
				statement.execute("insert into case_number_counter (case_year, last_number) values (%d, %d)"
					.formatted(counter.getKey(), counter.getValue()));
			}
			for (var table : Ids.TABLES) {
				statement.execute("alter table %s alter column id restart with %d".formatted(table, ids.after(table)));
			}
			connection.commit();
			connection.setAutoCommit(true);
			var postgres = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
			statement.execute(postgres ? "vacuum analyze" : "analyze");
		}
	}

	private static int count(int share) {
		return Math.max(2, share);
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

	/** What became of a seeded message that was not posted. */
	private enum Outcome {

		CATCH_ALL(30, true, "Sender is not on this case's recipient log"),
		CATCH_ALL_NO_CASE(25, false, "No matching case update"),
		IGNORED(35, false, "Automatic reply (Auto-Submitted: auto-replied)"),
		REJECTED(8, true, "The update was not posted: the case is closed"),
		FAILED(2, true, "Processing failed 3 times: the attachment store did not answer");

		/** In a hundred messages that were not posted. */
		final int share;

		final boolean matched;

		final String reason;

		Outcome(int share, boolean matched, String reason) {
			this.share = share;
			this.matched = matched;
			this.reason = reason;
		}

		static Outcome pick(SplittableRandom random) {
			var draw = random.nextInt(100);
			for (var outcome : values()) {
				draw -= outcome.share;
				if (draw < 0) {
					return outcome;
				}
			}
			return IGNORED;
		}

		String disposition() {
			return this == CATCH_ALL_NO_CASE ? CATCH_ALL.name() : name();
		}

	}

	/**
	 * How large an agency: its last case (the newest) takes {@code busiestCaseUpdates} of
	 * the updates, the other cases share the rest.
	 */
	public record Options(int cases, long updates, long messages, int busiestCaseUpdates, String password) {

		Options withPassword(String password) {
			return new Options(cases, updates, messages, busiestCaseUpdates, password);
		}

		static Options of(Environment environment) {
			var cases = environment.getProperty("cases", Integer.class, 20_000);
			var options = new Options(cases, environment.getProperty("updates", Long.class, 25L * cases),
					environment.getProperty("messages", Long.class, 25L * cases),
					environment.getProperty("busiest-case-updates", Integer.class, 200),
					environment.getProperty("password"));
			if (cases < 1 || options.updates() < 0 || options.messages() < 0 || options.busiestCaseUpdates() < 0) {
				throw new IllegalArgumentException("--cases must be at least 1; --updates, --messages and "
						+ "--busiest-case-updates may not be negative");
			}
			return options;
		}

	}

	/** The seeded people by role, as ids. */
	private record Agency(List<Long> managers, List<Long> investigators, List<Long> clients, Map<Long, String> emails) {

		Agency(int managers, int investigators, int clients) {
			this(new ArrayList<>(Collections.nCopies(managers, 0L)),
					new ArrayList<>(Collections.nCopies(investigators, 0L)),
					new ArrayList<>(Collections.nCopies(clients, 0L)), new HashMap<>());
		}

		String email(long person) {
			return emails.get(person);
		}

		long pick(List<Long> from, SplittableRandom random) {
			return from.get(random.nextInt(from.size()));
		}

		int size() {
			return managers.size() + investigators.size() + clients.size();
		}

	}

	/**
	 * The ids the seeded rows take, from after the highest in each table: they are given
	 * in the statements, so that rows can name each other without reading keys back.
	 */
	private static final class Ids {

		static final List<String> TABLES = List.of("person", "case_file", "case_update", "inbound_message",
				"attachment");

		private final Map<String, long[]> next = new HashMap<>();

		private long caseUpdatesFrom;

		final LongSupplier person = supplier("person");

		final LongSupplier caseFile = supplier("case_file");

		final LongSupplier update = supplier("case_update");

		final LongSupplier message = supplier("inbound_message");

		final LongSupplier attachment = supplier("attachment");

		static Ids next(Connection connection) throws SQLException {
			var ids = new Ids();
			try (var statement = connection.createStatement()) {
				for (var table : TABLES) {
					try (var max = statement.executeQuery("select coalesce(max(id), 0) + 1 from " + table)) {
						max.next();
						ids.next.put(table, new long[] { max.getLong(1) });
					}
				}
			}
			ids.caseUpdatesFrom = ids.next.get("case_update")[0];
			return ids;
		}

		/** The id the current case's update at this index takes. */
		long updateOfCase(int index) {
			return caseUpdatesFrom + index;
		}

		void caseDone(int updates) {
			caseUpdatesFrom += updates;
		}

		long after(String table) {
			return next.get(table)[0];
		}

		private LongSupplier supplier(String table) {
			return () -> next.get(table)[0]++;
		}

	}

	/** The tables a case fills, each written in multi-row statements. */
	private record Tables(MultiRowInsert cases, MultiRowInsert participants, MultiRowInsert messages,
			MultiRowInsert updates, MultiRowInsert recipients, MultiRowInsert attachments) {

		static Tables open(Connection connection) {
			return new Tables(
					new MultiRowInsert(connection, "case_file", "id", "number", "title", "status", "case_manager_id",
							"created_at"),
					new MultiRowInsert(connection, "case_participant", "case_id", "person_id", "role"),
					new MultiRowInsert(connection, "inbound_message", "id", "raw_key", "raw_sha256", "raw_size",
							"message_id", "sender", "subject", "source", "received_at", "disposition", "reason",
							"attempts", "case_id", "update_id", "processed_at", "auth_spf", "auth_dkim", "auth_dmarc"),
					new MultiRowInsert(connection, "case_update", "id", "case_id", "author_id", "body", "source",
							"posted_at", "trimmed_text", "inbound_message_id"),
					new MultiRowInsert(connection, "update_recipient", "update_id", "person_id"),
					new MultiRowInsert(connection, "attachment", "id", "update_id", "filename", "content_type",
							"size_bytes", "sha256", "storage_key"));
		}

		/** Parents before children, as the foreign keys want. */
		void flush() throws SQLException {
			for (var table : List.of(cases, participants, messages, updates, recipients, attachments)) {
				table.flush();
			}
		}

		void close() throws SQLException {
			for (var table : List.of(cases, participants, messages, updates, recipients, attachments)) {
				table.close();
			}
		}

	}

	/**
	 * One stored sample email per outcome and one stored sample file, which the seeded
	 * rows share.
	 */
	private record Samples(Map<String, StoredEmail> emails, StoredFile file) {

		static Samples store(CaseUpdateService updates, InboundLog inbox) throws IOException {
			var emails = new HashMap<String, StoredEmail>();
			for (var disposition : List.of("POSTED", "CATCH_ALL", "IGNORED", "REJECTED", "FAILED")) {
				emails.put(disposition, inbox.storeWithoutRecord(Words.sampleEmail(disposition)));
			}
			var file = updates.storeWithoutUpdate(new ByteArrayInputStream(Words.samplePdf()));
			return new Samples(emails, file);
		}

		StoredEmail email(String disposition) {
			return emails.get(disposition);
		}

	}

}
