package io.casepost.inbound.reply;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lines of a signature block with no "-- " above it: phone and fax numbers, e-mail and
 * web addresses, social profiles, a postal address, a company name. Each test is one
 * anchored pattern or one pass over a short line.
 */
final class ContactLines {

	private static final int MAX_WORDS = 10;

	private static final int MAX_LABEL = 16;

	private static final int MIN_PHONE_DIGITS = 7;

	private static final Pattern EMAIL = Pattern
		.compile("[^\\s@<>()\\[\\]]{1,64}@[^\\s@<>()\\[\\]]{1,255}\\.[a-z]{2,}");

	private static final Pattern WEB = Pattern
		.compile("(https?://|www\\.)\\S+|\\b[a-z0-9-]{2,63}\\.(com|org|net|io|co|biz|info)\\b");

	private static final Set<String> SOCIAL = Set.of("linkedin", "twitter", "x.com", "facebook", "instagram", "xing",
			"skype", "youtube", "mastodon", "bsky", "threads.net", "wa.me", "teams");

	/**
	 * UK, US, Canadian, Dutch and continental postcodes, and the street words of the
	 * languages the markers cover.
	 */
	private static final Pattern POSTAL = Pattern
		.compile("\\b([a-z]{1,2}\\d[a-z\\d]? ?\\d[a-z]{2}|[a-z]{2} \\d{5}(-\\d{4})?"
				+ "|[a-z]\\d[a-z] ?\\d[a-z]\\d|\\d{4} ?[a-z]{2}|\\d{4,5} [\\p{L}]{2,}"
				+ "|\\d+[a-z]? [\\p{L} .'-]{2,40} (street|st|road|rd|avenue|ave|blvd|boulevard|lane|ln|drive|dr|way|square|sq|place|pl|court|ct|suite|floor)"
				+ "|[\\p{L}-]{2,40}(straße|strasse|str\\.|weg|platz|gasse|allee|laan|straat|gracht|vej|gatan|gata|veien) \\d+"
				+ "|(rue|avenue|boulevard|bd|chemin|place|allée|via|viale|piazza|calle|avenida|av\\.|rua|praça|ulica|ul\\.|plac) [\\p{L} .'-]{2,40})\\b");

	private static final Pattern COMPANY = Pattern
		.compile("\\b(inc|ltd|llc|llp|plc|gmbh|ag|kg|sa|s\\.a|sas|sarl|bv|b\\.v|nv|n\\.v|oy|ab|as|a/s|aps|pty|corp|"
				+ "co|s\\.l|srl|s\\.r\\.l|spa|s\\.p\\.a|sp\\. z o\\.o|s\\.r\\.o|kft|limited|incorporated)\\.?$");

	/** Lower-case parts of names: "Ludwig van Beethoven", "Charles de Gaulle". */
	private static final Set<String> NAME_PARTICLES = Set.of("van", "von", "de", "der", "den", "da", "di", "du", "la",
			"le", "y", "bin", "al");

	private ContactLines() {
	}

	/** A line that only a signature holds: how to reach the sender or their firm. */
	static boolean isContact(String line) {
		String s = Text.lower(line.strip());
		if (s.isEmpty() || Text.countWords(s) > MAX_WORDS) {
			return false;
		}
		return isPhone(s) || EMAIL.matcher(s).find() || WEB.matcher(s).find() || isSocial(s) || POSTAL.matcher(s).find()
				|| COMPANY.matcher(s).find();
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
		return digits >= MIN_PHONE_DIGITS && others <= 6;
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

	private static boolean isSocial(String lower) {
		for (String network : SOCIAL) {
			if (lower.contains(network)) {
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

	/** "Dana Reyes", "J. Smith", "Jean-Luc Picard": a name the sender signs with. */
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
