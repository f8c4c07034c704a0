package io.casepost.inbound.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Every quote header of client-markers.tsv, filled in as its client fills it (the date
 * and time in the language's own formats, a weekday name, a sender with an address), is
 * recognised above a quote, on one line and wrapped over two.
 */
class ClientHeadersTest {

	private static final LocalDateTime SENT = LocalDateTime.of(2026, 3, 12, 10, 15);

	private static final String SENDER = "Dana Reyes <dana.reyes@agency.example>";

	private static final int WRAP = 72;

	/** Headers not recognised, and why. */
	private static final Map<String, String> KNOWN_MISSES = Map.of("eu (evolution): Jatorrizko mezua:",
			"Evolution's Basque header ends with the sender, with no colon or verb to close it",
			"hy (thunderbird): Dana Reyes <dana.reyes@agency.example>-ը գրել է 12 մրտ, 2026 թ.\n",
			"wrapped right after the abbreviation 'թ.', which reads as the end of a sentence");

	private final ReplyExtractor extractor = new ReplyExtractor();

	@Test
	void everyClientHeaderInEveryLanguageIsRemovedWithTheQuoteBelowIt() throws IOException {
		List<String> missed = new ArrayList<>();
		List<String[]> headers = clientHeaders();
		for (String[] header : headers) {
			String filled = fill(header[2], Locale.forLanguageTag(header[1]));
			for (String written : List.of(filled, wrapped(filled))) {
				String body = "Received, thank you.\n\n" + written
						+ "\n> The count is done.\n> 212 units are missing.\n";
				if (!extractor.fromText(body).text().equals("Received, thank you.")) {
					missed.add(header[1] + " (" + header[3] + "): " + written);
				}
			}
		}
		assertThat(headers).hasSizeGreaterThan(400);
		assertThat(missed).allMatch(miss -> KNOWN_MISSES.keySet().stream().anyMatch(miss::startsWith),
				"only the known misses: " + KNOWN_MISSES);
	}

	private static String fill(String template, Locale locale) {
		return template.replace("{sender}", SENDER)
			.replace("{date}", DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(SENT))
			.replace("{time}", DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(SENT))
			.replace("{w}", DayOfWeek.THURSDAY.getDisplayName(TextStyle.SHORT, locale).replace(" ", ""))
			.replace("{n}", "12");
	}

	/**
	 * The header as a client wraps it: broken at the last space before column 72, or,
	 * when shorter, before the sender's address.
	 */
	private static String wrapped(String header) {
		int at = header.length() > WRAP ? header.lastIndexOf(' ', WRAP) : header.indexOf(" <");
		return at <= 0 ? header : header.substring(0, at) + "\n" + header.substring(at + 1);
	}

	private static List<String[]> clientHeaders() throws IOException {
		try (InputStream in = ClientHeadersTest.class.getResourceAsStream("client-markers.tsv")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter(line -> line.startsWith("header\t"))
				.map(line -> line.split("\t"))
				.toList();
		}
	}

}
