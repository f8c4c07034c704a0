package io.casepost.inbound.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A reply as a mail client writes it, stored under {@code messages/NAME.eml} with
 * placeholders for what differs per run ({{FROM}}, {{TO}}, {{IN_REPLY_TO}},
 * {{MESSAGE_ID}}, {{SUBJECT}}, {{FILE:name}} for the base64 of a file under
 * {@code files/}), and what must become of it under {@code messages/NAME.expected}: "key:
 * value" lines (disposition, reason, attachments, note, forwarded: text the forward kept
 * with the update holds), a blank line, then the exact posted text.
 */
record ReplyTemplate(String name, String template, Expected expected) {

	private static final String ROOT = "io/casepost/inbound/e2e/";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)(?::([^}]+))?}}");

	record Expected(String disposition, String reason, List<String> attachments, String note, String forwarded,
			String text) {
	}

	/** Every template, by name. */
	static List<ReplyTemplate> all() {
		try {
			var resources = new PathMatchingResourcePatternResolver()
				.getResources("classpath*:" + ROOT + "messages/*.eml");
			return Arrays.stream(resources)
				.map(resource -> resource.getFilename().replaceFirst("\\.eml$", ""))
				.sorted()
				.map(ReplyTemplate::load)
				.toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static ReplyTemplate load(String name) {
		return new ReplyTemplate(name, read("messages/" + name + ".eml", StandardCharsets.ISO_8859_1),
				parse(read("messages/" + name + ".expected", StandardCharsets.UTF_8)));
	}

	/**
	 * The message as sent in reply to {@code received}; the Message-ID is unique to this
	 * name and run.
	 */
	byte[] fill(UpdateThread.Received received, String messageId) {
		var values = Map.of("FROM", received.address(), "TO", received.replyAddress(), "IN_REPLY_TO",
				received.messageId(), "MESSAGE_ID", messageId, "SUBJECT", received.subject());
		var matcher = PLACEHOLDER.matcher(template);
		var out = new StringBuilder();
		while (matcher.find()) {
			var value = matcher.group(1).equals("FILE") ? base64(matcher.group(2)) : values.get(matcher.group(1));
			if (value == null) {
				throw new IllegalArgumentException(name + ": unknown placeholder " + matcher.group());
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(out);
		// mail on the wire has CRLF line ends; the ISO-8859-1 round trip keeps 8-bit
		// bytes of legacy charsets
		return out.toString().replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
	}

	static String newMessageId(String name) {
		return "<" + name + "." + UUID.randomUUID().toString().substring(0, 12) + "@mail.client.example>";
	}

	@Override
	public String toString() {
		return name;
	}

	private static Expected parse(String text) {
		var split = text.indexOf("\n\n");
		var head = split < 0 ? text : text.substring(0, split);
		var body = split < 0 ? "" : text.substring(split + 2).stripTrailing();
		var fields = new LinkedHashMap<String, String>();
		for (var line : head.split("\n")) {
			var colon = line.indexOf(':');
			fields.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
		}
		var attachments = fields.getOrDefault("attachments", "");
		return new Expected(fields.get("disposition"), fields.get("reason"),
				attachments.isEmpty() ? List.of() : new ArrayList<>(Arrays.stream(attachments.split(",\\s*")).toList()),
				fields.get("note"), fields.get("forwarded"), body);
	}

	private static String base64(String file) {
		try {
			var bytes = new ClassPathResource(ROOT + "files/" + file).getContentAsByteArray();
			return Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Templates are read as ISO-8859-1, which keeps every byte of whatever charset a
	 * message declares.
	 */
	private static String read(String path, java.nio.charset.Charset charset) {
		try {
			return new ClassPathResource(ROOT + path).getContentAsString(charset).replace("\r\n", "\n");
		}
		catch (IOException e) {
			throw new UncheckedIOException(path + ": " + e.getMessage(), e);
		}
	}
}
