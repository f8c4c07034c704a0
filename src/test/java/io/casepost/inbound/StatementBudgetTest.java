package io.casepost.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.casepost.CasepostTest;
import io.casepost.EmailedReplies;
import io.casepost.SentUpdate;
import io.casepost.StatementCounter;
import io.casepost.inbound.inbox.Inbox;
import io.casepost.inbound.inbox.RawContent;
import io.casepost.inbound.source.ImapSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * What one reply costs the database: the SQL statements run inside the transaction that
 * decides on it (claim, checks, post, outcome), counted through a counting DataSource as
 * the batch really runs them. A posted reply stays within 12, with or without a file;
 * forwarded and ignored mail within fewer. Storing a fetched chunk, whatever its size, is
 * one transaction.
 */
@CasepostTest
@Import(StatementCounter.class)
class StatementBudgetTest {

	static final int POSTED_BUDGET = 12;

	@Autowired
	Environment environment;

	@Autowired
	Inbox inbox;

	@Autowired
	InboundBatches batches;

	@Autowired
	StatementCounter statements;

	@Autowired
	ImapSource imap;

	EmailedReplies replies;

	SentUpdate sent;

	@BeforeEach
	void anUpdateWasEmailedToTheClient() throws Exception {
		replies = EmailedReplies.of(environment);
		sent = SentUpdate.toClient(replies.admin(), replies.mailboxes());
	}

	@Test
	void storingAFetchedChunkOfTwentyRepliesRunsOneTransaction() throws Exception {
		var inboundMailbox = environment.getRequiredProperty("casepost.inbound.imap.username");
		var waiting = replies.mailboxes().read(inboundMailbox).size();
		for (var i = 0; i < 20; i++) {
			replies.send(sent.reply("Reply number " + i + " of the chunk."));
		}
		replies.mailboxes().await(inboundMailbox, waiting + 20);

		var fetched = new int[1];
		var transactions = statements.transactionsDuring(() -> fetched[0] = imap.fetch(() -> true, () -> {
		}));

		assertThat(fetched[0]).as("messages fetched, all in one chunk").isBetween(20, 100);
		var storing = transactions.stream()
			.filter(statements -> statements.stream().anyMatch(sql -> sql.startsWith("insert into inbound_message")))
			.toList();
		assertThat(storing).as("transactions that stored the chunk").hasSize(1);
		assertThat(storing.get(0)).as("one batch of inserts, then the ids in one query").hasSize(2);
		assertThat(transactions).as("the chunk's known-reference check, then its one transaction")
			.hasSizeLessThanOrEqualTo(2);
	}

	@Test
	void aPostedReplyRunsAtMostTwelveStatementsInItsTransaction() throws Exception {
		var statements = decide(sent.reply("Tuesday at ten works."));

		assertThat(statements).as("the transaction that posted it")
			.anyMatch(sql -> sql.contains("insert into case_update"));
		assertThat(statements).hasSizeLessThanOrEqualTo(POSTED_BUDGET);
	}

	@Test
	void aPostedReplyIsEmailedToNobodySoOnlyTheCaseManagersNotifierIsRecordedToRun() throws Exception {
		var statements = decide(sent.reply("Friday suits me too."));

		assertThat(statements).as("one event publication: the update mailer's condition leaves it out")
			.filteredOn(sql -> sql.startsWith("insert into event_publication"))
			.hasSize(1);
	}

	@Test
	void theCaseManagersNotificationOfAPostedReplyReadsItAndItsCaseInTwoStatements() throws Exception {
		replies.admin()
			.put("/api/settings/general-case", java.util.Map.of("notifyCaseManagerOnNewUpdate", true))
			.ok(200);
		var manager = sent.caseFile().managerEmail();
		inbox.store(RawContent.of(new java.io.ByteArrayInputStream(withPdf(sent.reply("Form attached.")))), "SMTP",
				null);

		var transactions = statements.transactionsDuring(() -> {
			batches.processStored(done -> {
			});
			replies.mailboxes().await(manager, 1);
		});

		var notifying = transactions.stream()
			.filter(statements -> statements.stream()
				.anyMatch(sql -> sql.contains("from case_update u join case_file c")))
			.toList();
		assertThat(notifying).as("the notifier's transaction").hasSize(1);
		System.out.printf("Statements of the notifier's transaction: %s%n", String.join("\n  ", notifying.get(0)));
		assertThat(notifying.get(0)).as("reads of the case, the update and its files")
			.filteredOn(sql -> sql.startsWith("select"))
			.hasSize(2);
	}

	@Test
	void aPostedReplyWithAFileRunsAtMostTwelveStatementsInItsTransaction() throws Exception {
		var statements = decide(withPdf(sent.reply("The signed form is attached.")));

		assertThat(statements).anyMatch(sql -> sql.contains("insert into attachment"));
		assertThat(statements).hasSizeLessThanOrEqualTo(POSTED_BUDGET);
	}

	@Test
	void aForwardedReplyRunsFewerStatementsThanAPostedOne() throws Exception {
		var statements = decide(sent.replyFrom("stranger@elsewhere.example", "Let me in."));

		assertThat(statements).noneMatch(sql -> sql.contains("insert into case_update"));
		assertThat(statements).hasSizeLessThan(POSTED_BUDGET);
	}

	@Test
	void anIgnoredAutoReplyRunsFewerStatementsThanAPostedOne() throws Exception {
		var autoReply = new String(sent.reply("I am out of the office."), StandardCharsets.UTF_8).replaceFirst("\r\n",
				"\r\nAuto-Submitted: auto-replied\r\n");

		var statements = decide(autoReply.getBytes(StandardCharsets.UTF_8));

		assertThat(statements).hasSizeLessThan(POSTED_BUDGET);
	}

	/**
	 * Stores the message and runs the workers on it; answers the statements of the
	 * transaction that recorded its outcome.
	 */
	private List<String> decide(byte[] raw) throws Exception {
		var id = inbox.store(RawContent.of(new java.io.ByteArrayInputStream(raw)), "SMTP", null);
		var transactions = statements.transactionsDuring(() -> batches.processStored(done -> {
		}));
		assertThat(inbox.find(id).orElseThrow().disposition()).isNotEqualTo(Disposition.PENDING);
		var decided = transactions.stream()
			.filter(statements -> statements.stream()
				.anyMatch(sql -> sql.startsWith("update inbound_message set disposition")))
			.toList();
		assertThat(decided).as("one transaction recorded the outcome").hasSize(1);
		System.out.printf("Statements deciding inbound message %d (%s): %d%n  %s%n", id,
				inbox.find(id).orElseThrow().disposition(), decided.get(0).size(), String.join("\n  ", decided.get(0)));
		return decided.get(0);
	}

	private static byte[] withPdf(byte[] plainReply) {
		var reply = new String(plainReply, StandardCharsets.UTF_8);
		var split = reply.indexOf("\r\n\r\n");
		var headers = reply.substring(0, split)
			.replace("Content-Type: text/plain; charset=UTF-8", "Content-Type: multipart/mixed; boundary=\"b\"");
		var pdf = Base64.getMimeEncoder()
			.encodeToString("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
		return (headers + "\r\n\r\n--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + reply.substring(split + 4)
				+ "\r\n--b\r\nContent-Type: application/pdf; name=\"form.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
				+ pdf + "\r\n--b--\r\n")
			.getBytes(StandardCharsets.UTF_8);
	}

}
