package io.casepost.inbound;

import java.util.List;

import io.casepost.cases.CaseUpdate;
import io.casepost.cases.Cases;
import io.casepost.cases.NotFound;
import io.casepost.cases.People;
import io.casepost.cases.Person;
import io.casepost.cases.Role;
import io.casepost.inbound.inbox.Inbox;
import io.casepost.inbound.mime.UnreadableEmailException;
import io.casepost.inbound.pipeline.InboundPipeline;
import io.casepost.shared.Page;
import io.casepost.shared.PageRequest;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Inbound Messages queue: what was not posted waits here for an admin or the case's
 * manager, who posts it as someone, makes its sender an alias and posts it, or dismisses
 * it. Every action is recorded with who took it.
 */
@Service
public class InboundTriage {

	private final Inbox inbox;

	private final InboundPipeline pipeline;

	private final People people;

	private final Cases cases;

	InboundTriage(Inbox inbox, InboundPipeline pipeline, People people, Cases cases) {
		this.inbox = inbox;
		this.pipeline = pipeline;
		this.people = people;
		this.cases = cases;
	}

	/**
	 * What this person may decide on, newest first: everything for an admin, their own
	 * cases' messages for a case manager, nothing for anyone else.
	 */
	public Page<InboundMessage> queueFor(Person viewer, PageRequest page) {
		if (viewer.isAdmin()) {
			return inbox.awaitingDecision(null, page);
		}
		return viewer.role() == Role.CASE_MANAGER ? inbox.awaitingDecision(viewer.id(), page)
				: new Page<>(List.of(), null);
	}

	@Transactional
	public CaseUpdate postAs(long messageId, long caseId, long personId, Person actor) {
		var message = awaiting(messageId, actor, caseId);
		var author = onTheCase(message, caseId, personId);
		var update = post(message, caseId, author,
				"Approved by %s from the Inbound Messages queue.".formatted(actor.name()));
		inbox.recordAction(messageId, "POST", actor.id(), "posted as " + author.email() + " to case " + caseId);
		return update;
	}

	/**
	 * Makes the sender a verified alias of the person, then posts; later replies from
	 * that address post directly.
	 */
	@Transactional
	public CaseUpdate addAliasAndPost(long messageId, long caseId, long personId, Person actor) {
		var message = awaiting(messageId, actor, caseId);
		if (message.from() == null) {
			throw new IllegalArgumentException("The message has no sender address to add as an alias");
		}
		var author = onTheCase(message, caseId, personId);
		people.addAlias(personId, message.from(), true, actor.id(), messageId);
		var update = post(message, caseId, author, "Approved by %s, who added %s as an address of %s."
			.formatted(actor.name(), message.from(), author.name()));
		inbox.recordAction(messageId, "ALIAS_AND_POST", actor.id(),
				message.from() + " added as alias of " + author.email());
		return update;
	}

	@Transactional
	public void dismiss(long messageId, Person actor) {
		var message = awaiting(messageId, actor, message(messageId).caseId());
		inbox.settle(messageId, Disposition.IGNORED,
				"Dismissed by " + actor.name() + " (was " + message.disposition() + ": " + message.reason() + ")",
				message.caseId(), null);
		inbox.recordAction(messageId, "DISMISS", actor.id(), null);
	}

	/**
	 * Only someone on the case is posted as or given the sender's address: a message that
	 * matched a case goes to that case, and nobody else's name or address is lent to it.
	 */
	private Person onTheCase(InboundMessage message, long caseId, long personId) {
		var caseFile = cases.get(caseId);
		if (message.caseId() != null && message.caseId() != caseId) {
			throw new IllegalArgumentException("Message #%d refers to case %s; it is posted there or dismissed"
				.formatted(message.id(), cases.get(message.caseId()).number()));
		}
		var person = people.get(personId);
		if (!caseFile.hasParticipant(person)) {
			throw new IllegalArgumentException(
					person.name() + " is not on case " + caseFile.number() + ": only someone on it is posted as");
		}
		return person;
	}

	private CaseUpdate post(InboundMessage message, long caseId, Person author, String approval) {
		try {
			return pipeline.postApproved(inbox.stored(message.id()), caseId, author.id(), approval);
		}
		catch (UnreadableEmailException unreadable) {
			throw new IllegalArgumentException(
					"This email cannot be read, so it cannot be posted: " + unreadable.reason());
		}
	}

	/**
	 * The message, its row locked until the decision commits, as the pipeline locks it:
	 * of two people deciding at once, the second waits for the first and is told what
	 * became of the message.
	 */
	private InboundMessage awaiting(long messageId, Person actor, Long caseId) {
		var message = message(messageId);
		if (!mayDecide(actor, message) || (caseId != null && !managesCase(actor, caseId))) {
			throw new AccessDeniedException("Only an admin or the case's manager may decide on message #" + messageId);
		}
		if (!lock(messageId)) {
			throw AlreadyDecided.of(message(messageId));
		}
		return message(messageId);
	}

	private boolean lock(long messageId) {
		try {
			return inbox.lockIfAwaitingDecision(messageId);
		}
		catch (PessimisticLockingFailureException stillDeciding) {
			throw AlreadyDecided.inProgress(messageId);
		}
	}

	private InboundMessage message(long messageId) {
		return inbox.find(messageId).orElseThrow(() -> new NotFound("No inbound message with id " + messageId));
	}

	private boolean mayDecide(Person viewer, InboundMessage message) {
		return viewer.isAdmin() || (message.caseId() != null && managesCase(viewer, message.caseId()));
	}

	private boolean managesCase(Person person, long caseId) {
		return person.isAdmin()
				|| (person.role() == Role.CASE_MANAGER && cases.get(caseId).caseManager().id() == person.id());
	}

}
