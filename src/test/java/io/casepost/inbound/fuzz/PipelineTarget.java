package io.casepost.inbound.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.casepost.TestApi;
import io.casepost.inbound.Disposition;
import io.casepost.inbound.InboundLog;
import io.casepost.inbound.inbox.Inbox;
import io.casepost.inbound.inbox.RawContent;
import io.casepost.inbound.pipeline.InboundPipeline;
import io.casepost.outbound.RecipientLog;
import org.awaitility.Awaitility;

import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbound pipeline below the mail server as one function: raw bytes in, the recorded
 * outcome out. Messages name the reply address {@code updates+TOKEN@...} and the sender
 * {@code chris@client.example}; both are swapped for a live reply token and the client it
 * was sent to, so that mutated replies reach matching, authorization, extraction and
 * posting rather than stopping at "no matching case update". The pipeline is called
 * directly, not through the batch that would record an exception as a failed attempt, so
 * that anything thrown is a finding.
 */
public final class PipelineTarget {

	public record Outcome(Disposition disposition, String reason) {

		/**
		 * A recorded outcome with its reason; a reply over the rate limit stays PENDING,
		 * held with one.
		 */
		public boolean recorded() {
			return disposition != null && reason != null && !reason.isBlank()
					&& (disposition != Disposition.PENDING || reason.startsWith("Held: "));
		}
	}

	private final Inbox inbox;

	private final InboundPipeline pipeline;

	private final InboundLog log;

	private final TransactionTemplate transactions;

	private final String token;

	private final String client;

	private PipelineTarget(ApplicationContext context, String token, String client) {
		this.inbox = context.getBean(Inbox.class);
		this.pipeline = context.getBean(InboundPipeline.class);
		this.log = context.getBean(InboundLog.class);
		this.transactions = context.getBean(TransactionTemplate.class);
		this.token = token;
		this.client = client;
	}

	/**
	 * A fresh case whose manager emailed an update to the client, with email replies
	 * switched on.
	 */
	public static PipelineTarget onFreshCase(ApplicationContext context, int port) {
		var admin = TestApi.asAdmin(port);
		admin
			.put("/api/settings/general-case",
					Map.of("emailUpdateRepliesEnabled", true, "inboundCatchAllAddress", "catch-all@agency.example"))
			.ok(200);
		var caseFile = admin.openCase();
		var update = admin.as(caseFile.managerEmail(), "pw-" + caseFile.managerEmail())
			.post(caseFile.updatesPath(),
					Map.of("body", "Photos of the loading bay, please.", "recipientEmails",
							List.of(caseFile.clientEmail())))
			.ok(201)
			.json();
		var updateId = ((Number) update.get("id")).longValue();
		var recipients = context.getBean(RecipientLog.class);
		var entry = Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> recipients.ofUpdate(updateId), entries -> !entries.isEmpty())
			.get(0);
		return new PipelineTarget(context, entry.replyToken(), caseFile.clientEmail());
	}

	public Outcome deliver(byte[] raw) {
		var message = new String(raw, StandardCharsets.ISO_8859_1).replace("TOKEN", token)
			.replace("chris@client.example", client)
			.getBytes(StandardCharsets.ISO_8859_1);
		long id;
		try {
			id = inbox.store(RawContent.of(new ByteArrayInputStream(message)), "FUZZ", null);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		var disposition = transactions.execute(status -> pipeline.process(inbox.stored(id)));
		return new Outcome(disposition, log.find(id).orElseThrow().reason());
	}

}
