package io.casepost.cases;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.casepost.shared.ControlCharacters;
import io.casepost.shared.EmailAddresses;
import io.casepost.shared.InvalidInput;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people who work on or follow cases: staff, investigators and clients. Nobody is
 * deleted: a person who leaves is deactivated, and their updates stay.
 */
@Service
public class People {

	/** As long as the column that stores it. */
	public static final int MAX_NAME_LENGTH = 200;

	private static final String COLUMNS = "select id, name, email, role, active from person";

	private static final String ALIAS_COLUMNS = """
			select a.id, a.person_id, a.email, a.verified, p.name, a.added_at, a.inbound_message_id
			from person_alias a left join person p on p.id = a.added_by""";

	private final JdbcClient jdbc;

	People(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A new person without a password: they sign in once one is set. */
	@Transactional
	public Person add(String name, String email, Role role) {
		var address = unusedAddress(email, null);
		jdbc.sql("insert into person (name, email, role, created_at) values (?, ?, ?, ?)")
			.params(validName(name), address, required(role).name(), OffsetDateTime.now())
			.update();
		return findByEmail(address).orElseThrow();
	}

	/** A new name, address or role; the address must not be anyone else's. */
	@Transactional
	public Person change(long id, String name, String email, Role role) {
		get(id);
		jdbc.sql("update person set name = ?, email = ?, role = ? where id = ?")
			.params(validName(name), unusedAddress(email, id), required(role).name(), id)
			.update();
		return get(id);
	}

	/** Deactivated people keep their updates but no longer sign in, post or get mail. */
	@Transactional
	public Person setActive(long id, boolean active) {
		get(id);
		jdbc.sql("update person set active = ? where id = ?").params(active, id).update();
		return get(id);
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

	/** People whose name or address contains the text, ignoring case; all for none. */
	public List<Person> search(String text) {
		if (text == null || text.isBlank()) {
			return all();
		}
		var pattern = "%" + ControlCharacters.strip(text)
			.strip()
			.toLowerCase(Locale.ROOT)
			.replace("\\", "\\\\")
			.replace("%", "\\%")
			.replace("_", "\\_") + "%";
		return jdbc.sql(COLUMNS + " where lower(name) like ? escape '\\' or email like ? escape '\\' order by name")
			.params(pattern, pattern)
			.query(People::person)
			.list();
	}

	/**
	 * Adds a further address of a person. A verified alias counts as the person's own
	 * address for email replies; it must not be any person's main address or another
	 * alias.
	 * @param inboundMessageId the message whose sender this is, where it came from one
	 */
	@Transactional
	public Alias addAlias(long personId, String email, boolean verified, long addedBy, Long inboundMessageId) {
		get(personId);
		var address = unusedAddress(email, null);
		jdbc.sql("""
				insert into person_alias (person_id, email, verified, added_by, added_at, inbound_message_id)
				values (?, ?, ?, ?, ?, ?)""")
			.params(personId, address, verified, addedBy, OffsetDateTime.now(), inboundMessageId)
			.update();
		return findByAlias(address).orElseThrow();
	}

	/** Mail from a removed alias no longer speaks for the person. */
	@Transactional
	public void removeAlias(long personId, long aliasId) {
		var removed = jdbc.sql("delete from person_alias where id = ? and person_id = ?")
			.params(aliasId, personId)
			.update();
		if (removed == 0) {
			throw new NotFound("Person " + personId + " has no alias with id " + aliasId);
		}
	}

	public List<Alias> aliasesOf(long personId) {
		return jdbc.sql(ALIAS_COLUMNS + " where a.person_id = ? order by a.email")
			.param(personId)
			.query(People::alias)
			.list();
	}

	public Optional<Alias> findByAlias(String email) {
		return jdbc.sql(ALIAS_COLUMNS + " where a.email = ?")
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

	/** The person and their password hash, where they have one yet. */
	public Optional<StoredPassword> storedPassword(String email) {
		return jdbc.sql(
				"select id, name, email, role, active, password_hash from person where email = ? and password_hash is not null")
			.param(EmailAddresses.normalize(email))
			.query((rs, row) -> new StoredPassword(person(rs, row), rs.getString("password_hash")))
			.optional();
	}

	/** Keeps a hash made elsewhere: this module knows no password, only its hash. */
	@Transactional
	public void storePasswordHash(long personId, String hash) {
		get(personId);
		jdbc.sql("update person set password_hash = ? where id = ?").params(hash, personId).update();
	}

	private static String validName(String typed) {
		return InvalidInput.required("name", typed == null ? null : ControlCharacters.inName(typed).strip(),
				MAX_NAME_LENGTH);
	}

	private static Role required(Role role) {
		if (role == null) {
			throw new InvalidInput("role", "is required: one of ADMIN, CASE_MANAGER, INVESTIGATOR, CLIENT");
		}
		return role;
	}

	/** The address, normalized, unless it is not one or someone else has it already. */
	private String unusedAddress(String email, Long owner) {
		var address = EmailAddresses.normalize(email);
		if (!EmailAddresses.isPlausible(address) || !address.equals(ControlCharacters.inName(address))) {
			throw new InvalidInput("email", "'" + ControlCharacters.inName(email) + "' is not an email address");
		}
		var mainAddressOf = findByEmail(address).map(Person::id);
		if (mainAddressOf.filter(id -> !id.equals(owner)).isPresent() || findByAlias(address).isPresent()) {
			throw new PersonAlreadyExists(address);
		}
		return address;
	}

	private static Alias alias(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		var addedAt = rs.getTimestamp(6);
		return new Alias(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4), rs.getString(5),
				addedAt == null ? null : addedAt.toInstant(), rs.getObject(7, Long.class));
	}

	static Person person(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Person(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
				Role.valueOf(rs.getString("role")), rs.getBoolean("active"));
	}

}
