package io.casepost.cases;

import java.util.List;
import java.util.stream.Stream;

/** A case with the people on it. */
public record CaseFile(long id, String number, String title, CaseStatus status, Person caseManager,
		List<Person> investigators, List<Person> clients) {

	public List<Person> participants() {
		return Stream.of(List.of(caseManager), investigators, clients).flatMap(List::stream).distinct().toList();
	}

	public boolean hasParticipant(Person person) {
		return participants().stream().anyMatch(p -> p.id() == person.id());
	}

	/** Its manager or an admin changes its team and status. */
	public boolean isManagedBy(Person person) {
		return person.isAdmin() || caseManager.id() == person.id();
	}

	/**
	 * Admins and case managers see every case; investigators and clients only the cases
	 * they are on.
	 */
	public boolean isVisibleTo(Person person) {
		return person.role() == Role.ADMIN || person.role() == Role.CASE_MANAGER || hasParticipant(person);
	}
}
