package io.casepost.cases;

import java.time.OffsetDateTime;
import java.time.Year;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opening cases, putting people on them, and finding them again. */
@Service
public class Cases {

	private final JdbcClient jdbc;

	private final People people;

	Cases(JdbcClient jdbc, People people) {
		this.jdbc = jdbc;
		this.people = people;
	}

	@Transactional
	public CaseFile open(String title, String caseManagerEmail) {
		if (title == null || title.isBlank()) {
			throw new IllegalArgumentException("A case needs a title");
		}
		var manager = people.findByEmail(caseManagerEmail)
			.orElseThrow(() -> new IllegalArgumentException("No person with email " + caseManagerEmail));
		if (manager.role() != Role.CASE_MANAGER && manager.role() != Role.ADMIN) {
			throw new IllegalArgumentException(manager.email() + " is not a case manager");
		}
		var number = nextNumber();
		jdbc.sql("insert into case_file (number, title, status, case_manager_id, created_at) values (?, ?, ?, ?, ?)")
			.params(number, title.trim(), CaseStatus.OPEN.name(), manager.id(), OffsetDateTime.now())
			.update();
		var id = jdbc.sql("select id from case_file where number = ?").param(number).query(Long.class).single();
		return get(id);
	}

	@Transactional
	public CaseFile addParticipant(long caseId, String email) {
		var person = people.findByEmail(email)
			.orElseThrow(() -> new IllegalArgumentException("No person with email " + email));
		var caseFile = get(caseId);
		if (person.role() != Role.INVESTIGATOR && person.role() != Role.CLIENT) {
			throw new IllegalArgumentException(
					"Only investigators and clients are added to a case; " + email + " is " + person.role());
		}
		if (!caseFile.hasParticipant(person)) {
			jdbc.sql("insert into case_participant (case_id, person_id, role) values (?, ?, ?)")
				.params(caseId, person.id(), person.role().name())
				.update();
		}
		return get(caseId);
	}

	@Transactional
	public CaseFile setStatus(long caseId, CaseStatus status) {
		get(caseId);
		jdbc.sql("update case_file set status = ? where id = ?").params(status.name(), caseId).update();
		return get(caseId);
	}

	public CaseFile get(long id) {
		var row = jdbc.sql("select id, number, title, status, case_manager_id from case_file where id = ?")
			.param(id)
			.query((rs, n) -> new CaseRow(rs.getLong(1), rs.getString(2), rs.getString(3),
					CaseStatus.valueOf(rs.getString(4)), rs.getLong(5)))
			.optional()
			.orElseThrow(() -> new NotFound("No case with id " + id));
		return new CaseFile(row.id(), row.number(), row.title(), row.status(), people.get(row.caseManagerId()),
				participants(id, Role.INVESTIGATOR), participants(id, Role.CLIENT));
	}

	public List<CaseFile> visibleTo(Person person) {
		return jdbc.sql("select id from case_file order by created_at desc, id desc")
			.query(Long.class)
			.list()
			.stream()
			.map(this::get)
			.filter(caseFile -> caseFile.isVisibleTo(person))
			.toList();
	}

	private List<Person> participants(long caseId, Role role) {
		return jdbc
			.sql("""
					select p.id, p.name, p.email, p.role, p.active from person p join case_participant cp on cp.person_id = p.id
					where cp.case_id = ? and cp.role = ? order by p.name""")
			.params(caseId, role.name())
			.query(People::person)
			.list();
	}

	/**
	 * Numbers run per year (2026-0001, 2026-0002, ...); the counter row is locked by its
	 * update.
	 */
	private String nextNumber() {
		var year = Year.now().getValue();
		var updated = jdbc.sql("update case_number_counter set last_number = last_number + 1 where case_year = ?")
			.param(year)
			.update();
		if (updated == 0) {
			jdbc.sql("insert into case_number_counter (case_year, last_number) values (?, 1)").param(year).update();
		}
		var last = jdbc.sql("select last_number from case_number_counter where case_year = ?")
			.param(year)
			.query(Integer.class)
			.single();
		return "%d-%04d".formatted(year, last);
	}

	private record CaseRow(long id, String number, String title, CaseStatus status, long caseManagerId) {
	}

}
