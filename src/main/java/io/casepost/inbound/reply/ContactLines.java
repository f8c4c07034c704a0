package io.casepost.inbound.reply;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lines of a signature block with no "-- " above it: phone and fax numbers, e-mail and
 * web addresses, social profiles, a postal address, a company name. Each test is a word
 * lookup or one anchored pattern on a short line, tried only when a cheap sign (a digit,
 * an "@", a dot) is there.
 */
final class ContactLines {

	private static final int MAX_WORDS = 10;

	private static final int MAX_CONTACT_CHARS = 200;

	private static final int MAX_LABEL = 16;

	private static final int MIN_PHONE_DIGITS = 7;

	private static final int MAX_PHONE_OTHERS = 6;

	private static final Pattern EMAIL = Pattern
		.compile("[^\\s@<>()\\[\\]]{1,64}@[^\\s@<>()\\[\\]]{1,255}\\.\\p{L}{2,}");

	private static final Pattern DOMAIN = Pattern.compile("\\b[\\p{L}0-9-]{2,63}\\.(com|org|net|io|co|biz|info)\\b");

	private static final Set<String> SOCIAL = Set.of("linkedin", "twitter", "x.com", "facebook", "instagram", "xing",
			"skype", "youtube", "mastodon", "bsky", "threads.net", "wa.me");

	/** UK, US, Canadian, Dutch and continental postcodes. */
	private static final Pattern POSTCODE = Pattern.compile(
			"\\b(\\p{L}{1,2}\\d[\\p{L}\\d]? ?\\d\\p{L}{2}|\\p{L}{2} \\d{5}(-\\d{4})?|\\p{L}\\d\\p{L} ?\\d\\p{L}\\d|\\d{4} ?\\p{L}{2}|\\d{2}-?\\d{3}|\\d{4,5} \\p{L}{2,})\\b");

	/** Words that name a street after its number or name ("12 High Street"). */
	private static final Set<String> STREET_WORDS = Set.of("street", "st", "st.", "road", "rd", "rd.", "avenue", "ave",
			"ave.", "blvd", "boulevard", "lane", "ln", "drive", "dr", "way", "square", "sq", "place", "pl", "court",
			"ct", "suite", "floor", "row", "straße", "strasse", "str.", "weg", "platz", "gasse", "allee", "laan",
			"straat", "gracht", "vej", "gatan", "gata", "veien");

	/** Words that name a street before its name ("12 rue de la Paix", "ul. Długa 5"). */
	private static final Set<String> STREET_FIRST = Set.of("rue", "avenue", "av.", "boulevard", "bd", "chemin", "place",
			"allée", "via", "viale", "piazza", "calle", "avenida", "rua", "praça", "ulica", "ul.", "plac");

	/** Company forms that end a firm's name. */
	private static final Set<String> COMPANY_FORMS = Set.of("inc", "ltd", "llc", "llp", "plc", "gmbh", "ag", "kg", "sa",
			"s.a", "sas", "sarl", "bv", "b.v", "nv", "n.v", "oy", "ab", "as", "a/s", "aps", "pty", "corp", "co", "s.l",
			"srl", "s.r.l", "spa", "s.p.a", "o.o", "s.r.o", "kft", "limited", "incorporated");

	/** Lower-case parts of names: "Ludwig van Beethoven", "Charles de Gaulle". */
	private static final Set<String> NAME_PARTICLES = Set.of("van", "von", "de", "der", "den", "da", "di", "du", "la",
			"le", "y", "bin", "al");

	private ContactLines() {
	}

	/**
	 * Whether the line carries a sign every contact line has: a digit, an "@", a dot, or
	 * a word of an address, a firm or a profile. Cheaper than {@link #isContact}.
	 */
	static boolean mayBeContact(String line) {
		if (line.length() > MAX_CONTACT_CHARS) {
			return false;
		}
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (Character.isDigit(c) || c == '@' || c == '.') {
				return true;
			}
		}
		return isContact(line);
	}

	/** A line that only a signature holds: how to reach the sender or their firm. */
	static boolean isContact(String line) {
		String s = Text.lower(line.strip());
		if (s.isEmpty() || Text.countWords(s) > MAX_WORDS) {
			return false;
		}
		String[] words = s.split("\\s+");
		boolean digit = hasDigit(s);
		return digit && (isPhone(s) || isPostal(s, words)) || s.indexOf('@') >= 0 && EMAIL.matcher(s).find()
				|| s.indexOf('.') >= 0 && (s.contains("http") || s.contains("www.") || DOMAIN.matcher(s).find())
				|| isSocial(s) || STREET_FIRST.contains(words[0]) || COMPANY_FORMS.contains(lastWord(words));
	}

	/**
	 * "Tel: +44 (0)20 7946 0000", "M. 06 12 34 56 78", "+1 555-346-9947 ext. 12": digits
	 * and phone punctuation after a short label.
	 */
	static boolean isPhone(String lower) {
		int start = labelEnd(lower);
		int digits = 0;
		int others = 0;
		for (int i = start; i < lower.length(); i++) {
			char c = lower.charAt(i);
			if (Character.isDigit(c)) {
				digits++;
			}
			else if ("+()-./ \u00a0".indexOf(c) < 0) {
				others++;
			}
		}
		return digits >= MIN_PHONE_DIGITS && others <= MAX_PHONE_OTHERS;
	}

	/** Where a short label such as "tel:", "mobile", "t." or "phone (uk):" ends. */
	private static int labelEnd(String lower) {
		int i = 0;
		int limit = Math.min(lower.length(), MAX_LABEL);
		while (i < limit && !Character.isDigit(lower.charAt(i)) && lower.charAt(i) != '+' && lower.charAt(i) != '(') {
			i++;
		}
		return i < limit ? i : 0;
	}

	private static boolean isPostal(String lower, String[] words) {
		for (String word : words) {
			if (STREET_WORDS.contains(Text.stripTrailing(word, ","))) {
				return true;
			}
		}
		return POSTCODE.matcher(lower).find() || lower.matches("^\\S*(straße|strasse|weg|platz|gasse|straat|gatan) .*");
	}

	private static boolean isSocial(String lower) {
		for (String network : SOCIAL) {
			if (lower.contains(network)) {
				return true;
			}
		}
		return false;
	}

	private static String lastWord(String[] words) {
		return Text.stripTrailing(words[words.length - 1], ".,");
	}

	private static boolean hasDigit(String s) {
		for (int i = 0; i < s.length(); i++) {
			if (Character.isDigit(s.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A short line such as a name, a job title or a department: few words, no sentence
	 * end.
	 */
	static boolean isShortLabel(String line) {
		String s = line.strip();
		if (s.isEmpty() || Text.countWords(s) > 6 || s.endsWith("?") || s.endsWith("!") || s.endsWith(":")) {
			return false;
		}
		return !s.endsWith(".") || Text.countWords(s) <= 3;
	}

	/**
	 * "Dana Reyes", "J. Smith", "Jean-Luc Picard", "山田太郎": a name the sender signs with.
	 */
	static boolean isName(String line) {
		String s = line.strip();
		int words = Text.countWords(s);
		if (words == 0 || words > 4 || isContact(s)) {
			return false;
		}
		for (String word : s.split("\\s+")) {
			int first = word.codePointAt(0);
			boolean uncased = Character.isLetter(first) && !Character.isUpperCase(first)
					&& !Character.isLowerCase(first);
			if (!Character.isUpperCase(first) && !uncased && !NAME_PARTICLES.contains(word)) {
				return false;
			}
		}
		return s.toLowerCase(Locale.ROOT).chars().anyMatch(Character::isLetter);
	}

}
