package io.casepost.inbound.inbox;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.casepost.CasepostTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two deliveries of one reply decided at once by two workers: the second is told which
 * message holds its fingerprint, on H2 and on PostgreSQL, rather than failing.
 */
@CasepostTest
class SecondDeliveryTest {

	@Autowired
	Inbox inbox;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void aSecondDeliveryClaimedWhileTheFirstIsUndecidedWaitsAndIsToldItIsADuplicate() throws Exception {
		var first = store();
		var second = store();
		var fingerprint = List.of("message-id:" + UUID.randomUUID());
		var transactions = new TransactionTemplate(transactionManager);
		var firstClaimed = new CountDownLatch(1);
		var secondStarted = new CountDownLatch(1);
		var pool = Executors.newFixedThreadPool(2);
		try {
			var firstWorker = pool.submit(() -> transactions.execute(status -> {
				var answer = inbox.claimFingerprints(first, fingerprint);
				firstClaimed.countDown();
				await(secondStarted);
				// the second worker's insert is now waiting for this transaction
				sleep();
				return answer;
			}));
			var secondWorker = pool.submit(() -> {
				await(firstClaimed);
				secondStarted.countDown();
				return transactions.execute(status -> {
					var answer = inbox.claimFingerprints(second, fingerprint);
					// the transaction goes on after the answer: nothing aborted it
					inbox.stored(second);
					return answer;
				});
			});

			assertThat(firstWorker.get(30, TimeUnit.SECONDS)).isEmpty();
			assertThat(secondWorker.get(30, TimeUnit.SECONDS)).contains(first);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private long store() throws Exception {
		var raw = "From: a@example.com\r\nSubject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
		return inbox.store(RawContent.of(new ByteArrayInputStream(raw)), "SMTP", null);
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(300);
		}
		catch (InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

}
