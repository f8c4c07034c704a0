package io.casepost.setup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rows for one table written {@value #ROWS_PER_STATEMENT} at a time in one
 * {@code insert ... values (...), (...)} statement: on PostgreSQL and H2 alike, near the
 * speed of a bulk load and far from one round trip per row.
 */
final class MultiRowInsert implements AutoCloseable {

	static final int ROWS_PER_STATEMENT = 500;

	private final Connection connection;

	private final String table;

	private final String columns;

	private final int width;

	private final List<Object[]> pending = new ArrayList<>();

	private PreparedStatement full;

	private long written;

	MultiRowInsert(Connection connection, String table, String... columns) {
		this.connection = connection;
		this.table = table;
		this.columns = String.join(", ", columns);
		this.width = columns.length;
	}

	/**
	 * Keeps the row until {@link #flush()}, so that the caller decides the order in which
	 * tables are written (parents before children).
	 */
	void add(Object... values) {
		if (values.length != width) {
			throw new IllegalArgumentException(table + " takes " + width + " values, not " + values.length);
		}
		pending.add(values);
	}

	/** Writes every row added, so that the caller's commit holds them. */
	void flush() throws SQLException {
		for (var from = 0; from < pending.size(); from += ROWS_PER_STATEMENT) {
			var rows = pending.subList(from, Math.min(pending.size(), from + ROWS_PER_STATEMENT));
			if (rows.size() == ROWS_PER_STATEMENT) {
				if (full == null) {
					full = connection.prepareStatement(sql(ROWS_PER_STATEMENT));
				}
				write(full, rows);
			}
			else {
				try (var last = connection.prepareStatement(sql(rows.size()))) {
					write(last, rows);
				}
			}
		}
		pending.clear();
	}

	long written() {
		return written;
	}

	private void write(PreparedStatement statement, List<Object[]> rows) throws SQLException {
		var index = 1;
		for (var row : rows) {
			for (var value : row) {
				statement.setObject(index++, value);
			}
		}
		statement.executeUpdate();
		written += rows.size();
	}

	private String sql(int rows) {
		var row = "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
		return "insert into " + table + " (" + columns + ") values "
				+ String.join(", ", Collections.nCopies(rows, row));
	}

	@Override
	public void close() throws SQLException {
		if (full != null) {
			full.close();
		}
	}

}
