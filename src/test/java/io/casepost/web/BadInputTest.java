package io.casepost.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

import io.casepost.CasepostTest;
import io.casepost.TestApi;
import io.casepost.TestEnvironment;
import io.casepost.inbound.InboundBatches;
import io.casepost.inbound.InboundReception;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table of bad inputs (too long, of the wrong type, missing, malformed JSON, NUL, lone
 * surrogates, bidi overrides) sent to every write endpoint the application maps, over
 * HTTP as a signed-in admin: no answer is a server error, and an input that is refused is
 * refused with a 4xx that names its field. Input that is taken is stored cleaned. Runs on
 * PostgreSQL too, where a NUL that reached the database would fail the statement.
 */
@CasepostTest
class BadInputTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String LONG = "x".repeat(5000);

	/** Characters that the input policy never stores, whichever the field. */
	private static final List<String> NEVER_STORED = List.of("\\u0000", "\u0000", "\\ud800", "\\uD800");

	/** General Case Settings name their fields as the page labels them. */
	private static final String[] SETTINGS_LABELS = { "inboundCatchAllAddress", "Catch-All", "supportedFileTypes",
			"file type", "maxAttachmentsPerEmail", "attachments per email", "maxAttachmentSizeMb", "attachment size",
			"maxUpdateEmailAttachmentsMb", "attached to an update email", "maxUpdateEmailAttachmentBytes",
			"attached to an update email" };

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	InboundReception reception;

	@Autowired
	InboundBatches batches;

	@LocalServerPort
	int port;

	TestApi admin;

	/** The API, by HTTP Basic as the admin. */
	Http api;

	/** The pages, signed in as the admin. */
	Http http;

	@BeforeEach
	void signIn() throws Exception {
		admin = TestApi.asAdmin(port);
		api = Http.admin(port);
		http = Http.signedIn(port, TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD);
	}

	@Test
	void everyWriteEndpointAnswersBadInputWithA4xxNamingTheFieldAndNeverA500() throws Exception {
		var endpoints = endpoints();
		var mapped = writeEndpoints();

		assertThat(endpoints.keySet()).as("write endpoints without an entry in this test's table").containsAll(mapped);
		var settings = admin.get("/api/settings/general-case").ok(200).json();
		var failures = new ArrayList<String>();
		for (var endpoint : endpoints.entrySet()) {
			failures.addAll(attack(endpoint.getKey(), endpoint.getValue()));
			// what one endpoint took (a list of file types) must not refuse the next
			// one's
			admin.put("/api/settings/general-case", settings).ok(200);
		}

		assertThat(failures).isEmpty();
	}

	@Test
	void aZeroByteFileOverTheApiIsRefusedNamingIt() {
		var caseFile = admin.openCase();

		var answer = admin.postWithFiles(caseFile.updatesPath(), Map.of("body", "See the file"),
				Map.of("empty.pdf", new byte[0]));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("empty.pdf").contains("empty");
		assertThat(admin.get(caseFile.updatesPath()).ok(200).jsonList()).isEmpty();
	}

	@Test
	void namesTitlesAndFileNamesAreStoredWithoutNulLoneSurrogatesOrBidiOverrides() {
		var person = admin
			.post("/api/people",
					Map.of("name", "Eve\u202E\u0000 Evil\uD800", "email", unique("eve"), "role", "CASE_MANAGER"))
			.ok(201)
			.json();
		var opened = admin
			.post("/api/cases",
					Map.of("title", "Claim\u202Efdp.exe\u0000\uDC00", "caseManagerEmail", person.get("email")))
			.ok(201)
			.json();
		var posted = admin
			.postWithFiles("/api/cases/" + opened.get("id") + "/updates", Map.of("body", "Text\u0000 \u202Ekept\uD800"),
					Map.of("invoice\u202Efdp.exe.txt\u0000", "plain text".getBytes(StandardCharsets.UTF_8)))
			.ok(201)
			.json();

		assertThat(person.get("name")).isEqualTo("Eve Evil");
		assertThat(opened.get("title")).isEqualTo("Claimfdp.exe");
		assertThat(posted.get("body")).isEqualTo("Text \u202Ekept");
		assertThat(posted.get("attachments")).asString().contains("invoicefdp.exe.txt");
	}

	/**
	 * Every call that changes something, by method and path as mapped ({@code POST
	 * /api/cases/{id}/updates multipart/form-data} where two take one path).
	 */
	private TreeSet<String> writeEndpoints() {
		var found = new TreeSet<String>();
		mappings.getHandlerMethods().forEach((info, method) -> {
			var consumes = info.getConsumesCondition().getConsumableMediaTypes();
			for (var requestMethod : info.getMethodsCondition().getMethods()) {
				if (requestMethod == RequestMethod.GET || requestMethod == RequestMethod.HEAD
						|| requestMethod == RequestMethod.OPTIONS) {
					continue;
				}
				for (var path : info.getPatternValues()) {
					found.add(requestMethod + " " + path
							+ (consumes.size() == 1 ? " " + consumes.iterator().next() : ""));
				}
			}
		});
		return found;
	}

	/**
	 * How each endpoint is called well: its path, the kind of body, and fresh valid
	 * fields. The table of bad values is applied to each field in turn.
	 */
	private Map<String, Endpoint> endpoints() throws Exception {
		var caseFile = admin.openCase();
		var statusCase = admin.openCase();
		var person = admin.person("CLIENT");
		var personId = ((Number) person.get("id")).longValue();
		var message = strangersMessage();
		var update = admin.post(caseFile.updatesPath(), Map.of("body", "An update")).ok(201).json().get("id");
		var changer = admin.person("INVESTIGATOR");
		var changerPassword = "pw-" + changer.get("email");
		var own = Http.signedIn(port, (String) changer.get("email"), changerPassword);
		var endpoints = new LinkedHashMap<String, Endpoint>();
		endpoints.put("POST /api/cases", Endpoint.json(api, "/api/cases",
				() -> fields("title", "A case", "caseManagerEmail", caseFile.managerEmail())));
		endpoints.put("POST /api/cases/{id}/participants",
				Endpoint.json(api, "/api/cases/" + caseFile.id() + "/participants",
						() -> fields("email", admin.person("CLIENT").get("email"))));
		endpoints.put("DELETE /api/cases/{id}/participants/{email}",
				Endpoint
					.json(api, "/api/cases/" + caseFile.id() + "/participants/" + caseFile.investigatorEmail(),
							() -> fields())
					.delete());
		endpoints.put("PUT /api/cases/{id}/status",
				Endpoint.json(api, "/api/cases/" + statusCase.id() + "/status", () -> fields("status", "OPEN")).put());
		endpoints.put("POST /api/cases/{id}/updates application/json", Endpoint.json(api, caseFile.updatesPath(),
				() -> fields("body", "Text", "recipientEmails", List.of(caseFile.clientEmail()))));
		endpoints.put("POST /api/cases/{id}/updates multipart/form-data",
				Endpoint.multipartApi(api, caseFile.updatesPath(), () -> fields("body", "Text")));
		endpoints.put("POST /api/people", Endpoint.json(api, "/api/people",
				() -> fields("name", "A person", "email", unique("person"), "role", "CLIENT")));
		endpoints.put("PUT /api/settings/general-case",
				Endpoint
					.json(api, "/api/settings/general-case",
							() -> fields("maxAttachmentsPerEmail", 5, "supportedFileTypes",
									List.of("pdf", "txt", "png", "jpg"), "inboundCatchAllAddress",
									"catch-all@agency.example", "maxUpdateEmailAttachmentBytes", 10_485_760))
					.put()
					.labelled(SETTINGS_LABELS));
		endpoints.put("POST /api/inbound/batches", Endpoint.json(api, "/api/inbound/batches", () -> fields()));
		endpoints.put("POST /api/inbound/messages/{id}/reprocess",
				Endpoint.json(api, "/api/inbound/messages/" + message + "/reprocess", () -> fields()));
		endpoints.put("POST /api/inbound/raw", Endpoint.json(api, "/api/inbound/raw", () -> fields()));
		endpoints.put("POST /cases", Endpoint.form(http, "/cases",
				() -> fields("title", "A case", "caseManagerEmail", caseFile.managerEmail())));
		endpoints.put("POST /cases/{id}/updates",
				Endpoint
					.multipartForm(http, "/cases/" + caseFile.id() + "/updates",
							() -> fields("body", "Text", "recipientEmails", caseFile.clientEmail()))
					.labelled("recipientEmails", "Recipient"));
		endpoints.put("POST /cases/{id}/participants", Endpoint.form(http, "/cases/" + caseFile.id() + "/participants",
				() -> fields("email", caseFile.clientEmail())));
		endpoints.put("POST /cases/{id}/participants/{personId}/remove", Endpoint.form(http,
				"/cases/" + statusCase.id() + "/participants/" + personId + "/remove", () -> fields()));
		endpoints.put("POST /cases/{id}/status",
				Endpoint.form(http, "/cases/" + statusCase.id() + "/status", () -> fields("status", "OPEN")));
		endpoints.put("POST /cases/{caseId}/updates/{updateId}/restore-trimmed", Endpoint.form(http,
				"/cases/" + caseFile.id() + "/updates/" + update + "/restore-trimmed", () -> fields()));
		endpoints.put("POST /people",
				Endpoint
					.form(http, "/people",
							() -> fields("name", "A person", "email", unique("page"), "roleName", "CLIENT"))
					.labelled("roleName", "role"));
		endpoints.put("POST /people/{id}",
				Endpoint
					.form(http, "/people/" + personId,
							() -> fields("name", "A person", "email", person.get("email"), "roleName", "CLIENT"))
					.labelled("roleName", "role"));
		for (var action : List.of("deactivate", "reactivate", "set-password-link", "unlock")) {
			endpoints.put("POST /people/{id}/" + action,
					Endpoint.form(http, "/people/" + personId + "/" + action, () -> fields()));
		}
		endpoints.put("POST /people/{id}/aliases/{aliasId}/remove",
				Endpoint.form(http, "/people/" + personId + "/aliases/0/remove", () -> fields()));
		endpoints.put("POST /people/unlock",
				Endpoint.form(http, "/people/unlock", () -> fields("subject", "account:nobody@example.com")));
		endpoints.put("POST /settings/general-case",
				Endpoint
					.form(http, "/settings/general-case",
							() -> fields("inboundCatchAllAddress", "catch-all@agency.example", "supportedFileTypes",
									"pdf, txt, png, jpg", "maxAttachmentsPerEmail", "5", "maxAttachmentSizeMb", "25",
									"maxUpdateEmailAttachmentsMb", "10"))
					.labelled(SETTINGS_LABELS));
		for (var action : List.of("post", "alias-and-post")) {
			endpoints.put("POST /inbound/messages/{id}/" + action,
					Endpoint.form(http, "/inbound/messages/" + message + "/" + action,
							() -> fields("caseId", caseFile.id(), "personId", personId)));
		}
		for (var action : List.of("dismiss", "reprocess")) {
			endpoints.put("POST /inbound/messages/{id}/" + action,
					Endpoint.form(http, "/inbound/messages/" + message + "/" + action, () -> fields()));
		}
		endpoints.put("POST /account/password", Endpoint.form(own, "/account/password", () -> fields("currentPassword",
				changerPassword, "newPassword", changerPassword, "repeatPassword", changerPassword)));
		endpoints.put("POST /set-password/{token}", Endpoint.form(Http.anonymous(port), "/set-password/not-a-token",
				() -> fields("password", "a long enough password", "repeatPassword", "a long enough password")));
		return endpoints;
	}

	private List<String> attack(String name, Endpoint endpoint) throws Exception {
		var failures = new ArrayList<String>();
		var valid = endpoint.call(endpoint.valid().get());
		if (valid.status() >= 500) {
			failures.add(name + " well formed: " + valid);
		}
		for (var field : endpoint.valid().get().keySet()) {
			for (var bad : badValues(endpoint, field)) {
				var fields = endpoint.valid().get();
				if (bad.value() == null) {
					fields.remove(field);
				}
				else {
					fields.put(field, bad.value());
				}
				var answer = endpoint.call(fields);
				check(name + " " + field + " " + bad.what(), answer, endpoint, field, failures);
			}
		}
		if (endpoint.kind() == Kind.JSON) {
			for (var malformed : List.of("{\"title\": ", "[1, 2]", "\"text\"", "{\"a\": \"\u0000\"")) {
				var answer = endpoint.raw(malformed);
				check(name + " malformed JSON " + malformed, answer, endpoint, null, failures);
			}
		}
		for (var path : endpoint.withBadIds()) {
			var answer = endpoint.at(path).call(endpoint.valid().get());
			check(name + " at " + path, answer, endpoint, null, failures);
		}
		return failures;
	}

	private static void check(String what, Answer answer, Endpoint endpoint, String field, List<String> failures) {
		if (answer.status() >= 500) {
			failures.add(what + ": " + answer);
		}
		else if (field != null && answer.status() == 400 && !endpoint.named(answer, field)) {
			failures.add(what + ": the 400 does not name " + field + ": " + answer);
		}
		else if (answer.status() < 400 && NEVER_STORED.stream().anyMatch(answer.body()::contains)) {
			failures.add(what + ": answered with a character the policy removes: " + answer);
		}
	}

	private static List<Bad> badValues(Endpoint endpoint, String field) {
		var values = new ArrayList<Bad>();
		values
			.add(new Bad("too long", field.toLowerCase(Locale.ROOT).contains("email") ? LONG + "@example.com" : LONG));
		values.add(new Bad("missing", null));
		values.add(new Bad("NUL", "a\u0000b"));
		values.add(new Bad("lone surrogate", "a\uD800b"));
		values.add(new Bad("bidi override", "a\u202Eb\u2066c"));
		if (endpoint.kind() == Kind.JSON || endpoint.kind() == Kind.MULTIPART_API) {
			values.add(new Bad("an object", Map.of("nested", 1)));
			values.add(new Bad("a list", List.of("a", "b")));
		}
		else {
			values.add(new Bad("a word for a number", "many"));
		}
		return values;
	}

	/**
	 * A message from a stranger, gone to the catch-all: what the queue's actions act on.
	 */
	private long strangersMessage() throws IOException {
		var id = reception.receive(new ByteArrayInputStream(
				"From: stranger@example.org\r\nSubject: hello\r\n\r\nHi\r\n".getBytes(StandardCharsets.US_ASCII)),
				"TEST");
		batches.run();
		return id;
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	private static Map<String, Object> fields(Object... namesAndValues) {
		var fields = new LinkedHashMap<String, Object>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return fields;
	}

	private record Bad(String what, Object value) {
	}

	enum Kind {

		JSON, MULTIPART_API, FORM, MULTIPART_FORM

	}

	/** One endpoint: how its fields are sent, and by whom. */
	private record Endpoint(Kind kind, String path, String method, Supplier<Map<String, Object>> valid, Http http,
			Map<String, String> labels) {

		static Endpoint json(Http http, String path, Supplier<Map<String, Object>> valid) {
			return new Endpoint(Kind.JSON, path, "POST", valid, http, Map.of());
		}

		static Endpoint multipartApi(Http http, String path, Supplier<Map<String, Object>> valid) {
			return new Endpoint(Kind.MULTIPART_API, path, "POST", valid, http, Map.of());
		}

		static Endpoint form(Http http, String path, Supplier<Map<String, Object>> valid) {
			return new Endpoint(Kind.FORM, path, "POST", valid, http, Map.of());
		}

		static Endpoint multipartForm(Http http, String path, Supplier<Map<String, Object>> valid) {
			return new Endpoint(Kind.MULTIPART_FORM, path, "POST", valid, http, Map.of());
		}

		Endpoint put() {
			return new Endpoint(kind, path, "PUT", valid, http, labels);
		}

		Endpoint delete() {
			return new Endpoint(kind, path, "DELETE", valid, http, labels);
		}

		/**
		 * Where its answers name fields by the labels a person reads: field, label, ...
		 */
		Endpoint labelled(String... fieldsAndLabels) {
			var named = new LinkedHashMap<String, String>();
			for (int i = 0; i < fieldsAndLabels.length; i += 2) {
				named.put(fieldsAndLabels[i], fieldsAndLabels[i + 1]);
			}
			return new Endpoint(kind, path, method, valid, http, named);
		}

		Endpoint at(String otherPath) {
			return new Endpoint(kind, otherPath, method, valid, http, labels);
		}

		boolean named(Answer answer, String field) {
			return answer.names(field) || (labels.containsKey(field) && answer.names(labels.get(field)));
		}

		/**
		 * The path with its first number replaced by ids that are not one, and with an
		 * encoded NUL at its end (a path variable reaches a query undecoded by the
		 * policy's filter).
		 */
		List<String> withBadIds() {
			var nulAtTheEnd = path + "%00";
			if (!path.matches(".*/\\d+(/.*)?")) {
				return List.of(nulAtTheEnd);
			}
			return List.of(path.replaceFirst("/\\d+", "/not-a-number"),
					path.replaceFirst("/\\d+", "/99999999999999999999"), path.replaceFirst("/\\d+", "/987654321"),
					nulAtTheEnd);
		}

		Answer call(Map<String, Object> fields) throws Exception {
			return switch (kind) {
				case JSON -> raw(JSON.writeValueAsString(fields));
				case MULTIPART_API ->
					http.multipart(method, path, Map.of("update", fields), Map.of("files", "note.txt"));
				case FORM -> http.form(path, fields);
				case MULTIPART_FORM -> http.multipart(method, path, fields, Map.of("files", "note.txt"));
			};
		}

		Answer raw(String json) throws Exception {
			return http.json(method, path, json);
		}

	}

	/** What came back: the status and the body, as text. */
	record Answer(int status, String body) {

		/** The field is named in the answer, as the API's JSON or a page shows it. */
		boolean names(String field) {
			var text = body.startsWith("{") ? body : Jsoup.parse(body).text();
			return text.toLowerCase(Locale.ROOT).contains(field.toLowerCase(Locale.ROOT));
		}

		@Override
		public String toString() {
			return status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
		}

	}

	/**
	 * An HTTP client signed in as a person: by the login form with a session for pages,
	 * or by HTTP Basic for the API.
	 */
	static final class Http {

		private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

		private final String base;

		private final String basic;

		private String csrf;

		private Http(int port, String basic) {
			this.base = "http://localhost:" + port;
			this.basic = basic;
		}

		static Http admin(int port) {
			return new Http(port,
					"Basic " + java.util.Base64.getEncoder()
						.encodeToString((TestEnvironment.ADMIN_EMAIL + ":" + TestEnvironment.ADMIN_PASSWORD)
							.getBytes(StandardCharsets.UTF_8)));
		}

		static Http anonymous(int port) throws Exception {
			var http = new Http(port, null);
			http.csrf = Jsoup.parse(http.send(http.request("/login").GET()).body())
				.select("input[name=_csrf]")
				.attr("value");
			return http;
		}

		static Http signedIn(int port, String email, String password) throws Exception {
			var http = anonymous(port);
			var answer = http.form("/login", Map.of("username", email, "password", password));
			if (answer.status() != 302) {
				throw new IllegalStateException(email + " could not sign in: " + answer);
			}
			http.csrf = Jsoup.parse(http.send(http.request("/account/password").GET()).body())
				.select("input[name=_csrf]")
				.attr("value");
			return http;
		}

		Answer json(String method, String path, String json) throws Exception {
			return send(request(path).header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
		}

		Answer form(String path, Map<String, Object> fields) throws Exception {
			var body = new StringBuilder("_csrf=" + encoded(csrf));
			fields.forEach((name, value) -> body.append('&').append(encoded(name)).append('=').append(encoded(value)));
			return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
		}

		/**
		 * Form fields (or, for the API, JSON parts) and a small text file for each named
		 * file part.
		 */
		Answer multipart(String method, String path, Map<String, Object> fields, Map<String, String> files)
				throws Exception {
			var boundary = "casepost-" + UUID.randomUUID();
			var body = new ByteArrayOutputStream();
			if (csrf != null) {
				part(body, boundary, "_csrf", null, "text/plain", csrf);
			}
			for (var field : fields.entrySet()) {
				var value = field.getValue();
				if (value instanceof Map<?, ?> json) {
					part(body, boundary, field.getKey(), null, "application/json", JSON.writeValueAsString(json));
				}
				else if (value != null) {
					part(body, boundary, field.getKey(), null, "text/plain; charset=UTF-8", String.valueOf(value));
				}
			}
			for (var file : files.entrySet()) {
				part(body, boundary, file.getKey(), file.getValue(), "text/plain", "Notes on the case");
			}
			body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
			return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.method(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
		}

		private static void part(ByteArrayOutputStream body, String boundary, String name, String fileName, String type,
				String content) throws IOException {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
					+ (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\nContent-Type: " + type
					+ "\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			body.write(content.getBytes(StandardCharsets.UTF_8));
			body.write("\r\n".getBytes(StandardCharsets.UTF_8));
		}

		private HttpRequest.Builder request(String path) {
			var request = HttpRequest.newBuilder(URI.create(base + path));
			if (basic != null) {
				request.header("Authorization", basic);
			}
			return request;
		}

		private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
			var answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Answer(answer.statusCode(), answer.body());
		}

		private static String encoded(Object value) {
			return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
		}

	}

}
