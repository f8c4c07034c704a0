package io.casepost;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Modulith's event table is made by Flyway, under the lock Flyway holds while it
 * migrates, and not by Modulith's own initializer: two instances starting at once on an
 * empty PostgreSQL database both ran that initializer's CREATE TABLE, and one of them
 * failed to start.
 */
@Tag("database")
class EventPublicationSchemaTest {

	/**
	 * Where databases made before this change stand: Modulith's initializer had made the
	 * table.
	 */
	private static final MigrationVersion BEFORE_EVENT_TABLE_MIGRATION = MigrationVersion.fromVersion("20261203.0701");

	private static final String VENDOR = TestDatabase.isPostgres() ? "postgresql" : "h2";

	@Test
	void flywayAloneMakesModulithsEventTableAsModulithWouldMakeIt() throws SQLException, IOException {
		var migrated = TestDatabase.freshDatabase();
		migrate(migrated, MigrationVersion.LATEST);
		var modulith = TestDatabase.freshDatabase();
		runModulithSchema(modulith);

		assertThat(eventTableColumns(migrated)).isNotEmpty().isEqualTo(eventTableColumns(modulith));
	}

	@Test
	void aDatabaseWhereModulithMadeTheTableMigratesAndKeepsItsEvents() throws SQLException, IOException {
		var database = TestDatabase.freshDatabase();
		migrate(database, BEFORE_EVENT_TABLE_MIGRATION);
		runModulithSchema(database);
		try (var db = connect(database)) {
			db.createStatement()
				.execute(
						"insert into event_publication (id, listener_id, event_type, serialized_event, publication_date)"
								+ " values ('6a1c0f8e-3b1d-4d2a-9c55-0f1e2d3c4b5a', 'listener', 'type', '{}', current_timestamp)");
		}

		migrate(database, MigrationVersion.LATEST);

		try (var db = connect(database);
				var count = db.createStatement().executeQuery("select count(*) from event_publication")) {
			count.next();
			assertThat(count.getInt(1)).isEqualTo(1);
		}
	}

	/** With the locations the application migrates from, its vendor's filled in. */
	private static void migrate(String[] database, MigrationVersion target) throws IOException {
		var locations = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application.properties"))
			.getProperty("spring.flyway.locations")
			.replace("{vendor}", VENDOR)
			.split(",");
		Flyway.configure()
			.dataSource(database[0], database[1], "")
			.locations(locations)
			.target(target)
			.load()
			.migrate();
	}

	private static void runModulithSchema(String[] database) throws SQLException {
		try (var db = connect(database)) {
			ScriptUtils.executeSqlScript(db, new ClassPathResource(
					"org/springframework/modulith/events/jdbc/schemas/v2/schema-" + VENDOR + ".sql"));
		}
	}

	/** Name, type and nullability of each of the table's columns, in name order. */
	private static List<String> eventTableColumns(String[] database) throws SQLException {
		var columns = new ArrayList<String>();
		try (var db = connect(database);
				var rows = db.createStatement()
					.executeQuery("select column_name, data_type, is_nullable from information_schema.columns"
							+ " where lower(table_name) = 'event_publication' order by lower(column_name)")) {
			while (rows.next()) {
				columns.add(
						rows.getString(1).toLowerCase(Locale.ROOT) + " " + rows.getString(2) + " " + rows.getString(3));
			}
		}
		return columns;
	}

	private static Connection connect(String[] database) throws SQLException {
		return DriverManager.getConnection(database[0], database[1], "");
	}

}
