package io.casepost.web;

import java.io.PrintStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import io.casepost.CasepostTest;
import io.casepost.StatementCounter;
import io.casepost.TestApi;
import io.casepost.setup.DemoScaleSeed;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each page and list costs the same few SQL statements however large the agency: counted
 * through the application's DataSource with 10 cases, then again with 200.
 */
@CasepostTest
@Import(StatementCounter.class)
class PageStatementsTest {

	static final String PASSWORD = "seeded-password";

	/** A page costs at most this many statements, sign-in lookups included. */
	static final int HANDFUL = 8;

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StatementCounter statements;

	@Test
	void everyPageRunsTheSameStatementsWithTenCasesAndWithTwoHundred() throws Exception {
		seed(10, 20);
		var small = statementsPerPage();
		seed(190, 200);
		var large = statementsPerPage();

		assertThat(large).isEqualTo(small);
		assertThat(large).allSatisfy((page, count) -> assertThat(count).as(page).isBetween(1L, (long) HANDFUL));
	}

	private void seed(int cases, int busiestCaseUpdates) throws Exception {
		DemoScaleSeed.fill(context,
				new DemoScaleSeed.Options(cases, 25L * cases, 25L * cases, busiestCaseUpdates, PASSWORD),
				new PrintStream(OutputStream.nullOutputStream()));
	}

	/**
	 * Each page as the person it is for: the case list as an admin, a case manager and a
	 * client; the busiest case; the inbound log; the triage queue.
	 */
	private Map<String, Long> statementsPerPage() throws Exception {
		var busiest = jdbc.sql("select max(id) from case_file").query(Long.class).single();
		var manager = jdbc
			.sql("select p.email from person p join case_file c on c.case_manager_id = p.id where c.id = ?")
			.param(busiest)
			.query(String.class)
			.single();
		var client = jdbc.sql("""
				select p.email from person p join case_participant cp on cp.person_id = p.id
				where cp.case_id = ? and cp.role = 'CLIENT' order by p.id limit 1""")
			.param(busiest)
			.query(String.class)
			.single();
		var number = jdbc.sql("select number from case_file where id = ?").param(busiest).query(String.class).single();
		var admin = SignedInPages.as(port, io.casepost.TestEnvironment.ADMIN_EMAIL,
				io.casepost.TestEnvironment.ADMIN_PASSWORD);
		var asManager = SignedInPages.as(port, manager, PASSWORD);
		var asClient = SignedInPages.as(port, client, PASSWORD);
		var api = TestApi.asAdmin(port);
		var counts = new LinkedHashMap<String, Long>();
		counts.put("cases as admin", statements.during(() -> admin.get("/cases")));
		counts.put("cases as case manager", statements.during(() -> asManager.get("/cases")));
		counts.put("cases as client", statements.during(() -> asClient.get("/cases")));
		counts.put("cases filtered",
				statements.during(() -> admin.get("/cases?status=OPEN&q=" + number + "&manager=" + manager)));
		counts.put("busiest case", statements.during(() -> admin.get("/cases/" + busiest)));
		counts.put("inbound log", statements.during(() -> admin.get("/inbound")));
		counts.put("triage queue as admin", statements.during(() -> admin.get("/inbound/queue")));
		counts.put("triage queue as case manager", statements.during(() -> asManager.get("/inbound/queue")));
		counts.put("api cases", statements.during(() -> api.get("/api/cases").ok(200)));
		counts.put("api updates", statements.during(() -> api.get("/api/cases/" + busiest + "/updates").ok(200)));
		counts.put("api inbound messages", statements.during(() -> api.get("/api/inbound/messages").ok(200)));
		return counts;
	}

}
