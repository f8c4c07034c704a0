package io.casepost.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import io.casepost.CasepostTest;
import io.casepost.EmailedReplies;
import io.casepost.TestApi;
import io.casepost.TestApi.TestCase;
import io.casepost.TestEnvironment;
import io.casepost.cases.CaseTeam;
import io.casepost.cases.CaseUpdateService;
import io.casepost.cases.NewAttachment;
import io.casepost.cases.NewUpdate;
import io.casepost.cases.People;
import io.casepost.cases.Person;
import io.casepost.cases.Role;
import io.casepost.cases.UpdateSource;
import io.casepost.inbound.InboundLog;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint the application maps, asked by every kind of caller, with the answer
 * each must get. The endpoints come from the application's own request mappings: one that
 * has no row here fails the test, as does a row for an endpoint that is gone. Answers are
 * a status class ({@code 2xx}, {@code 3xx}) or an exact status; pages answer the
 * anonymous with a redirect to the sign-in form, the API with 401. One context, data
 * seeded once; what a request changes or uses up (a person taken off a case, a message
 * posted from the queue) is made afresh for each request.
 */
@CasepostTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixTest {

	/** The callers, in the order of each row's answers. */
	enum Caller {

		ANONYMOUS, CLIENT_ON, CLIENT_OFF, INVESTIGATOR_ON, INVESTIGATOR_OFF, MANAGER_OF, MANAGER_NOT_OF, ADMIN

	}

	private static final String PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	People people;

	@Autowired
	CaseTeam team;

	@Autowired
	CaseUpdateService updates;

	@Autowired
	InboundLog inbound;

	EmailedReplies replies;

	TestCase theCase;

	TestCase otherCase;

	long attachmentId;

	long emailedUpdateId;

	/** Replies from strangers to the case, waiting in the queue, for reading. */
	long waitingId;

	/** More of them, each to be decided on by one request. */
	Queue<Long> catchAlls = new java.util.concurrent.ConcurrentLinkedQueue<>();

	Map<Caller, Session> sessions = new EnumMap<>(Caller.class);

	/** What the settings form's row changes, put back for the tests after this one. */
	Map<String, Object> settingsBefore;

	/**
	 * Two cases, each with its manager, investigator and client: the callers "on" and
	 * "of" the case are those of the first; "off" and "not of", those of the second. The
	 * first has a file, a reply that came by email, and replies from a stranger waiting
	 * in the Inbound Messages queue.
	 */
	@BeforeAll
	void seed() throws Exception {
		replies = EmailedReplies.of(environment);
		var admin = replies.admin();
		settingsBefore = admin.get("/api/settings/general-case").ok(200).json();
		theCase = admin.openCase();
		otherCase = admin.openCase();
		attachmentId = updates
			.post(NewUpdate.of(theCase.id(), theCase.managerEmail(), "A file", null,
					List.of(new NewAttachment("notes.pdf",
							new ByteArrayResource(PDF.getBytes(StandardCharsets.US_ASCII)))),
					UpdateSource.WEB))
			.attachments()
			.get(0)
			.id();
		var emailed = replies.updateToClient(theCase, "Which day?");
		replies.reply(theCase.clientEmail(), emailed, "Tuesday.", List.of());
		for (int i = 0; i < 25; i++) {
			replies.reply("stranger-" + i + "@elsewhere.example", emailed, "Let me in " + i, List.of());
		}
		replies.runBatch();
		emailedUpdateId = ((Number) replies.lastFrom(theCase.clientEmail()).get("updateId")).longValue();
		admin.get("/api/inbound/messages")
			.ok(200)
			.jsonList()
			.stream()
			.filter(message -> ((String) message.get("from")).startsWith("stranger-"))
			.forEach(message -> catchAlls.add(((Number) message.get("id")).longValue()));
		assertThat(catchAlls).hasSize(25);
		waitingId = catchAlls.remove();
		replies.repliesOff();
		for (var caller : Caller.values()) {
			sessions.put(caller, Session.of(port, email(caller)));
		}
	}

	@AfterAll
	void restoreSettings() {
		replies.admin().put("/api/settings/general-case", settingsBefore).ok(200);
	}

	@Test
	void everyMappedEndpointHasARowAndEveryRowAMappedEndpoint() {
		assertThat(new TreeSet<>(rows().keySet())).isEqualTo(new TreeSet<>(mappedEndpoints()));
	}

	/**
	 * Each caller goes through the rows on a thread of their own: every request stands on
	 * its own data, so they need no order between callers.
	 */
	@Test
	void everyCallerGetsTheAnswerOfTheRulesFromEveryEndpoint() throws Exception {
		var rows = rows();
		var wrong = new java.util.concurrent.ConcurrentLinkedQueue<String>();
		var callers = java.util.concurrent.Executors.newFixedThreadPool(Caller.values().length);
		try {
			var done = new ArrayList<java.util.concurrent.Future<?>>();
			for (var caller : Caller.values()) {
				done.add(callers.submit(() -> rows.forEach((endpoint, row) -> {
					var expected = row.expected().get(caller.ordinal());
					var status = sessions.get(caller).send(row.request().apply(this));
					if (!matches(expected, status)) {
						wrong.add("%s as %s: expected %s, got %d".formatted(endpoint, caller, expected, status));
					}
				})));
			}
			for (var caller : done) {
				caller.get();
			}
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(new TreeSet<>(wrong)).isEmpty();
	}

	/**
	 * Method and path pattern of each mapping, with the content type where two mappings
	 * share both.
	 */
	private List<String> mappedEndpoints() {
		var endpoints = new ArrayList<String>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
			var info = mapping.getKey();
			var methods = info.getMethodsCondition().getMethods().stream().map(Enum::name).toList();
			var consumes = info.getConsumesCondition().getConsumableMediaTypes();
			for (var pattern : info.getPatternValues()) {
				for (var method : methods.isEmpty() ? List.of("ANY") : methods) {
					endpoints
						.add(method + " " + pattern + (consumes.isEmpty() ? "" : " " + consumes.iterator().next()));
				}
			}
		}
		return endpoints.stream().distinct().toList();
	}

	/**
	 * The answers in the order of {@link Caller}: anonymous, client on / off the case,
	 * investigator on / off, case manager of / not of it, admin.
	 */
	private Map<String, Row> rows() {
		var rows = new LinkedHashMap<String, Row>();
		// the JSON API
		row(rows, "GET /api/cases", t -> Request.api("GET", "/api/cases"), "401 2xx 2xx 2xx 2xx 2xx 2xx 2xx");
		row(rows, "POST /api/cases",
				t -> Request.api("POST", "/api/cases",
						"{\"title\":\"Matrix\",\"caseManagerEmail\":\"" + t.theCase.managerEmail() + "\"}"),
				"401 403 403 403 403 2xx 2xx 2xx");
		row(rows, "GET /api/cases/{id}", t -> Request.api("GET", t.caseApi("")), "401 2xx 404 2xx 404 2xx 2xx 2xx");
		row(rows, "GET /api/cases/{id}/history", t -> Request.api("GET", t.caseApi("/history")),
				"401 2xx 404 2xx 404 2xx 2xx 2xx");
		row(rows, "GET /api/cases/{id}/evidence.zip", t -> Request.api("GET", t.caseApi("/evidence.zip")),
				"401 403 404 403 404 2xx 403 2xx");
		row(rows, "POST /api/cases/{id}/participants",
				t -> Request.api("POST", t.caseApi("/participants"), "{\"email\":\"" + t.freshClient(false) + "\"}"),
				"401 403 403 403 403 2xx 403 2xx");
		row(rows, "DELETE /api/cases/{id}/participants/{email}",
				t -> Request.api("DELETE", t.caseApi("/participants/" + t.freshClient(true))),
				"401 403 403 403 403 2xx 403 2xx");
		row(rows, "PUT /api/cases/{id}/status", t -> Request.api("PUT", t.caseApi("/status"), "{\"status\":\"OPEN\"}"),
				"401 403 403 403 403 2xx 403 2xx");
		row(rows, "POST /api/cases/{id}/updates application/json",
				t -> Request.api("POST", t.caseApi("/updates"), "{\"body\":\"From the matrix\"}"),
				"401 2xx 404 2xx 404 2xx 400 2xx");
		row(rows, "POST /api/cases/{id}/updates multipart/form-data",
				t -> Request.multipart(t.caseApi("/updates"), "{\"body\":\"From the matrix\"}"),
				"401 2xx 404 2xx 404 2xx 400 2xx");
		row(rows, "GET /api/cases/{id}/updates", t -> Request.api("GET", t.caseApi("/updates")),
				"401 2xx 404 2xx 404 2xx 2xx 2xx");
		row(rows, "GET /api/attachments/{id}", t -> Request.api("GET", "/api/attachments/" + t.attachmentId),
				"401 2xx 404 2xx 404 2xx 2xx 2xx");
		row(rows, "GET /api/people", t -> Request.api("GET", "/api/people"), "401 403 403 403 403 2xx 2xx 2xx");
		// only an admin adds a case manager (or an admin)
		row(rows, "POST /api/people",
				t -> Request.api("POST", "/api/people",
						"{\"name\":\"New\",\"email\":\"" + unique("cm") + "\",\"role\":\"CASE_MANAGER\"}"),
				"401 403 403 403 403 403 403 2xx");
		row(rows, "GET /api/settings/general-case", t -> Request.api("GET", "/api/settings/general-case"),
				"401 403 403 403 403 403 403 2xx");
		row(rows, "PUT /api/settings/general-case", t -> Request.api("PUT", "/api/settings/general-case", "{}"),
				"401 403 403 403 403 403 403 2xx");
		row(rows, "POST /api/inbound/batches", t -> Request.api("POST", "/api/inbound/batches", "{}"),
				"401 403 403 403 403 403 403 2xx");
		row(rows, "GET /api/inbound/messages", t -> Request.api("GET", "/api/inbound/messages"),
				"401 403 403 403 403 403 403 2xx");
		// a message that was not REJECTED or FAILED is not processed again: 400 for the
		// admin
		row(rows, "POST /api/inbound/messages/{id}/reprocess",
				t -> Request.api("POST", "/api/inbound/messages/" + t.waitingId + "/reprocess", "{}"),
				"401 403 403 403 403 403 403 400");
		// signed by the provider's secret instead of a sign-in; off without a secret
		row(rows, "POST /api/inbound/raw", t -> Request.api("POST", "/api/inbound/raw", "{}"),
				"404 404 404 404 404 404 404 404");
		row(rows, "GET /v3/api-docs", t -> Request.api("GET", "/v3/api-docs"), "401 2xx 2xx 2xx 2xx 2xx 2xx 2xx");
		row(rows, "GET /v3/api-docs.yaml", t -> Request.api("GET", "/v3/api-docs.yaml"),
				"401 2xx 2xx 2xx 2xx 2xx 2xx 2xx");
		row(rows, "GET /v3/api-docs/swagger-config", t -> Request.api("GET", "/v3/api-docs/swagger-config"),
				"401 2xx 2xx 2xx 2xx 2xx 2xx 2xx");
		row(rows, "GET /swagger-ui.html", t -> Request.page("GET", "/swagger-ui.html"),
				"3xx 403 403 403 403 403 403 3xx");
		// pages
		row(rows, "GET /", t -> Request.page("GET", "/"), "3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx");
		row(rows, "GET /login", t -> Request.page("GET", "/login"), "2xx 2xx 2xx 2xx 2xx 2xx 2xx 2xx");
		row(rows, "GET /cases", t -> Request.page("GET", "/cases"), "3xx 2xx 2xx 2xx 2xx 2xx 2xx 2xx");
		row(rows, "POST /cases",
				t -> Request.page("POST", "/cases", "title=Matrix&caseManagerEmail=" + t.theCase.managerEmail()),
				"403 403 403 403 403 3xx 3xx 3xx");
		row(rows, "GET /cases/{id}", t -> Request.page("GET", t.casePage("")), "3xx 2xx 404 2xx 404 2xx 2xx 2xx");
		// someone who may see the case but is not on it is shown the form again with the
		// rule they broke, as a 400
		row(rows, "POST /cases/{id}/updates", t -> Request.page("POST", t.casePage("/updates"), "body=From+the+matrix"),
				"403 3xx 404 3xx 404 3xx 400 3xx");
		row(rows, "POST /cases/{id}/participants",
				t -> Request.page("POST", t.casePage("/participants"), "email=" + t.freshClient(false)),
				"403 403 404 403 404 3xx 403 3xx");
		row(rows, "POST /cases/{id}/participants/{personId}/remove",
				t -> Request.page("POST", t.casePage(
						"/participants/" + t.people.findByEmail(t.freshClient(true)).orElseThrow().id() + "/remove")),
				"403 403 404 403 404 3xx 403 3xx");
		row(rows, "POST /cases/{id}/status", t -> Request.page("POST", t.casePage("/status"), "status=OPEN"),
				"403 403 404 403 404 3xx 403 3xx");
		row(rows, "POST /cases/{caseId}/updates/{updateId}/restore-trimmed",
				t -> Request.page("POST", t.casePage("/updates/" + t.emailedUpdateId + "/restore-trimmed")),
				"403 403 404 403 404 3xx 403 3xx");
		row(rows, "GET /cases/{caseId}/updates/{updateId}/original.eml",
				t -> Request.page("GET", t.casePage("/updates/" + t.emailedUpdateId + "/original.eml")),
				"3xx 2xx 404 2xx 404 2xx 2xx 2xx");
		row(rows, "GET /cases/{id}/evidence.zip", t -> Request.page("GET", t.casePage("/evidence.zip")),
				"3xx 403 404 403 404 2xx 403 2xx");
		row(rows, "GET /attachments/{id}", t -> Request.page("GET", "/attachments/" + t.attachmentId),
				"3xx 2xx 404 2xx 404 2xx 2xx 2xx");
		row(rows, "GET /account/password", t -> Request.page("GET", "/account/password"),
				"3xx 2xx 2xx 2xx 2xx 2xx 2xx 2xx");
		// a wrong current password: the form again, with the reason, as a 400
		row(rows, "POST /account/password", t -> Request.page("POST", "/account/password",
				"currentPassword=wrong&newPassword=four+quiet+harbour+lamps&repeatPassword=four+quiet+harbour+lamps"),
				"403 400 400 400 400 400 400 400");
		// an unknown link: gone, as a used or expired one, and the page says so
		row(rows, "GET /set-password/{token}", t -> Request.page("GET", "/set-password/unknown"),
				"410 410 410 410 410 410 410 410");
		row(rows, "POST /set-password/{token}",
				t -> Request.page("POST", "/set-password/unknown",
						"password=four+quiet+harbour+lamps&repeatPassword=four+quiet+harbour+lamps"),
				"403 410 410 410 410 410 410 410");
		row(rows, "GET /people", t -> Request.page("GET", "/people"), "3xx 403 403 403 403 403 403 2xx");
		row(rows, "POST /people",
				t -> Request.page("POST", "/people",
						"name=New&email=" + unique("new") + "&roleName=CLIENT&role=CLIENT"),
				"403 403 403 403 403 403 403 3xx");
		row(rows, "GET /people/{id}", t -> Request.page("GET", "/people/" + t.freshPerson().id()),
				"3xx 403 403 403 403 403 403 2xx");
		row(rows, "POST /people/{id}", t -> {
			var person = t.freshPerson();
			return Request.page("POST", "/people/" + person.id(),
					"name=Promoted&email=" + person.email() + "&roleName=CASE_MANAGER&role=CASE_MANAGER");
		}, "403 403 403 403 403 403 403 3xx");
		row(rows, "POST /people/{id}/deactivate",
				t -> Request.page("POST", "/people/" + t.freshPerson().id() + "/deactivate"),
				"403 403 403 403 403 403 403 3xx");
		row(rows, "POST /people/{id}/reactivate",
				t -> Request.page("POST", "/people/" + t.freshPerson().id() + "/reactivate"),
				"403 403 403 403 403 403 403 3xx");
		row(rows, "POST /people/{id}/set-password-link",
				t -> Request.page("POST", "/people/" + t.freshPerson().id() + "/set-password-link"),
				"403 403 403 403 403 403 403 3xx");
		row(rows, "POST /people/unlock", t -> Request.page("POST", "/people/unlock", "subject=address:192.0.2.1"),
				"403 403 403 403 403 403 403 3xx");
		row(rows, "POST /people/{id}/unlock", t -> Request.page("POST", "/people/" + t.freshPerson().id() + "/unlock"),
				"403 403 403 403 403 403 403 3xx");
		row(rows, "POST /people/{id}/aliases/{aliasId}/remove", t -> {
			var person = t.freshPerson();
			var alias = t.people.addAlias(person.id(), unique("alias"), true, person.id(), null);
			return Request.page("POST", "/people/" + person.id() + "/aliases/" + alias.id() + "/remove");
		}, "403 403 403 403 403 403 403 3xx");
		row(rows, "GET /settings", t -> Request.page("GET", "/settings"), "3xx 403 403 403 403 403 403 2xx");
		row(rows, "GET /settings/general-case", t -> Request.page("GET", "/settings/general-case"),
				"3xx 403 403 403 403 403 403 2xx");
		row(rows, "POST /settings/general-case",
				t -> Request.page("POST", "/settings/general-case",
						"inboundCatchAllAddress=catch-all%40agency.example&supportedFileTypes=pdf,txt,csv"
								+ "&maxAttachmentsPerEmail=5&maxAttachmentSizeMb=25"),
				"403 403 403 403 403 403 403 3xx");
		row(rows, "GET /inbound", t -> Request.page("GET", "/inbound"), "3xx 403 403 403 403 403 403 2xx");
		row(rows, "GET /inbound/queue", t -> Request.page("GET", "/inbound/queue"), "3xx 2xx 2xx 2xx 2xx 2xx 2xx 2xx");
		row(rows, "GET /inbound/messages/{id}", t -> Request.page("GET", "/inbound/messages/" + t.waitingId),
				"3xx 403 403 403 403 2xx 403 2xx");
		row(rows, "GET /inbound/messages/{id}/original.eml",
				t -> Request.page("GET", "/inbound/messages/" + t.waitingId + "/original.eml"),
				"3xx 403 403 403 403 2xx 403 2xx");
		row(rows, "POST /inbound/messages/{id}/post",
				t -> Request.page("POST", "/inbound/messages/" + t.catchAlls.remove() + "/post",
						"caseId=" + t.theCase.id() + "&personId=" + t.idOf(t.theCase.clientEmail())),
				"403 403 403 403 403 3xx 403 3xx");
		row(rows, "POST /inbound/messages/{id}/alias-and-post", t -> {
			var stranger = t.catchAlls.remove();
			return Request.page("POST", "/inbound/messages/" + stranger + "/alias-and-post",
					"caseId=" + t.theCase.id() + "&personId=" + t.idOf(t.theCase.investigatorEmail()));
		}, "403 403 403 403 403 3xx 403 3xx");
		row(rows, "POST /inbound/messages/{id}/dismiss",
				t -> Request.page("POST", "/inbound/messages/" + t.catchAlls.remove() + "/dismiss"),
				"403 403 403 403 403 3xx 403 3xx");
		row(rows, "POST /inbound/messages/{id}/reprocess",
				t -> Request.page("POST", "/inbound/messages/" + t.waitingId + "/reprocess"),
				"403 403 403 403 403 403 403 3xx");
		// Spring Boot's error page, where errors are forwarded
		row(rows, "ANY /error", t -> Request.page("GET", "/error"), "5xx 5xx 5xx 5xx 5xx 5xx 5xx 5xx");
		return rows;
	}

	private static void row(Map<String, Row> rows, String endpoint, Function<RoleMatrixTest, Request> request,
			String answers) {
		var expected = List.of(answers.split(" "));
		assertThat(expected).as(endpoint).hasSize(Caller.values().length);
		rows.put(endpoint, new Row(request, expected));
	}

	private static boolean matches(String expected, int status) {
		return expected.endsWith("xx") ? expected.charAt(0) == String.valueOf(status).charAt(0)
				: Integer.parseInt(expected) == status;
	}

	private String email(Caller caller) {
		return switch (caller) {
			case ANONYMOUS -> null;
			case CLIENT_ON -> theCase.clientEmail();
			case CLIENT_OFF -> otherCase.clientEmail();
			case INVESTIGATOR_ON -> theCase.investigatorEmail();
			case INVESTIGATOR_OFF -> otherCase.investigatorEmail();
			case MANAGER_OF -> theCase.managerEmail();
			case MANAGER_NOT_OF -> otherCase.managerEmail();
			case ADMIN -> TestEnvironment.ADMIN_EMAIL;
		};
	}

	private String caseApi(String rest) {
		return "/api/cases/" + theCase.id() + rest;
	}

	private String casePage(String rest) {
		return "/cases/" + theCase.id() + rest;
	}

	private long idOf(String email) {
		return people.findByEmail(email).orElseThrow().id();
	}

	/** A new client's address; on the case already where asked. */
	private String freshClient(boolean onTheCase) {
		var client = freshPerson();
		if (onTheCase) {
			team.add(theCase.id(), client.email(), people.findByEmail(TestEnvironment.ADMIN_EMAIL).orElseThrow());
		}
		return client.email();
	}

	private Person freshPerson() {
		return people.add("Fresh Client", unique("client"), Role.CLIENT);
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	/** The endpoint's request, made afresh for each caller. */
	private record Row(Function<RoleMatrixTest, Request> request, List<String> expected) {
	}

	/**
	 * One request: to the API (HTTP Basic on every call) or to a page (the session of a
	 * form sign-in, with its CSRF token on a POST).
	 */
	private record Request(String method, String path, boolean api, String contentType, String body) {

		static Request api(String method, String path) {
			return new Request(method, path, true, null, null);
		}

		static Request api(String method, String path, String json) {
			return new Request(method, path, true, "application/json", json);
		}

		static Request multipart(String path, String json) {
			var body = """
					--matrix\r
					Content-Disposition: form-data; name="update"\r
					Content-Type: application/json\r
					\r
					%s\r
					--matrix--\r
					""".formatted(json);
			return new Request("POST", path, true, "multipart/form-data; boundary=matrix", body);
		}

		static Request page(String method, String path) {
			return page(method, path, "");
		}

		static Request page(String method, String path, String form) {
			return new Request(method, path, false, "application/x-www-form-urlencoded", form);
		}

	}

	/**
	 * A caller: their Basic credentials for the API, their signed-in session for pages.
	 */
	private static final class Session {

		private final String base;

		private final HttpClient http;

		/** Without cookies: the API signs in on every call. */
		private final HttpClient api = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

		private final String basic;

		private String csrf = "";

		private Session(int port, String email) {
			this.base = "http://localhost:" + port;
			this.http = HttpClient.newBuilder()
				.cookieHandler(new CookieManager())
				.followRedirects(HttpClient.Redirect.NEVER)
				.build();
			this.basic = email == null ? null : "Basic " + Base64.getEncoder()
				.encodeToString((email + ":"
						+ (email.equals(TestEnvironment.ADMIN_EMAIL) ? TestEnvironment.ADMIN_PASSWORD : "pw-" + email))
					.getBytes(StandardCharsets.UTF_8));
		}

		static Session of(int port, String email) throws IOException, InterruptedException {
			var session = new Session(port, email);
			if (email != null) {
				session.signIn(email,
						email.equals(TestEnvironment.ADMIN_EMAIL) ? TestEnvironment.ADMIN_PASSWORD : "pw-" + email);
			}
			return session;
		}

		private void signIn(String email, String password) throws IOException, InterruptedException {
			var token = csrfOf("/login");
			var form = "username=" + encoded(email) + "&password=" + encoded(password) + "&_csrf=" + encoded(token);
			var answer = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.discarding());
			assertThat(answer.headers().firstValue("Location")).as(email)
				.hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
			csrf = csrfOf("/account/password");
		}

		private String csrfOf(String page) throws IOException, InterruptedException {
			var answer = http.send(HttpRequest.newBuilder(URI.create(base + page)).build(),
					HttpResponse.BodyHandlers.ofString());
			return Jsoup.parse(answer.body()).select("input[name=_csrf]").attr("value");
		}

		int send(Request request) {
			var builder = HttpRequest.newBuilder(URI.create(base + request.path()));
			var body = request.body() == null ? "" : request.body();
			if (request.api()) {
				if (basic != null) {
					builder.header("Authorization", basic);
				}
			}
			else if (!request.method().equals("GET")) {
				body = body + (body.isEmpty() ? "" : "&") + "_csrf=" + encoded(csrf);
			}
			if (request.contentType() != null && !request.method().equals("GET")
					&& !request.method().equals("DELETE")) {
				builder.header("Content-Type", request.contentType());
			}
			builder.method(request.method(), request.method().equals("GET") || request.method().equals("DELETE")
					? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
			try {
				return (request.api() ? api : http).send(builder.build(), HttpResponse.BodyHandlers.discarding())
					.statusCode();
			}
			catch (IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}

		private static String encoded(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

}
