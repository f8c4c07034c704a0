package io.casepost;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** Drives the product's HTTP API as an outside client does, over a real socket. */
public class TestApi {

	private final RestClient client;

	private final int port;

	public TestApi(int port, String email, String password) {
		this.port = port;
		this.client = RestClient.builder().baseUrl("http://localhost:" + port).defaultHeaders(headers -> {
			if (email != null) {
				headers.setBasicAuth(email, password);
			}
		}).defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
		}).build();
	}

	public static TestApi asAdmin(int port) {
		return new TestApi(port, TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD);
	}

	/** A caller who does not sign in. */
	public static TestApi anonymous(int port) {
		return new TestApi(port, null, null);
	}

	public TestApi as(String email, String password) {
		return new TestApi(port, email, password);
	}

	public Response post(String path, Object body) {
		return exchange(client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body));
	}

	public Response put(String path, Object body) {
		return exchange(client.put().uri(path).contentType(MediaType.APPLICATION_JSON).body(body));
	}

	/**
	 * An update with files, as multipart form data: the JSON part "update" and a part
	 * "files" per file.
	 */
	public Response postWithFiles(String path, Object update, Map<String, byte[]> files) {
		var parts = new org.springframework.util.LinkedMultiValueMap<String, Object>();
		var json = new org.springframework.http.HttpHeaders();
		json.setContentType(MediaType.APPLICATION_JSON);
		parts.add("update", new org.springframework.http.HttpEntity<>(update, json));
		files.forEach((name, bytes) -> parts.add("files", new org.springframework.core.io.ByteArrayResource(bytes) {
			@Override
			public String getFilename() {
				return name;
			}
		}));
		return exchange(client.post().uri(path).contentType(MediaType.MULTIPART_FORM_DATA).body(parts));
	}

	/** The body as bytes, for downloads; fails on any status but 200. */
	public byte[] download(String path) {
		return client.get().uri(path).exchange((request, response) -> {
			if (response.getStatusCode().value() != 200) {
				throw new AssertionError("Expected HTTP 200 for " + path + " but got " + response.getStatusCode());
			}
			return response.getBody().readAllBytes();
		});
	}

	public Response delete(String path) {
		return exchange(client.delete().uri(path));
	}

	public Response get(String path) {
		return exchange(client.get().uri(path));
	}

	/** Every item of a paged list, following its Link headers to the last page. */
	public List<Map<String, Object>> getAll(String path) {
		var items = new java.util.ArrayList<Map<String, Object>>();
		for (var page = path; page != null;) {
			var answer = get(page).ok(200);
			items.addAll(answer.jsonList());
			page = answer.nextPage();
		}
		return items;
	}

	/** The body of a successful GET, as bytes. */
	public byte[] getBytes(String path) {
		return client.get().uri(path).exchange((request, response) -> {
			if (response.getStatusCode().value() != 200) {
				throw new AssertionError("Expected HTTP 200 for " + path + " but got " + response.getStatusCode());
			}
			return response.getBody().readAllBytes();
		});
	}

	private Response exchange(RestClient.RequestHeadersSpec<?> request) {
		return request.exchange((req, response) -> {
			var text = new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			return new Response(response.getStatusCode().value(), text,
					response.getHeaders().getFirst(org.springframework.http.HttpHeaders.LINK));
		});
	}

	/** A person with a unique address, so tests sharing a context never meet. */
	public Map<String, Object> person(String role) {
		var email = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		return post("/api/people",
				Map.of("name", "Test " + role, "email", email, "role", role, "password", "pw-" + email))
			.ok(201)
			.json();
	}

	/**
	 * An open case with a manager, an investigator and a client, each able to sign in
	 * with "pw-" + their email.
	 */
	public TestCase openCase() {
		var manager = person("CASE_MANAGER");
		var investigator = person("INVESTIGATOR");
		var client = person("CLIENT");
		var caseFile = post("/api/cases", Map.of("title", "Case " + UUID.randomUUID().toString().substring(0, 6),
				"caseManagerEmail", manager.get("email")))
			.ok(201)
			.json();
		var id = ((Number) caseFile.get("id")).longValue();
		post("/api/cases/" + id + "/participants", Map.of("email", investigator.get("email"))).ok(200);
		post("/api/cases/" + id + "/participants", Map.of("email", client.get("email"))).ok(200);
		return new TestCase(id, (String) caseFile.get("number"), (String) manager.get("email"),
				(String) investigator.get("email"), (String) client.get("email"));
	}

	public record TestCase(long id, String number, String managerEmail, String investigatorEmail, String clientEmail) {

		public String updatesPath() {
			return "/api/cases/" + id + "/updates";
		}
	}

	/** An answer; {@code link} is its Link header (the next page of a list), or null. */
	public record Response(int status, String body, String link) {

		private static final tools.jackson.databind.ObjectMapper JSON = new tools.jackson.databind.ObjectMapper();

		public Response ok(int expected) {
			if (status != expected) {
				throw new AssertionError("Expected HTTP " + expected + " but got " + status + ": " + body);
			}
			return this;
		}

		public Map<String, Object> json() {
			return JSON.readValue(body, new tools.jackson.core.type.TypeReference<Map<String, Object>>() {
			});
		}

		/**
		 * The path of the next page that the Link header names, or null on the last page.
		 */
		public String nextPage() {
			if (link == null) {
				return null;
			}
			var matcher = java.util.regex.Pattern.compile("<([^>]+)>;\\s*rel=\"next\"").matcher(link);
			return matcher.find() ? matcher.group(1) : null;
		}

		public List<Map<String, Object>> jsonList() {
			return JSON.readValue(body, new tools.jackson.core.type.TypeReference<List<Map<String, Object>>>() {
			});
		}
	}

}
