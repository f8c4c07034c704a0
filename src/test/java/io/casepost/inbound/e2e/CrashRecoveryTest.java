package io.casepost.inbound.e2e;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.casepost.inbound.Disposition;
import io.casepost.inbound.InboundBatches;
import io.casepost.inbound.inbox.Inbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;

/**
 * Processing stopped dead at the worst moments, as a killed process stops: an Error that
 * nothing in the product catches, thrown from the inbox at the chosen step. After the
 * restart (the leases a dead worker held have run out, and a new batch runs) every reply
 * is posted exactly once and none is lost. One worker: the kill points count the steps in
 * order (the crash tests in {@code resilience} kill parallel workers).
 */
@TestPropertySource(properties = "casepost.inbound.workers=1")
class CrashRecoveryTest extends EndToEndTest {

	private static final List<String> TEMPLATES = List.of("gmail-en-top", "outlook-de-top", "ios-fr", "thunderbird-nl",
			"gmail-it", "yahoo-es");

	@Autowired
	Inbox inbox;

	@Autowired
	InboundBatches batches;

	@Autowired
	JdbcClient jdbc;

	InboundReplies replies;

	UpdateThread thread;

	final List<String> messageIds = new ArrayList<>();

	@BeforeEach
	void sendSixReplies() {
		replies = inbound();
		thread = replies.startThread(InboundReplies.UPDATE_TEXT);
		for (var name : TEMPLATES) {
			messageIds.add(replies.send(ReplyTemplate.load(name), thread.client()));
		}
	}

	@Test
	void killedBetweenStoringAChunkAndMarkingItProcessedOnTheServerEachIsPostedOnceAfterRestart() throws Exception {
		doAnswer(call -> {
			call.callRealMethod();
			throw new Killed("after the chunk of 6 messages was stored, before it was marked processed on the server");
		}).when(inbox).store(anyList());

		assertThatThrownBy(batches::run).isInstanceOf(Killed.class);

		restart();
		assertEveryReplyPostedOnce();
	}

	@Test
	void killedRightAfterAPostCommittedTheOthersArePostedOnceAfterRestart() {
		var claimed = new AtomicInteger();
		doAnswer(call -> {
			if (claimed.get() == 2) {
				throw new Killed("after 2 replies were posted and committed");
			}
			// the worker starts with the fetch and may look before the chunk is stored
			var next = (Optional<?>) call.callRealMethod();
			next.ifPresent(message -> claimed.incrementAndGet());
			return next;
		}).when(inbox).claimNext(any());

		assertThatThrownBy(batches::run).isInstanceOf(Killed.class);
		assertThat(posted()).hasSize(2);

		restart();
		assertEveryReplyPostedOnce();
	}

	@Test
	void killedInsideThePostBeforeItsOutcomeCommittedTheReplyIsPostedOnceAfterRestart() {
		var posts = new AtomicInteger();
		doAnswer(call -> {
			if (posts.incrementAndGet() == 2) {
				throw new Killed("after the second update was written, before its outcome was recorded");
			}
			return call.callRealMethod();
		}).when(inbox).settle(anyLong(), eq(Disposition.POSTED), any(), any(), any());

		assertThatThrownBy(batches::run).isInstanceOf(Killed.class);
		assertThat(posted()).as("the update of the killed transaction was rolled back").hasSize(1);

		restart();
		assertEveryReplyPostedOnce();
	}

	/**
	 * Ten minutes on, the batch lease and message claims of the dead worker have run out;
	 * a new batch runs.
	 */
	private void restart() {
		org.mockito.Mockito.reset(inbox);
		var expired = OffsetDateTime.now().minusSeconds(1);
		jdbc.sql("update inbound_message set claimed_until = ? where claimed_until is not null")
			.param(expired)
			.update();
		jdbc.sql("update batch_lease set lease_until = ? where holder is not null").param(expired).update();
		replies.runBatch();
		assertThat(replies.runBatch().get("fetched")).as("a second batch finds nothing left on the server")
			.isEqualTo(0);
	}

	private void assertEveryReplyPostedOnce() {
		var outcomes = replies.outcomes(thread.caseId());
		for (var messageId : messageIds) {
			assertThat(outcomes.logged(messageId)).as("inbound log of %s", messageId)
				.extracting(entry -> entry.get("disposition"))
				.containsExactly("POSTED");
		}
		assertThat(posted()).as("posted texts")
			.containsExactlyInAnyOrderElementsOf(
					TEMPLATES.stream().map(name -> ReplyTemplate.load(name).expected().text()).toList());
		assertThat(inbox.count(Disposition.PENDING)).as("messages still pending").isZero();
	}

	private List<Object> posted() {
		return replies.updates(thread.caseId())
			.stream()
			.filter(update -> "EMAIL".equals(update.get("source")))
			.map(update -> update.get("body"))
			.toList();
	}

	/**
	 * Stands for the process being killed: an Error, which the batch does not catch as it
	 * catches a failed message.
	 */
	static final class Killed extends Error {

		Killed(String when) {
			super("Killed " + when);
		}

	}

}
