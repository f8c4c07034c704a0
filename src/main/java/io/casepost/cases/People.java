package io.casepost.cases;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

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
		return jdbc.sql(COLUMNS + " where email = ?").param(EmailAddresses.normalize(email)).query(People::person).optional();
	}

	public Person get(long id) {
		return jdbc.sql(COLUMNS + " where id = ?").param(id).query(People::person).optional()
			.orElseThrow(() -> new NotFound("No person with id " + id));
	}

	public List<Person> all() {
		return jdbc.sql(COLUMNS + " order by name").query(People::person).list();
	}

	/** The stored password hash, for signing in. */
	public Optional<String> passwordHash(String email) {
		return jdbc.sql("select password_hash from person where email = ? and password_hash is not null")
			.param(EmailAddresses.normalize(email)).query(String.class).optional();
	}

	static Person person(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Person(rs.getLong("id"), rs.getString("name"), rs.getString("email"), Role.valueOf(rs.getString("role")));
	}
}
