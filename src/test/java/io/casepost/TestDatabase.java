package io.casepost;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The database a test context runs on: H2 in memory by default; with
 * {@code -Dcasepost.test.database=postgresql} a fresh database on the PostgreSQL at
 * 127.0.0.1:5432, or on an embedded PostgreSQL where none runs.
 */
public final class TestDatabase {

	private static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/";

	private static EmbeddedPostgres embedded;

	private TestDatabase() {
	}

	static boolean isPostgres() {
		return "postgresql".equalsIgnoreCase(System.getProperty("casepost.test.database", "h2"));
	}

	/** A JDBC URL of an empty database of its own, with its user name. */
	static String[] freshDatabase() {
		if (!isPostgres()) {
			return new String[] { "jdbc:h2:mem:" + newName() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa" };
		}
		return freshPostgresDatabase();
	}

	/**
	 * An empty PostgreSQL database of its own, whatever the run's database: for tests
	 * that need PostgreSQL itself.
	 */
	public static String[] freshPostgresDatabase() {
		var name = newName();
		var server = server();
		try (Connection admin = DriverManager.getConnection(server[0] + "postgres", server[1], "")) {
			admin.createStatement().execute("create database " + name);
		}
		catch (SQLException e) {
			throw new IllegalStateException("Could not create test database " + name + " on " + server[0], e);
		}
		return new String[] { server[0] + name, server[1] };
	}

	private static String newName() {
		return "casepost_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
	}

	private static synchronized String[] server() {
		for (var user : new String[] { "postgres", System.getProperty("user.name") }) {
			try (var probe = DriverManager.getConnection(LOCAL_SERVER + "postgres", user, "")) {
				return new String[] { LOCAL_SERVER, user };
			}
			catch (SQLException notThere) {
				// next user, then the embedded server
			}
		}
		if (embedded == null) {
			try {
				embedded = EmbeddedPostgres.builder().start();
			}
			catch (IOException e) {
				throw new IllegalStateException("No PostgreSQL at 127.0.0.1:5432 and the embedded one did not start",
						e);
			}
		}
		return new String[] { "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/", "postgres" };
	}

}
