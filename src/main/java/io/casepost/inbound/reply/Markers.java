package io.casepost.inbound.reply;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;

/**
 * The multilingual phrases and the line tests built on them: markers.tsv, written here,
 * and client-markers.tsv, the quote headers, separators, header fields and mobile footers
 * that mail clients write, taken from their own translations
 * (tools/reply-markers/extract_client_markers.py; sources in client-markers-sources.tsv).
 */
final class Markers {

	private static final String RESOURCE = "markers.tsv";

	private static final String CLIENT_RESOURCE = "client-markers.tsv";

	private static final int MAX_FIELD_NAME = 24;

	private static final int MAX_DEVICE_WORDS = 5;

	private static final int MAX_APOLOGY_WORDS = 4;

	private static final int MAX_SIGNOFF_WORDS = 5;

	private static final int MAX_APP_FOOTER_WORDS = 8;

	private static final int SEPARATOR_PREFIX = 100;

	/** App footers are short lines. */
	private static final int MAX_APP_FOOTER_CHARS = 160;

	private final Map<MarkerKind, PhraseSet> phrases = new EnumMap<>(MarkerKind.class);

	private final Map<String, MarkerKind> fieldNames = new HashMap<>();

	private final Set<String> headerTemplates = new HashSet<>();

	private final List<HeaderTemplate> headersOpeningWithDatePart = new ArrayList<>();

	/**
	 * The first words of separators and mobile footers, to pass most lines by at once.
	 */
	private final PhraseSet separatorAndFooterStarts = new PhraseSet();

	/** Client headers by the character they end with; 0 for those ending with a slot. */
	private final Map<Character, List<HeaderTemplate>> headersByLastChar = new HashMap<>();

	/**
	 * The words that close the clients' headers, which only ever count at the end of one.
	 */
	private final PhraseSet closingVerbs = new PhraseSet();

	private Markers() {
		for (MarkerKind kind : MarkerKind.values()) {
			phrases.put(kind, new PhraseSet());
		}
	}

	static Markers load() {
		Markers markers = new Markers();
		markers.read(RESOURCE, 3);
		markers.read(CLIENT_RESOURCE, 4);
		return markers;
	}

	private void read(String resource, int columns) {
		try (InputStream in = Markers.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("missing resource " + resource);
			}
			new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
				.filter(line -> !line.isBlank() && !line.startsWith("#"))
				.forEach(line -> addEntry(resource, line, columns));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private void addEntry(String resource, String line, int columns) {
		String[] parts = line.split("\t");
		if (parts.length != columns) {
			throw new IllegalStateException(resource + ": expected " + columns + " columns in: " + line);
		}
		String phrase = parts[2].strip();
		if (parts[0].equals("header")) {
			addHeaderTemplate(phrase);
			return;
		}
		MarkerKind kind = MarkerKind.valueOf(parts[0].toUpperCase(Locale.ROOT));
		phrases.get(kind).add(phrase);
		if (kind == MarkerKind.FORWARD || kind == MarkerKind.ORIGINAL || kind == MarkerKind.MOBILE) {
			separatorAndFooterStarts.add(phrase);
		}
		if (kind.isHeaderField()) {
			// a name shared by two fields (French "De"/Spanish "De") keeps its first
			// kind; both open a block
			fieldNames.putIfAbsent(Text.lower(phrase), kind);
		}
	}

	/**
	 * A client's quote header; the words after its last slot ("schrieb", "a écrit") also
	 * close headers of other clients in that language.
	 */
	private void addHeaderTemplate(String template) {
		HeaderTemplate header = HeaderTemplate.parse(template);
		if (headerTemplates.add(HeaderTemplate.normalize(template))) {
			headersByLastChar.computeIfAbsent(header.lastChar(), k -> new ArrayList<>()).add(header);
			if (header.opensWithDatePart()) {
				headersOpeningWithDatePart.add(header);
			}
		}
		String closing = header.closingWords();
		if (closing.codePoints().anyMatch(Character::isLetter)) {
			closingVerbs.add(closing);
		}
	}

	/**
	 * Whether {@code joined} is a client's quote header; one without a date only when
	 * {@code aboveQuote}.
	 */
	boolean isClientHeader(String joined, boolean aboveQuote) {
		if (!aboveQuote && !Text.hasDigitOrAt(joined)) {
			return false; // a dated header has a digit
		}
		String normalized = HeaderTemplate.normalize(joined);
		if (normalized.isEmpty()) {
			return false;
		}
		return matchesAny(headersByLastChar.get(normalized.charAt(normalized.length() - 1)), normalized, aboveQuote)
				|| matchesAny(headersByLastChar.get((char) 0), normalized, aboveQuote);
	}

	/**
	 * Whether {@code line} is a client's header that opens with a weekday or a number.
	 */
	boolean isClientHeaderOpeningWithDatePart(String line) {
		String normalized = HeaderTemplate.normalize(line);
		return headersOpeningWithDatePart.stream().anyMatch(template -> template.matches(normalized));
	}

	private static boolean matchesAny(List<HeaderTemplate> templates, String normalized, boolean aboveQuote) {
		if (templates == null) {
			return false;
		}
		for (HeaderTemplate template : templates) {
			if ((aboveQuote || template.dated()) && template.matches(normalized)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The field named at the start of an Outlook-style header line ("*From:* x", "De :
	 * x"), or null.
	 */
	MarkerKind fieldOf(String line) {
		String s = Text.stripLeading(line, "*");
		int colon = indexOfColon(s, MAX_FIELD_NAME);
		if (colon <= 0) {
			return null;
		}
		String name = Text.lower(Text.stripTrailing(s.substring(0, colon), "*\u00a0\u202f"));
		return fieldNames.get(name);
	}

	/**
	 * Whether a separator or a mobile footer may start {@code line}, judged on its first
	 * word: most lines are passed by with this one look-up.
	 */
	boolean mayStartWithPhrase(String line) {
		return separatorAndFooterStarts.mayStart(Text.stripLeading(line, "-*(<["));
	}

	/**
	 * "---------- Forwarded message ---------", "Begin forwarded message:", "-----
	 * Message transmis ----- De: ...".
	 */
	boolean isForwardSeparator(String line) {
		return separatorMatch(line, MarkerKind.FORWARD, false);
	}

	/**
	 * "-----Original Message-----" and its translations; only dash-wrapped, as clients
	 * write it.
	 */
	boolean isOriginalSeparator(String line) {
		return separatorMatch(line, MarkerKind.ORIGINAL, true);
	}

	private boolean separatorMatch(String line, MarkerKind kind, boolean dashesRequired) {
		String s = Text.stripLeading(line, "*");
		boolean dashed = s.startsWith("-");
		String start = Text.stripLeading(s, "-*");
		if (!phrases.get(kind).mayStart(start)) {
			return false;
		}
		// the phrases are short: the start of a long line is enough to compare
		String lower = Text.lower(start.length() > SEPARATOR_PREFIX ? start.substring(0, SEPARATOR_PREFIX) : start);
		int length = phrases.get(kind).matchAtStart(lower);
		if (length < 0) {
			return false;
		}
		String rest = lower.substring(length).strip();
		boolean closed = rest.isEmpty() || "-:：*/".indexOf(rest.charAt(0)) >= 0;
		return closed && (dashed || !dashesRequired || rest.startsWith("-"));
	}

	/**
	 * "Sent from my iPhone", "Von meinem Mobilgerät gesendet", "Get Outlook for iOS": the
	 * phrase, a device named in a few words, an optional link and an optional short
	 * apology ("please excuse typos"). A sentence that merely starts the same way ("Sent
	 * from my desk, is much easier than ...") is not a signature.
	 */
	boolean isMobileSignature(String line) {
		if (line.length() > MAX_APP_FOOTER_CHARS) {
			return false;
		}
		String start = Text.stripLeading(line, "(<[");
		if (!phrases.get(MarkerKind.MOBILE).mayStart(start)) {
			return false;
		}
		String lower = Text.lower(start);
		int length = phrases.get(MarkerKind.MOBILE).matchAtStart(lower);
		if (length < 0) {
			return false;
		}
		String rest = withoutLinks(lower.substring(length));
		int clauseEnd = indexOfAny(rest, ",.!;");
		String device = clauseEnd < 0 ? rest : rest.substring(0, clauseEnd);
		String apology = clauseEnd < 0 ? "" : rest.substring(clauseEnd + 1);
		return Text.countWords(device) <= MAX_DEVICE_WORDS && Text.countWords(apology) <= MAX_APOLOGY_WORDS;
	}

	/**
	 * A short line naming a mail app and a device ("Outlook" and "iOS", "Yahoo Mail" and
	 * "Android"), links aside.
	 */
	boolean namesAppAndDevice(String line) {
		if (line.length() > MAX_APP_FOOTER_CHARS || Text.countWords(line) > MAX_APP_FOOTER_WORDS + 2) {
			return false;
		}
		String lower = withoutLinks(Text.lower(line));
		if (Text.countWords(lower) > MAX_APP_FOOTER_WORDS) {
			return false;
		}
		return phrases.get(MarkerKind.APP).containsAny(lower) && phrases.get(MarkerKind.DEVICE).containsAny(lower);
	}

	/** A closing such as "Regards, Roman" or "Thanks!". */
	boolean isSignoff(String line) {
		String lower = Text.lower(line.strip());
		return phrases.get(MarkerKind.SIGNOFF).matchAtStart(lower) >= 0 && Text.countWords(lower) <= MAX_SIGNOFF_WORDS;
	}

	boolean startsWithIntro(String lower) {
		return phrases.get(MarkerKind.INTRO).matchAtStart(lower) >= 0;
	}

	boolean endsWithVerb(String lower) {
		return phrases.get(MarkerKind.WROTE).endsWithAny(lower) || closingVerbs.endsWithAny(lower);
	}

	boolean containsVerb(String lower) {
		return phrases.get(MarkerKind.WROTE).containsAny(lower);
	}

	private static String withoutLinks(String s) {
		int cut = indexOfAny(s, "<[");
		int http = s.indexOf("http");
		if (http >= 0 && (cut < 0 || http < cut)) {
			cut = http;
		}
		return cut < 0 ? s : s.substring(0, cut);
	}

	private static int indexOfColon(String s, int within) {
		int limit = Math.min(s.length(), within + 1);
		for (int i = 0; i < limit; i++) {
			char c = s.charAt(i);
			if (c == ':' || c == '：') {
				return i;
			}
		}
		return -1;
	}

	private static int indexOfAny(String s, String chars) {
		for (int i = 0; i < s.length(); i++) {
			if (chars.indexOf(s.charAt(i)) >= 0) {
				return i;
			}
		}
		return -1;
	}

}
