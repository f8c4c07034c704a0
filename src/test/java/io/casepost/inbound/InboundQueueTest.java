package io.casepost.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;

import io.casepost.CasepostTest;
import io.casepost.EmailedReplies;
import io.casepost.TestApi;
import io.casepost.TestEnvironment;
import io.casepost.TestApi.TestCase;
import io.casepost.cases.CaseUpdate;
import io.casepost.cases.CaseUpdateService;
import io.casepost.cases.People;
import io.casepost.cases.Person;
import io.casepost.cases.UpdateSource;
import io.casepost.shared.PageRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.security.access.AccessDeniedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Each decision of the Inbound Messages queue on a reply that really came in: sent over
 * SMTP from an address nobody was sent the update at, read by the batch over IMAP,
 * forwarded to the catch-all, then decided by the case manager.
 */
@CasepostTest
class InboundQueueTest {

	@Autowired
	Environment environment;

	@Autowired
	InboundTriage triage;

	@Autowired
	InboundLog log;

	@Autowired
	People people;

	@Autowired
	CaseUpdateService updates;

	TestApi admin;

	EmailedReplies replies;

	TestCase caseFile;

	Person manager;

	Person client;

	String privateAddress;

	@BeforeEach
	void aReplyFromTheClientsPrivateAddressWaitsInTheQueue() {
		replies = EmailedReplies.of(environment);
		admin = replies.admin();
		admin.put("/api/settings/general-case", Map.of("notifyCaseManagerOnNewUpdate", true)).ok(200);
		caseFile = admin.openCase();
		manager = people.findByEmail(caseFile.managerEmail()).orElseThrow();
		client = people.findByEmail(caseFile.clientEmail()).orElseThrow();
		privateAddress = "home-" + client.email();
		replies.reply(privateAddress, replies.updateToClient(caseFile, "Where were you on the 3rd?"), "At my sister's.",
				List.of());
		replies.runBatch();
	}

	@AfterEach
	void repliesOff() {
		replies.repliesOff();
	}

	@Test
	void theReplyWasForwardedToTheCatchAllAndWaitsInTheCaseManagersQueue() {
		var waiting = waiting();

		assertThat(waiting.disposition()).isEqualTo(Disposition.CATCH_ALL);
		assertThat(waiting.caseId()).isEqualTo(caseFile.id());
		assertThat(triage.queueFor(manager, PageRequest.first(50)).items()).extracting(InboundMessage::id)
			.contains(waiting.id());
		assertThat(triage.queueFor(client, PageRequest.first(50)).items()).isEmpty();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(replies.mailboxes().read("catch-all@agency.example"))
				.anySatisfy(forward -> assertThat(forward.getSubject()).startsWith("[Casepost] Not posted")
					.contains(caseFile.number())));
	}

	@Test
	void postingAsTheClientPostsThroughTheOnePostingPathNotifiesTheManagerAndRecordsWhoApproved() throws Exception {
		var waiting = waiting();
		var notificationsBefore = replies.mailboxes().read(manager.email()).size();

		var update = triage.postAs(waiting.id(), caseFile.id(), client.id(), manager);

		assertPostedByEmailAsTheClient(update, waiting);
		assertThat(update.note()).contains("Approved by " + manager.name());
		assertThat(log.actions(waiting.id())).singleElement().satisfies(action -> {
			assertThat(action.action()).isEqualTo("POST");
			assertThat(action.actorEmail()).isEqualTo(manager.email());
		});
		assertThat(replies.mailboxes()
			.await(manager.email(), notificationsBefore + 1)
			.get(notificationsBefore)
			.getSubject()).contains("New update from " + client.name());
		assertThat(triage.queueFor(manager, PageRequest.first(50)).items()).extracting(InboundMessage::id)
			.doesNotContain(waiting.id());
	}

	@Test
	void addingTheSenderAsTheClientsAddressPostsAndTheNextReplyFromItPostsDirectly() throws Exception {
		var waiting = waiting();
		var notificationsBefore = replies.mailboxes().read(manager.email()).size();

		var update = triage.addAliasAndPost(waiting.id(), caseFile.id(), client.id(), manager);

		assertPostedByEmailAsTheClient(update, waiting);
		assertThat(people.findByAlias(privateAddress))
			.hasValueSatisfying(alias -> assertThat(alias.verified()).isTrue());
		assertThat(log.actions(waiting.id())).singleElement().satisfies(action -> {
			assertThat(action.action()).isEqualTo("ALIAS_AND_POST");
			assertThat(action.actorEmail()).isEqualTo(manager.email());
			assertThat(action.detail()).contains(privateAddress);
		});
		replies.mailboxes().await(manager.email(), notificationsBefore + 1);

		replies.reply(privateAddress, replies.updateToClient(caseFile, "And on the 4th?"), "At work.", List.of());
		replies.runBatch();

		var second = log.find(((Number) replies.lastFrom(privateAddress).get("id")).longValue()).orElseThrow();
		assertThat(second.disposition()).isEqualTo(Disposition.POSTED);
		assertThat(updates.get(second.updateId()).author().id()).isEqualTo(client.id());
		assertThat(updates.get(second.updateId()).body()).isEqualTo("At work.");
	}

	@Test
	void dismissingTakesItOutOfTheQueueWithoutPostingAndRecordsWho() {
		var waiting = waiting();
		var updatesBefore = updates.ofCase(caseFile.id()).size();

		triage.dismiss(waiting.id(), manager);

		assertThat(log.find(waiting.id()).orElseThrow().disposition()).isEqualTo(Disposition.IGNORED);
		assertThat(log.find(waiting.id()).orElseThrow().reason()).startsWith("Dismissed by " + manager.name());
		assertThat(updates.ofCase(caseFile.id())).hasSize(updatesBefore);
		assertThat(log.actions(waiting.id())).singleElement().satisfies(action -> {
			assertThat(action.action()).isEqualTo("DISMISS");
			assertThat(action.actorEmail()).isEqualTo(manager.email());
		});
		assertThat(triage.queueFor(manager, PageRequest.first(50)).items()).extracting(InboundMessage::id)
			.doesNotContain(waiting.id());
	}

	@Test
	void twoPeoplePostingTheSameMessageAtOncePostItOnceAndTheSecondIsToldItWasAlreadyPosted() throws Exception {
		var waiting = waiting();
		var updatesBefore = updates.ofCase(caseFile.id()).size();
		var anAdmin = people.findByEmail(TestEnvironment.ADMIN_EMAIL).orElseThrow();
		var together = new CyclicBarrier(2);
		var pool = Executors.newFixedThreadPool(2);
		try {
			var decisions = pool.invokeAll(List.<Callable<CaseUpdate>>of(() -> {
				together.await();
				return triage.postAs(waiting.id(), caseFile.id(), client.id(), manager);
			}, () -> {
				together.await();
				return triage.addAliasAndPost(waiting.id(), caseFile.id(), client.id(), anAdmin);
			}));

			var posted = new ArrayList<CaseUpdate>();
			var refused = new ArrayList<Throwable>();
			for (var decision : decisions) {
				try {
					posted.add(decision.get());
				}
				catch (ExecutionException failed) {
					refused.add(failed.getCause());
				}
			}
			assertThat(posted).hasSize(1);
			assertThat(refused).singleElement().isInstanceOf(AlreadyDecided.class);
			assertThat(refused.get(0).getMessage())
				.startsWith("Message #" + waiting.id() + " was already posted (Posted. Approved by ")
				.endsWith("); it was not posted again");
			assertThat(updates.ofCase(caseFile.id())).hasSize(updatesBefore + 1);
			assertThat(log.find(waiting.id()).orElseThrow().updateId()).isEqualTo(posted.get(0).id());
			assertThat(log.actions(waiting.id())).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aMessageDismissedMeanwhileIsNotPostedAndThePosterIsToldSo() {
		var waiting = waiting();
		triage.dismiss(waiting.id(), manager);

		assertThatThrownBy(() -> triage.postAs(waiting.id(), caseFile.id(), client.id(), manager))
			.isInstanceOf(AlreadyDecided.class)
			.hasMessageStartingWith("Message #" + waiting.id() + " is IGNORED (Dismissed by " + manager.name());
	}

	@Test
	void anotherCasesManagerMayNotDecide() {
		var otherManager = people.findByEmail(admin.openCase().managerEmail()).orElseThrow();

		assertThatThrownBy(() -> triage.postAs(waiting().id(), caseFile.id(), client.id(), otherManager))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> triage.dismiss(waiting().id(), otherManager))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(log.actions(waiting().id())).isEmpty();
	}

	@Test
	void onlySomeoneOnTheMatchedCaseIsPostedAsOrGivenTheSendersAddress() {
		var waiting = waiting();
		var anAdmin = people.findByEmail(TestEnvironment.ADMIN_EMAIL).orElseThrow();
		var otherCase = admin.openCase();
		var otherClient = people.findByEmail(otherCase.clientEmail()).orElseThrow();

		assertThatThrownBy(() -> triage.addAliasAndPost(waiting.id(), caseFile.id(), anAdmin.id(), anAdmin))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage(anAdmin.name() + " is not on case " + caseFile.number() + ": only someone on it is posted as");
		assertThatThrownBy(() -> triage.postAs(waiting.id(), caseFile.id(), otherClient.id(), anAdmin))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> triage.postAs(waiting.id(), otherCase.id(), otherClient.id(), anAdmin))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("Message #" + waiting.id() + " refers to case " + caseFile.number()
					+ "; it is posted there or dismissed");

		assertThat(people.findByAlias(privateAddress)).isEmpty();
		assertThat(log.find(waiting.id()).orElseThrow().disposition()).isEqualTo(Disposition.CATCH_ALL);
		assertThat(log.actions(waiting.id())).isEmpty();
	}

	private void assertPostedByEmailAsTheClient(CaseUpdate update, InboundMessage waiting) {
		assertThat(update.author().id()).isEqualTo(client.id());
		assertThat(update.source()).isEqualTo(UpdateSource.EMAIL);
		assertThat(update.body()).isEqualTo("At my sister's.");
		assertThat(update.trimmedText()).contains(EmailedReplies.QUOTE_HEADER);
		assertThat(update.inboundMessageId()).isEqualTo(waiting.id());
		var settled = log.find(waiting.id()).orElseThrow();
		assertThat(settled.disposition()).isEqualTo(Disposition.POSTED);
		assertThat(settled.updateId()).isEqualTo(update.id());
	}

	private InboundMessage waiting() {
		return log.find(((Number) replies.lastFrom(privateAddress).get("id")).longValue()).orElseThrow();
	}

}
