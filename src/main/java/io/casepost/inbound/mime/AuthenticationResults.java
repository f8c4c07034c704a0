package io.casepost.inbound.mime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code Authentication-Results} header (RFC 8601): the server that checked the
 * message ({@code authserv-id}) and its verdicts, e.g. {@code spf=pass},
 * {@code dkim=fail}, {@code dmarc=pass}. Only the receiving server's own header means
 * anything: a sender can write any such header into its message, so
 * {@link #ofReceivingServer} takes the topmost one, or the one carrying the id this
 * installation's server is known by.
 *
 * @param authservId the checking server's id, or null where the header names none
 * (Microsoft 365 writes none)
 * @param verdicts in header order; a method may appear more than once (a DKIM result per
 * signature)
 */
public record AuthenticationResults(String authservId, List<Verdict> verdicts) {

	public static final String HEADER = "Authentication-Results";

	private static final Pattern RESULT = Pattern
		.compile("^\\s*([A-Za-z0-9_-]+)\\s*(?:/\\s*[0-9]+\\s*)?=\\s*([A-Za-z0-9_-]+)(.*)$", Pattern.DOTALL);

	private static final Pattern PROPERTY = Pattern
		.compile("([A-Za-z0-9_.-]+)\\s*=\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s\"]+)");

	public AuthenticationResults {
		verdicts = List.copyOf(verdicts);
	}

	/**
	 * One method's result on this message.
	 *
	 * @param method lower-case, e.g. {@code spf}, {@code dkim}, {@code dmarc}
	 * @param result lower-case, e.g. {@code pass}, {@code fail}, {@code softfail},
	 * {@code none}
	 * @param properties {@code reason} and {@code ptype.property} values such as
	 * {@code header.d} or {@code smtp.mailfrom}
	 */
	public record Verdict(String method, String result, Map<String, String> properties) {

		public Verdict {
			properties = Map.copyOf(properties);
		}
	}

	/**
	 * Reads one header value (folded or not); empty when it is not an
	 * Authentication-Results header at all.
	 */
	public static Optional<AuthenticationResults> parse(String header) {
		if (header == null || header.isBlank()) {
			return Optional.empty();
		}
		var statements = statements(withoutComments(header.replaceAll("\\r?\\n[ \\t]", " ")));
		if (statements.isEmpty()) {
			return Optional.empty();
		}
		String authservId = null;
		var first = statements.get(0).strip();
		if (!RESULT.matcher(first).matches()) {
			authservId = unquoted(first.split("\\s+")[0]);
			statements = statements.subList(1, statements.size());
		}
		var verdicts = new ArrayList<Verdict>();
		for (var statement : statements) {
			verdict(statement).ifPresent(verdicts::add);
		}
		if (authservId == null && verdicts.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new AuthenticationResults(authservId, verdicts));
	}

	/**
	 * The verdicts of the server that received the message, from its headers in message
	 * order (topmost, i.e. last added, first). Where {@code trustedAuthservId} is given
	 * only a header with that id counts (RFC 8601 section 5); otherwise the topmost
	 * header does.
	 */
	public static Optional<AuthenticationResults> ofReceivingServer(List<String> headers, String trustedAuthservId) {
		for (var header : headers) {
			var results = parse(header);
			if (results.isEmpty()) {
				continue;
			}
			if (trustedAuthservId == null || trustedAuthservId.isBlank()
					|| trustedAuthservId.strip().equalsIgnoreCase(results.get().authservId())) {
				return results;
			}
		}
		return Optional.empty();
	}

	/**
	 * The method's outcome: {@code pass} where any of its results passed (one good DKIM
	 * signature is enough), else its first result; null where the server did not check
	 * it.
	 */
	public String result(String method) {
		var results = verdicts.stream()
			.filter(verdict -> verdict.method().equalsIgnoreCase(method))
			.map(Verdict::result)
			.toList();
		if (results.isEmpty()) {
			return null;
		}
		return results.contains("pass") ? "pass" : results.get(0);
	}

	public String spf() {
		return result("spf");
	}

	public String dkim() {
		return result("dkim");
	}

	public String dmarc() {
		return result("dmarc");
	}

	private static Optional<Verdict> verdict(String statement) {
		var matcher = RESULT.matcher(statement);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		var properties = new LinkedHashMap<String, String>();
		var property = PROPERTY.matcher(matcher.group(3));
		while (property.find()) {
			properties.putIfAbsent(property.group(1).toLowerCase(Locale.ROOT), unquoted(property.group(2)));
		}
		return Optional.of(new Verdict(matcher.group(1).toLowerCase(Locale.ROOT),
				matcher.group(2).toLowerCase(Locale.ROOT), properties));
	}

	/** Splits on the semicolons outside quoted strings. */
	private static List<String> statements(String header) {
		var statements = new ArrayList<String>();
		var current = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < header.length(); i++) {
			char c = header.charAt(i);
			if (c == '\\' && quoted && i + 1 < header.length()) {
				current.append(c).append(header.charAt(++i));
				continue;
			}
			if (c == '"') {
				quoted = !quoted;
			}
			if (c == ';' && !quoted) {
				statements.add(current.toString());
				current.setLength(0);
			}
			else {
				current.append(c);
			}
		}
		statements.add(current.toString());
		return statements.stream().filter(statement -> !statement.isBlank()).toList();
	}

	/**
	 * Drops (comments), which may nest and hold semicolons, e.g. Gmail's "(google.com:
	 * domain of ...)".
	 */
	private static String withoutComments(String header) {
		var out = new StringBuilder();
		int depth = 0;
		boolean quoted = false;
		for (int i = 0; i < header.length(); i++) {
			char c = header.charAt(i);
			if (c == '\\' && i + 1 < header.length() && (quoted || depth > 0)) {
				if (depth == 0) {
					out.append(c).append(header.charAt(i + 1));
				}
				i++;
				continue;
			}
			if (depth == 0 && c == '"') {
				quoted = !quoted;
			}
			else if (!quoted && c == '(') {
				depth++;
				continue;
			}
			else if (!quoted && c == ')' && depth > 0) {
				depth--;
				out.append(depth == 0 ? " " : "");
				continue;
			}
			if (depth == 0) {
				out.append(c);
			}
		}
		return out.toString();
	}

	private static String unquoted(String value) {
		if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
		}
		return value;
	}
}
