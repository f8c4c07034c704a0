package io.casepost.cases;

import java.time.Instant;

/**
 * One line of a case's history: a change to its team or its status, who made it and when.
 *
 * @param person who was put on or taken off the case; null for a change of status
 */
public record CaseChange(long id, Kind kind, Person person, Person actor, Instant at) {

	public enum Kind {

		ADDED, REMOVED, CLOSED, REOPENED

	}

	/** What happened, in words, without who and when. */
	public String description() {
		return switch (kind) {
			case ADDED -> "put " + person.name() + " (" + roleName(person) + ") on the case";
			case REMOVED -> "took " + person.name() + " (" + roleName(person) + ") off the case";
			case CLOSED -> "closed the case";
			case REOPENED -> "reopened the case";
		};
	}

	private static String roleName(Person person) {
		return person.role().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
	}

}
