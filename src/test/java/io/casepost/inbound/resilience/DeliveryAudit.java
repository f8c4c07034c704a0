package io.casepost.inbound.resilience;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.regex.Pattern;

/**
 * What became of numbered replies, counted from the database and the mail server: each
 * reply's text carries "Reply N of run R", so an update that appears twice, or never, is
 * found by its number.
 *
 * @param postedOnce replies with exactly one update
 * @param duplicates updates beyond the first for a reply
 * @param lost replies delivered but with no update
 * @param processedNotInDatabase messages the server holds as processed whose Message-ID
 * no inbound row has
 */
record DeliveryAudit(int replies, int inboundRows, int postedOnce, int duplicates, int lost, int pending,
		int leftInInbox, int processed, int processedNotInDatabase) {

	static String text(String run, int number) {
		return "Reply " + number + " of run " + run + ": the dates are confirmed, thanks.";
	}

	/** Audits replies 0 to {@code replies} - 1 of {@code run}. */
	static DeliveryAudit of(String jdbcUrl, String user, ServerMailbox mailbox, String run, int replies) {
		var numbered = Pattern.compile("Reply (\\d+) of run " + Pattern.quote(run) + ":");
		var updates = new int[replies];
		var messageIds = new HashSet<String>();
		int inboundRows;
		int pending;
		try (var db = DriverManager.getConnection(jdbcUrl, user, "")) {
			try (var rows = db.createStatement().executeQuery("select body from case_update where source = 'EMAIL'")) {
				while (rows.next()) {
					var match = numbered.matcher(rows.getString(1));
					if (match.find()) {
						updates[Integer.parseInt(match.group(1))]++;
					}
				}
			}
			try (var rows = db.createStatement().executeQuery("select message_id, disposition from inbound_message")) {
				inboundRows = 0;
				pending = 0;
				while (rows.next()) {
					inboundRows++;
					messageIds.add(rows.getString(1));
					pending += "PENDING".equals(rows.getString(2)) ? 1 : 0;
				}
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException("Could not read " + jdbcUrl, e);
		}
		var processedIds = mailbox.messageIds("Processed");
		var notInDatabase = (int) processedIds.stream().filter(id -> !messageIds.contains(id)).count();
		var once = 0;
		var duplicates = 0;
		var lost = 0;
		for (var count : updates) {
			once += count == 1 ? 1 : 0;
			duplicates += Math.max(0, count - 1);
			lost += count == 0 ? 1 : 0;
		}
		return new DeliveryAudit(replies, inboundRows, once, duplicates, lost, pending, mailbox.count("INBOX"),
				processedIds.size(), notInDatabase);
	}

	boolean workLeft() {
		return pending > 0 || leftInInbox > 0;
	}

	@Override
	public String toString() {
		return "replies %d, inbound rows %d, posted exactly once %d, duplicates %d, lost %d, PENDING %d, left in INBOX %d, processed on server %d (not in database: %d)"
			.formatted(replies, inboundRows, postedOnce, duplicates, lost, pending, leftInInbox, processed,
					processedNotInDatabase);
	}
}
