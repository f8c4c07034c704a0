package io.casepost.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

import io.casepost.shared.ControlCharacters;
import io.casepost.shared.EmailAddresses;
import io.casepost.shared.InvalidInput;
import io.casepost.shared.Page;
import io.casepost.shared.PageQuery;
import io.casepost.shared.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opening cases, putting people on them, and finding them again. */
@Service
public class Cases {

	/** As long as the column that stores it. */
	public static final int MAX_TITLE_LENGTH = 300;

	private static final String CASE_COLUMNS = """
			select c.id, c.number, c.title, c.status, m.id, m.name, m.email, m.role, m.active
			from case_file c join person m on m.id = c.case_manager_id""";

	private final JdbcClient jdbc;

	private final People people;

	Cases(JdbcClient jdbc, People people) {
		this.jdbc = jdbc;
		this.people = people;
	}

	@Transactional
	public CaseFile open(String title, String caseManagerEmail) {
		var name = InvalidInput.required("title", title == null ? null : ControlCharacters.inName(title).strip(),
				MAX_TITLE_LENGTH);
		var manager = people.findByEmail(InvalidInput.required("caseManagerEmail", caseManagerEmail, Integer.MAX_VALUE))
			.orElseThrow(() -> new InvalidInput("caseManagerEmail", "names no person: " + caseManagerEmail));
		if (manager.role() != Role.CASE_MANAGER && manager.role() != Role.ADMIN) {
			throw new InvalidInput("caseManagerEmail", manager.email() + " is not a case manager");
		}
		var number = nextNumber();
		jdbc.sql("insert into case_file (number, title, status, case_manager_id, created_at) values (?, ?, ?, ?, ?)")
			.params(number, name, CaseStatus.OPEN.name(), manager.id(), OffsetDateTime.now())
			.update();
		var id = jdbc.sql("select id from case_file where number = ?").param(number).query(Long.class).single();
		return get(id);
	}

	/**
	 * Puts an investigator or a client on the case, with no line in its history: for
	 * seeding data; people do it through {@link CaseTeam#add}.
	 */
	@Transactional
	public CaseFile addParticipant(long caseId, String email) {
		var person = people.findByEmail(InvalidInput.required("email", email, Integer.MAX_VALUE))
			.orElseThrow(() -> new InvalidInput("email", "names no person: " + email));
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

	public CaseFile get(long id) {
		return withPeople(jdbc.sql(CASE_COLUMNS + " where c.id = ?").param(id).query(Cases::caseRow).list()).stream()
			.findFirst()
			.orElseThrow(() -> new NotFound("No case with id " + id));
	}

	/**
	 * The cases the person may see that match the filter, newest first: two statements
	 * however many cases there are. The rule of {@link CaseFile#isVisibleTo}, in SQL:
	 * admins and case managers see every case, anyone else the cases they are on.
	 */
	public Page<CaseFile> visibleTo(Person person, CaseFilter filter, PageRequest page) {
		var query = new PageQuery(CASE_COLUMNS, "c.id", true);
		if (person.role() != Role.ADMIN && person.role() != Role.CASE_MANAGER) {
			query.where("""
					c.id in (select cp.case_id from case_participant cp where cp.person_id = :me
					         union select mc.id from case_file mc where mc.case_manager_id = :me)""", "me",
					person.id());
		}
		if (filter.status() != null) {
			query.where("c.status = :status", "status", filter.status().name());
		}
		if (filter.caseManagerEmail() != null) {
			query.where("m.email = :manager", "manager", EmailAddresses.normalize(filter.caseManagerEmail()));
		}
		if (filter.text() != null) {
			query.where("(lower(c.number) like :text escape '!' or lower(c.title) like :text escape '!')", "text",
					"%" + filter.text().toLowerCase(Locale.ROOT).replaceAll("[!%_]", "!$0") + "%");
		}
		return query.read(jdbc, page, Cases::caseRow, CaseRow::id).map(this::withPeople);
	}

	/** The investigators and clients of all the cases in one statement. */
	private List<CaseFile> withPeople(List<CaseRow> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		var onCase = new HashMap<Long, List<Participant>>();
		jdbc.sql("""
				select cp.case_id, cp.role as case_role, p.id, p.name, p.email, p.role, p.active
				from case_participant cp join person p on p.id = cp.person_id
				where cp.case_id in (:cases) order by p.name, p.id""")
			.param("cases", rows.stream().map(CaseRow::id).toList())
			.query((rs, n) -> new Participant(rs.getLong("case_id"), Role.valueOf(rs.getString("case_role")),
					People.person(rs, n)))
			.list()
			.forEach(participant -> onCase.computeIfAbsent(participant.caseId(), id -> new ArrayList<>())
				.add(participant));
		return rows.stream().map(row -> row.with(onCase.getOrDefault(row.id(), List.of()))).toList();
	}

	private static CaseRow caseRow(ResultSet rs, int n) throws SQLException {
		return new CaseRow(rs.getLong(1), rs.getString(2), rs.getString(3), CaseStatus.valueOf(rs.getString(4)),
				new Person(rs.getLong(5), rs.getString(6), rs.getString(7), Role.valueOf(rs.getString(8)),
						rs.getBoolean(9)));
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

	private record CaseRow(long id, String number, String title, CaseStatus status, Person caseManager) {

		CaseFile with(List<Participant> participants) {
			return new CaseFile(id, number, title, status, caseManager, peopleIn(participants, Role.INVESTIGATOR),
					peopleIn(participants, Role.CLIENT));
		}

		private static List<Person> peopleIn(List<Participant> participants, Role role) {
			return participants.stream().filter(p -> p.role() == role).map(Participant::person).toList();
		}

	}

	private record Participant(long caseId, Role role, Person person) {
	}

}
