#!/usr/bin/env python3
"""Extracts the reply-header, separator, header-field and mobile-footer phrases that mail
clients write, from the clients' own localization files, into the data table that
ReplyExtractor reads (client-markers.tsv) and a table of where each phrase came from
(client-markers-sources.tsv).

Nothing of the clients' code is copied: only the translated strings, as data.

Usage (each argument a git directory holding the commit pinned in SOURCES below, e.g. from
`git clone`; Evolution's strings are read from the .mo files of Debian's evolution-common
package, unpacked with `apt-get download evolution-common && dpkg-deb -x *.deb DIR`):

The table of languages in docs/reply-extraction.md comes from the two data tables:

  python3 tools/reply-markers/extract_client_markers.py --languages src/main/resources/io/casepost/inbound/reply

  python3 tools/reply-markers/extract_client_markers.py \
      --thunderbird-l10n REPO --thunderbird-android REPO --roundcube REPO \
      --crisp-forward-parser REPO --evolution-locale DIR/usr/share/locale \
      --out src/main/resources/io/casepost/inbound/reply

Placeholders in templates: {sender} a name and/or address, {date} and {time} text with a
digit, {n} one number (Evolution's ${Day}, ${Year}...), {w} one word (weekday or month
name, time zone), {device} a few words naming a device or app.
"""
import argparse
import gettext
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET

SOURCES = {
    "thunderbird": dict(
        client="Thunderbird (desktop)", repository="thunderbird/thunderbird-l10n",
        path="*/mail/chrome/messenger/messengercompose/composeMsgs.properties, */mail/chrome/messenger/mime.properties",
        commit="5d7cde6f5d9237b64f7de733bb9fbb121055848a", license="MPL-2.0"),
    "k9": dict(
        client="Thunderbird for Android (K-9 Mail)", repository="thunderbird/thunderbird-android",
        path="legacy/ui/legacy/src/main/res/values*/strings.xml",
        commit="a59bd679859d369c9a39be147e536b825ffd0a6b", license="Apache-2.0"),
    "k9-signature": dict(
        client="K-9 Mail default signature (removed in ec2e81e0, still in mail sent before)",
        repository="thunderbird/thunderbird-android",
        path="legacy/ui/legacy/src/main/res/values*/strings.xml (default_signature)",
        commit="ec2e81e0cba3bfe7ae985a5a1274638a722588fc^", license="Apache-2.0"),
    "roundcube": dict(
        client="Roundcube Webmail", repository="roundcube/roundcubemail",
        path="program/localization/*/labels.inc",
        commit="28b44419ee44c8749a85e7183325055c2cf68a4d", license="GPL-3.0-or-later"),
    "evolution": dict(
        client="GNOME Evolution", repository="GNOME/evolution (tag 3.46.4)",
        path="po/*.po, as compiled in Debian evolution-common 3.46.4-2+deb12u1 (/usr/share/locale/*/LC_MESSAGES/evolution.mo)",
        commit="3.46.4", license="GPL-2.0-or-later"),
    "crisp": dict(
        client="Apple Mail, Outlook 2019 / New Outlook / Outlook Live, Yahoo Mail, Gmail, HubSpot (as recorded by crisp-oss)",
        repository="crisp-oss/email-forward-parser",
        path="lib/parser.js (the regexes' literal words and their client/language comments)",
        commit="0ae68013fc893f66c38adc848a21c1f9598843c9", license="MIT"),
}

FIELD_KINDS = ("from", "sent", "date", "to", "cc", "subject", "replyto")


def git_show(repo, commit, path):
    return subprocess.run(["git", "-C", repo, "show", f"{commit}:{path}"], check=True,
                          capture_output=True).stdout.decode("utf-8")


def git_ls(repo, commit, path):
    out = subprocess.run(["git", "-C", repo, "ls-tree", "--name-only", f"{commit}", path + "/"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    return [line for line in out.splitlines() if line]


def language(code):
    """A BCP 47-like tag: de, pt-BR, zh-TW, sr-Latn."""
    code = code.replace("_", "-").replace("@latin", "-Latn").replace("@Latn", "-Latn").replace("@valencia", "")
    code = code.replace("@shaw", "-Shaw")
    code = re.sub(r"-r([A-Z]{2})$", r"-\1", code)
    parts = code.split("-")
    keep_region = parts[0] in ("pt", "zh") and len(parts) > 1
    tag = parts[0].lower()
    if keep_region:
        tag += "-" + parts[1].upper()
    for script in ("Latn", "Shaw"):
        if script in parts:
            tag += "-" + script
    return {"iw": "he", "in": "id", "nb": "no", "nn": "no", "cz": "cs"}.get(tag, tag)


BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(s):
    return re.sub(r"\s+", " ", BIDI_CONTROLS.sub("", s).replace("\u00a0", " ")).strip()


def separator_phrase(line):
    """'-------- Original-Nachricht --------' -> 'Original-Nachricht'."""
    return clean(line.strip().strip("-").strip())


# --- Thunderbird desktop --------------------------------------------------------------

def properties(text):
    values = {}
    for line in text.splitlines():
        if line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        values[key.strip()] = value.strip()
    return values


TB_FIELDS = {"1000": "subject", "1007": "date", "1009": "from", "1010": "replyto", "1012": "to", "1013": "cc"}


def thunderbird(repo, rows):
    commit = SOURCES["thunderbird"]["commit"]
    top = subprocess.run(["git", "-C", repo, "ls-tree", "--name-only", "-d", commit], check=True,
                         capture_output=True).stdout.decode().split()
    for locale in top:
        if locale.startswith("."):
            continue
        lang = language(locale)
        try:
            compose = properties(git_show(repo, commit, f"{locale}/mail/chrome/messenger/messengercompose/composeMsgs.properties"))
            mime = properties(git_show(repo, commit, f"{locale}/mail/chrome/messenger/mime.properties"))
        except subprocess.CalledProcessError:
            continue
        for key in ("mailnews.reply_header_authorwrotesingle", "mailnews.reply_header_ondateauthorwrote",
                    "mailnews.reply_header_authorwroteondate"):
            if key in compose:
                template = compose[key].replace("#1", "{sender}").replace("#2", "{date}").replace("#3", "{time}")
                rows.add(("header", lang, clean(template), "thunderbird"))
        if "mailnews.reply_header_originalmessage" in compose:
            rows.add(("original", lang, separator_phrase(compose["mailnews.reply_header_originalmessage"]), "thunderbird"))
        if "mailnews.forward_header_originalmessage" in compose:
            rows.add(("forward", lang, separator_phrase(compose["mailnews.forward_header_originalmessage"]), "thunderbird"))
        for key, kind in TB_FIELDS.items():
            if key in mime:
                rows.add((kind, lang, clean(mime[key]), "thunderbird"))


# --- Thunderbird for Android (K-9) ----------------------------------------------------

XLIFF = "{urn:oasis:names:tc:xliff:document:1.2}g"
K9_FIELDS = {"message_compose_quote_header_subject": "subject", "message_compose_quote_header_send_date": "sent",
             "message_compose_quote_header_from": "from", "message_compose_quote_header_to": "to",
             "message_compose_quote_header_cc": "cc"}
K9_SLOTS = {"sender": "{sender}", "sent_date": "{date}", "app_name": "{app}"}


def android_strings(text):
    root = ET.fromstring(text)
    values = {}
    for element in root.iter("string"):
        parts = [element.text or ""]
        for child in element:
            parts.append(K9_SLOTS.get(child.get("id"), "{x}") if child.tag == XLIFF else (child.text or ""))
            parts.append(child.tail or "")
        value = "".join(parts)
        value = value.replace("\\'", "'").replace('\\"', '"').replace("\\n", "\n")
        if len(value) > 1 and value[0] == '"' and value[-1] == '"':
            value = value[1:-1]
        values[element.get("name")] = value
    return values


def k9(repo, rows):
    base = "legacy/ui/legacy/src/main/res"
    for source in ("k9", "k9-signature"):
        commit = SOURCES[source]["commit"]
        for folder in git_ls(repo, commit, base):
            name = folder.rsplit("/", 1)[1]
            if not name.startswith("values-") or "dp" in name:
                continue
            lang = language(name[len("values-"):])
            try:
                strings = android_strings(git_show(repo, commit, f"{folder}/strings.xml"))
            except subprocess.CalledProcessError:
                continue
            if source == "k9-signature":
                phrase = k9_mobile_phrase(strings.get("default_signature", ""))
                if phrase:
                    rows.add(("mobile", lang, phrase, "k9-signature"))
                continue
            for key in ("message_compose_reply_header_fmt", "message_compose_reply_header_fmt_with_date"):
                if key in strings:
                    rows.add(("header", lang, clean(strings[key]), "k9"))
            if "message_compose_quote_header_separator" in strings:
                rows.add(("original", lang, separator_phrase(strings["message_compose_quote_header_separator"]), "k9"))
            for key, kind in K9_FIELDS.items():
                if key in strings:
                    rows.add((kind, lang, clean(strings[key]).rstrip(":：").strip(), "k9"))


def k9_mobile_phrase(signature):
    """'-- \\nSent from my Android device with %s. Please excuse my brevity.' -> 'Sent from my': the
    words before the device name, which other devices share ("Sent from my iPhone"); none when
    fewer than two words (or, in scripts without spaces, three characters) come before it."""
    text = clean(signature.replace("\\u0020", " ").replace("\n", " ")).lstrip("- ").strip()
    match = re.search(r"\S*(android|Android|\{app\})", text)
    if match is None:
        return None
    phrase = text[:match.start()].strip(" ,")
    spaced = " " in phrase or re.search(r"[A-Za-z\u00c0-\u04ff]", phrase)
    return phrase if (len(phrase.split()) >= 2 if spaced else len(phrase) >= 3) else None


# --- Roundcube ------------------------------------------------------------------------

RC_FIELDS = {"from": "from", "to": "to", "cc": "cc", "subject": "subject", "date": "date", "replyto": "replyto"}
PHP_LABEL = re.compile(r"""\$labels\['(\w+)'\]\s*=\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*;""")


def roundcube(repo, rows):
    commit = SOURCES["roundcube"]["commit"]
    for folder in git_ls(repo, commit, "program/localization"):
        locale = folder.rsplit("/", 1)[1]
        if "." in locale:
            continue
        lang = language(locale)
        try:
            text = git_show(repo, commit, f"{folder}/labels.inc")
        except subprocess.CalledProcessError:
            continue
        labels = {m.group(1): (m.group(2) if m.group(2) is not None else m.group(3)).replace("\\'", "'")
                  for m in PHP_LABEL.finditer(text)}
        if "mailreplyintro" in labels:
            rows.add(("header", lang, clean(labels["mailreplyintro"].replace("$date", "{date}")
                                             .replace("$sender", "{sender}")), "roundcube"))
        if "originalmessage" in labels:
            rows.add(("original", lang, clean(labels["originalmessage"]), "roundcube"))
        for key, kind in RC_FIELDS.items():
            if key in labels:
                rows.add((kind, lang, clean(labels[key]), "roundcube"))


# --- Evolution ------------------------------------------------------------------------

EVO_HEADER = "On ${AbbrevWeekdayName}, ${Year}-${Month}-${Day} at ${24Hour}:${Minute} ${TimeZone}, ${Sender} wrote:"
EVO_NUMBERS = ("Year", "Month", "Day", "24Hour", "12Hour", "Minute", "Second")


def evolution_template(text):
    def slot(match):
        name = match.group(1)
        if name == "Sender":
            return "{sender}"
        return "{n}" if name in EVO_NUMBERS else "{w}"
    return clean(re.sub(r"\$\{(\w+)\}", slot, text))


def evolution(locale_dir, rows):
    for locale in sorted(os.listdir(locale_dir)):
        mo = os.path.join(locale_dir, locale, "LC_MESSAGES", "evolution.mo")
        if not os.path.exists(mo):
            continue
        with open(mo, "rb") as f:
            catalog = gettext.GNUTranslations(f)._catalog
        lang = language(locale)
        if EVO_HEADER in catalog:
            rows.add(("header", lang, evolution_template(catalog[EVO_HEADER]), "evolution"))
        if "-------- Forwarded Message --------" in catalog:
            rows.add(("forward", lang, separator_phrase(catalog["-------- Forwarded Message --------"]), "evolution"))
        if "-----Original Message-----" in catalog:
            rows.add(("original", lang, separator_phrase(catalog["-----Original Message-----"]), "evolution"))


# --- crisp-oss/email-forward-parser: Apple Mail, Outlook, Yahoo -----------------------

CRISP_LISTS = {"separator": None, "separator_with_information": "header",
               "original_subject": "subject", "original_subject_lax": "subject",
               "original_from": "from", "original_from_lax": "from", "original_to": "to",
               "original_to_lax": "to", "original_reply_to": "replyto", "original_cc": "cc",
               "original_cc_lax": "cc", "original_date": "date", "original_date_lax": "sent"}
CRISP_LANGS = re.compile(r"\(([a-z]{2}(?:-[a-z]{2})?(?:, ?[a-z]{2}(?:-[a-z]{2})?)*|all locales)\)")
# "Name" <address> in Outlook's header, however crisp's regex spells it, becomes one {sender}
SENDER_WITH_ADDRESS = re.compile(r"\{sender\}\s*\(?<\{address\}>\)?")


def crisp_languages(comment):
    langs = []
    for group in CRISP_LANGS.findall(comment):
        if group == "all locales":
            continue
        langs += [language(code.strip()) for code in group.split(",")]
    return sorted(set(langs)) or ["en"]


def crisp_literal(regex):
    """The words a simple crisp regex matches: '^>?\\s*Begin forwarded message\\s?:' ->
    'Begin forwarded message'."""
    s = regex
    s = re.sub(r"^\^?\(?", "", s)
    s = s.replace(">?", "").replace("\\*?", "").replace("\\s*", " ").replace("\\s?", " ")
    s = re.sub(r"-\{\d+(,\d+)?\}", "", s)
    s = re.sub(r"_\{\d+\}", "", s)
    s = re.sub(r"\(\.\+\??\)\)?\$?", "", s)
    s = s.replace("\\(", "(").replace("\\)", ")").replace("\\/", "/").replace("\\.", ".").replace("\\", "")
    s = s.rstrip("$").strip()
    s = s.rstrip(":：?").strip()
    return clean(s)


def crisp_header_template(regex):
    s = regex.lstrip("^").rstrip("$").replace("\\s?", " ").replace("\\s*", " ")
    for token, plain in (("[\\[|<|(]", "<"), ("[\\[|<]", "<"), ("[\\]|>|)]", ">"), ("[\\]|>]", ">"),
                         ("\\(", "("), ("\\)", ")"), ("\\,", ","), ('\\"', ""), ("«", ""), ("»", ""),
                         ("„", ""), ("”", ""), ("(?<date>.+)", "{date}"), ("(?<from_name>.+)", "{sender}"),
                         ("(?<from_address>.+)", "{address}")):
        s = s.replace(token, plain)
    s = SENDER_WITH_ADDRESS.sub("{sender}", s)
    if "\\" in s or "(?" in s or "{address}" in s:
        raise ValueError("unexpected Outlook header regex: " + regex)
    return clean(s)


def crisp(repo, rows):
    source = git_show(repo, SOURCES["crisp"]["commit"], "lib/parser.js")
    current = None
    for line in source.splitlines():
        header = re.match(r"^\s*(\w+)\s*:\s*\[", line)
        if header:
            current = header.group(1)
            continue
        entry = re.match(r"^\s*/(.*)/[gimu]*,?\s*//\s*(.*)$", line)
        if current not in CRISP_LISTS or not entry:
            continue
        regex, comment = entry.groups()
        kind = CRISP_LISTS[current]
        if current == "separator":
            if "{8,10}" in regex and "Forwarded message" in regex or regex.strip("^\\s*$_{}32 ") == "":
                pass
            if "(?:" in regex or "_{" in regex or ".+" in regex and "Forwarded" not in regex:
                continue  # Outlook's rule and its headers are handled by the lists below
            phrase = crisp_literal(regex)
            kind = "original" if "Original Message" in phrase else "forward"
            for part in re.split(r" --- ", phrase):
                if "/" in part and "Fwd" in part:
                    part = part.split("/")[0].strip()
                for lang in crisp_languages(comment):
                    rows.add((kind, lang, part, "crisp"))
        elif kind == "header":
            for lang in crisp_languages(comment):
                rows.add(("header", lang, crisp_header_template(regex), "crisp"))
        else:
            word = crisp_literal(re.split(r"\\s\?:|\\s\*:|:|：", regex)[0])
            if word:
                for lang in crisp_languages(comment):
                    rows.add((kind, lang, word, "crisp"))


def usable(row):
    """A translator's typo ("O{$ AbbrevWeekdayName}", "#֊ը" for "#1") leaves a template that
    no client writes: a header must name its sender and hold no unfilled placeholder."""
    kind, _, text, _ = row
    if not text or "\t" in text or "\n" in text:
        return False
    if kind == "header":
        return "{sender}" in text and "$" not in text and "#" not in text and "%" not in text
    return True


def iso_names():
    with open("/usr/share/iso-codes/json/iso_639-3.json", encoding="utf-8") as f:
        data = json.load(f)["639-3"]
    names = {}
    for entry in data:
        if "alpha_2" in entry:
            names[entry["alpha_2"]] = entry["name"]
        names.setdefault(entry["alpha_3"], entry["name"])
    return names


SOURCE_NAMES = {"thunderbird": "Thunderbird", "k9": "K-9", "k9-signature": "K-9", "roundcube": "Roundcube",
                "evolution": "Evolution", "crisp": "Apple/Outlook (crisp)", "hand": "markers.tsv"}
COLUMNS = (("quote headers", ("header", "intro", "wrote")), ("separators", ("original", "forward")),
           ("header fields", FIELD_KINDS), ("mobile footers", ("mobile",)))


def languages_markdown(resources):
    """The languages the two tables cover, and where each kind of phrase comes from."""
    rows = []
    with open(os.path.join(resources, "client-markers.tsv"), encoding="utf-8") as f:
        rows += [line.rstrip("\n").split("\t") for line in f if not line.startswith("#") and line.strip()]
    with open(os.path.join(resources, "markers.tsv"), encoding="utf-8") as f:
        rows += [line.rstrip("\n").split("\t")[:3] + ["hand"] for line in f
                 if not line.startswith("#") and line.strip() and line.split("\t")[1] != "*"]
    names = iso_names()
    by_lang = {}
    for kind, lang, _, source in rows:
        by_lang.setdefault(lang, {}).setdefault(kind, set()).add(SOURCE_NAMES[source])
    out = ["| language | " + " | ".join(c for c, _ in COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
    for lang in sorted(by_lang, key=lambda l: names.get(l.split("-")[0], l)):
        kinds = by_lang[lang]
        cells = [", ".join(sorted(set().union(*(kinds.get(k, set()) for k in ks)))) or "–" for _, ks in COLUMNS]
        out.append(f"| {names.get(lang.split('-')[0], lang)} ({lang}) | " + " | ".join(cells) + " |")
    return "\n".join(out) + f"\n\n{len(by_lang)} languages.\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    if "--languages" in os.sys.argv:
        print(languages_markdown(os.sys.argv[os.sys.argv.index("--languages") + 1]))
        return
    parser.add_argument("--thunderbird-l10n", required=True)
    parser.add_argument("--thunderbird-android", required=True)
    parser.add_argument("--roundcube", required=True)
    parser.add_argument("--crisp-forward-parser", required=True)
    parser.add_argument("--evolution-locale", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rows = set()
    thunderbird(args.thunderbird_l10n, rows)
    k9(args.thunderbird_android, rows)
    roundcube(args.roundcube, rows)
    evolution(args.evolution_locale, rows)
    crisp(args.crisp_forward_parser, rows)
    kinds = ["header", "original", "forward", *FIELD_KINDS, "mobile"]
    ordered = sorted((r for r in rows if usable(r)),
                     key=lambda r: (kinds.index(r[0]), r[1], r[3], r[2]))
    with open(os.path.join(args.out, "client-markers.tsv"), "w", encoding="utf-8") as out:
        out.write("# Generated by tools/reply-markers/extract_client_markers.py from the clients' own translations;\n"
                  "# do not edit by hand. kind <TAB> language <TAB> phrase or template <TAB> source (client-markers-sources.tsv)\n")
        for row in ordered:
            out.write("\t".join(row) + "\n")
    with open(os.path.join(args.out, "client-markers-sources.tsv"), "w", encoding="utf-8") as out:
        out.write("# source <TAB> client <TAB> repository <TAB> path <TAB> commit <TAB> license\n")
        for key, s in SOURCES.items():
            out.write("\t".join([key, s["client"], s["repository"], s["path"], s["commit"], s["license"]]) + "\n")
    languages = sorted({r[1] for r in ordered})
    print(f"{len(ordered)} phrases, {len(languages)} languages")


if __name__ == "__main__":
    main()
