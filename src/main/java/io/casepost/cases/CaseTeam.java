package io.casepost.cases;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who is on a case and whether it is open, changed only by the case's manager or an
 * admin; every change is a line of the case's history.
 */
@Service
public class CaseTeam {

	private static final String CHANGE_COLUMNS = """
			select h.id, h.kind, h.changed_at,
			       p.id as p_id, p.name as p_name, p.email as p_email, p.role as p_role, p.active as p_active,
			       a.id, a.name, a.email, a.role, a.active
			from case_change h join person a on a.id = h.actor_id left join person p on p.id = h.person_id""";

	private final JdbcClient jdbc;

	private final Cases cases;

	private final People people;

	CaseTeam(JdbcClient jdbc, Cases cases, People people) {
		this.jdbc = jdbc;
		this.cases = cases;
		this.people = people;
	}

	/**
	 * Puts an active investigator or client on the case; someone already on it is left as
	 * they are, and no line is written.
	 */
	@Transactional
	public CaseFile add(long caseId, String email, Person actor) {
		var caseFile = managed(caseId, actor);
		var person = people.findByEmail(email)
			.orElseThrow(() -> new IllegalArgumentException("email: no person with email " + email));
		if (!person.active()) {
			throw new IllegalArgumentException("email: " + person.email() + " is deactivated");
		}
		if (caseFile.hasParticipant(person)) {
			return caseFile;
		}
		cases.addParticipant(caseId, person.email());
		record(caseId, CaseChange.Kind.ADDED, person, actor);
		return cases.get(caseId);
	}

	/**
	 * Takes an investigator or a client off the case: they no longer see it, are no
	 * longer offered as a recipient, and their replies to its earlier emails are refused.
	 * Their updates stay.
	 */
	@Transactional
	public CaseFile remove(long caseId, long personId, Person actor) {
		var caseFile = managed(caseId, actor);
		var removed = jdbc.sql("delete from case_participant where case_id = ? and person_id = ?")
			.params(caseId, personId)
			.update();
		if (removed == 0) {
			throw new NotFound("Person " + personId + " is not an investigator or client of case " + caseFile.number());
		}
		record(caseId, CaseChange.Kind.REMOVED, people.get(personId), actor);
		return cases.get(caseId);
	}

	/**
	 * A closed case takes no updates, by any path; reopened, it takes them again. Setting
	 * the status it has writes no line.
	 */
	@Transactional
	public CaseFile setStatus(long caseId, CaseStatus status, Person actor) {
		if (status == null) {
			throw new IllegalArgumentException("status is required: one of OPEN, CLOSED");
		}
		var caseFile = managed(caseId, actor);
		if (caseFile.status() == status) {
			return caseFile;
		}
		jdbc.sql("update case_file set status = ? where id = ?").params(status.name(), caseId).update();
		record(caseId, status == CaseStatus.CLOSED ? CaseChange.Kind.CLOSED : CaseChange.Kind.REOPENED, null, actor);
		return cases.get(caseId);
	}

	/** Oldest first. */
	public List<CaseChange> history(long caseId) {
		return jdbc.sql(CHANGE_COLUMNS + " where h.case_id = ? order by h.id")
			.param(caseId)
			.query((rs, n) -> new CaseChange(rs.getLong(1), CaseChange.Kind.valueOf(rs.getString(2)),
					rs.getObject("p_id") == null ? null
							: new Person(rs.getLong("p_id"), rs.getString("p_name"), rs.getString("p_email"),
									Role.valueOf(rs.getString("p_role")), rs.getBoolean("p_active")),
					new Person(rs.getLong(9), rs.getString(10), rs.getString(11), Role.valueOf(rs.getString(12)),
							rs.getBoolean(13)),
					rs.getTimestamp(3).toInstant()))
			.list();
	}

	/**
	 * The case, if the actor manages it; one who may not even see it is told it does not
	 * exist, as for a case that does not.
	 */
	private CaseFile managed(long caseId, Person actor) {
		var caseFile = cases.get(caseId);
		if (!caseFile.isVisibleTo(actor)) {
			throw new NotFound("No case with id " + caseId);
		}
		if (!caseFile.isManagedBy(actor)) {
			throw new AccessDeniedException(
					"Only the manager of case " + caseFile.number() + " or an admin changes its team and status");
		}
		return caseFile;
	}

	private void record(long caseId, CaseChange.Kind kind, Person person, Person actor) {
		jdbc.sql("insert into case_change (case_id, kind, person_id, actor_id, changed_at) values (?, ?, ?, ?, ?)")
			.params(caseId, kind.name(), person == null ? null : person.id(), actor.id(), OffsetDateTime.now())
			.update();
	}

}
