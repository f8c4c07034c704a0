package io.casepost.cases;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import io.casepost.shared.EmailAddresses;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The people who work on or follow cases: staff, investigators and clients. */
@Service
public class People {

	private static final String COLUMNS = "select id, name, email, role from person";

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	People(JdbcClient jdbc, PasswordEncoder passwords) {
		this.jdbc = jdbc;
		this.passwords = passwords;
	}

	@Transactional
	public Person add(String name, String email, Role role, String password) {
		var address = EmailAddresses.normalize(email);
		if (!EmailAddresses.isPlausible(address)) {
			throw new IllegalArgumentException("'" + email + "' is not an email address");
		}
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("A person needs a name");
		}
		if (findByEmail(address).isPresent()) {
			throw new PersonAlreadyExists(address);
		}
		var hash = password == null || password.isBlank() ? null : passwords.encode(password);
		jdbc.sql("insert into person (name, email, role, password_hash, created_at) values (?, ?, ?, ?, ?)")
			.params(name.trim(), address, role.name(), hash, OffsetDateTime.now())
			.update();
		return findByEmail(address).orElseThrow();
	}

	public Optional<Person> findByEmail(String email) {
		return jdbc.sql(COLUMNS + " where email = ?")
			.param(EmailAddresses.normalize(email))
			.query(People::person)
			.optional();
	}

	public Person get(long id) {
		return jdbc.sql(COLUMNS + " where id = ?")
			.param(id)
			.query(People::person)
			.optional()
			.orElseThrow(() -> new NotFound("No person with id " + id));
	}

	/** Those who may manage a case: case managers and admins. */
	public List<Person> caseManagers() {
		return jdbc.sql(COLUMNS + " where role in ('CASE_MANAGER', 'ADMIN') order by name")
			.query(People::person)
			.list();
	}

	public List<Person> all() {
		return jdbc.sql(COLUMNS + " order by name").query(People::person).list();
	}

	/**
	 * Adds a further address of a person. A verified alias counts as the person's own
	 * address for email replies; it must not be any person's main address or another
	 * alias.
	 */
	@Transactional
	public Alias addAlias(long personId, String email, boolean verified, long addedBy) {
		var address = EmailAddresses.normalize(email);
		if (!EmailAddresses.isPlausible(address)) {
			throw new IllegalArgumentException("'" + email + "' is not an email address");
		}
		get(personId);
		if (findByEmail(address).isPresent() || findByAlias(address).isPresent()) {
			throw new PersonAlreadyExists(address);
		}
		jdbc.sql("insert into person_alias (person_id, email, verified, added_by, added_at) values (?, ?, ?, ?, ?)")
			.params(personId, address, verified, addedBy, OffsetDateTime.now())
			.update();
		return findByAlias(address).orElseThrow();
	}

	public List<Alias> aliasesOf(long personId) {
		return jdbc.sql("select person_id, email, verified from person_alias where person_id = ? order by email")
			.param(personId)
			.query(People::alias)
			.list();
	}

	public Optional<Alias> findByAlias(String email) {
		return jdbc.sql("select person_id, email, verified from person_alias where email = ?")
			.param(EmailAddresses.normalize(email))
			.query(People::alias)
			.optional();
	}

	/**
	 * Whether the address is the person's own: their main address or a verified alias.
	 */
	public boolean isOwnAddress(long personId, String email) {
		var address = EmailAddresses.normalize(email);
		return get(personId).email().equals(address)
				|| findByAlias(address).filter(alias -> alias.personId() == personId && alias.verified()).isPresent();
	}

	/** The stored password hash, for signing in. */
	public Optional<String> passwordHash(String email) {
		return jdbc.sql("select password_hash from person where email = ? and password_hash is not null")
			.param(EmailAddresses.normalize(email))
			.query(String.class)
			.optional();
	}

	private static Alias alias(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Alias(rs.getLong(1), rs.getString(2), rs.getBoolean(3));
	}

	static Person person(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Person(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
				Role.valueOf(rs.getString("role")));
	}

}
