#!/usr/bin/env python3
"""Builds the held-out reply corpus from the test suites of two public reply parsers that
are not in ../shared/corpora: crisp-oss/email-reply-parser (MIT) and
alfonsrv/mail-parser-reply (MIT). Each case keeps the fixture's exact bytes; what is
expected comes from the upstream test's own assertions:

- crisp: `test.equal(<text>, fragments[0]...)` / `getVisibleText()` pins the reply text
  (their first fragment, without signature); `/re/.test(fragments[0])` becomes a regex check.
- mail-parser-reply: `"x" == replies[0].body` pins it; `"x" in/not in replies[0].body`
  become contains / not_contains checks; text asserted in a later reply (its quote,
  header, body) must not be in the new text: not_contains.

Fixtures whose text is already an input of a shared corpus are left out. The corpus is for
measuring only: it is never used to choose rules case by case.

  python3 tools/reply-markers/build_heldout_corpus.py --crisp REPO --mail-parser-reply REPO \
      --shared ../shared/corpora/reply --out src/test/resources/io/casepost/inbound/reply/corpora/heldout
"""
import argparse
import ast
import hashlib
import json
import os
import re
import subprocess

# text asserted in a later reply must not be in the new text, unless it is as short as a
# greeting ("Hej") that the new text may hold too
MIN_HISTORY_CHECK = 10
CRISP_COMMIT = "0b3704c8744d6f57ae1d86d7eab75535c51d2f5c"
MPR_COMMIT = "fc44bc880932f81f70a7deaf91c4525b3a6feddb"


def show(repo, commit, path):
    return subprocess.run(["git", "-C", repo, "show", f"{commit}:{path}"], check=True,
                          capture_output=True).stdout.decode("utf-8")


def key(text):
    return hashlib.sha256(text.replace("\r\n", "\n").strip().encode("utf-8")).hexdigest()


def shared_inputs(folder):
    keys = set()
    for corpus in os.listdir(folder):
        inputs = os.path.join(folder, corpus, "input")
        if os.path.isdir(inputs):
            for name in os.listdir(inputs):
                with open(os.path.join(inputs, name), encoding="utf-8", errors="replace") as f:
                    keys.add(key(f.read()))
    return keys


def js_string(literal):
    return json.loads(literal) if literal.startswith('"') else literal


def crisp_cases(repo):
    test = show(repo, CRISP_COMMIT, "test/test.js")
    common = re.search(r"const COMMON_FIRST_FRAGMENT = '(.*?)';", test, re.S).group(1)
    common = common.replace("\\n\\\n", "\n")
    cases = []
    for block in re.split(r"\nexport function ", test)[1:]:
        fixture = re.search(r'get_email\("([^"]+)"\)', block)
        if not fixture:
            continue
        expected, checks = None, []
        if re.search(r"test\.equal\(COMMON_FIRST_FRAGMENT, (fragments\[0\]\.toString\(\)\.trim\(\)|text)\)", block):
            expected = common
        literal = re.search(r'test\.equal\(("(?:[^"\\]|\\.)*"), (fragments\[0\]\.toString\(\)|email\.getVisibleText\(\))\)', block)
        if literal:
            expected = js_string(literal.group(1))
        for regex in re.findall(r"test\.equal\(true, /(.+?)/\.test\(fragments\[0\](?:\.toString\(\))?\)\)", block):
            checks.append({"type": "regex", "value": regex.replace("\\/", "/"), "flags": ""})
        if expected is None and not checks:
            continue
        path = f"test/fixtures/{fixture.group(1)}.txt"
        cases.append(dict(id="crisp_" + fixture.group(1), text=show(repo, CRISP_COMMIT, path), expected=expected,
                          checks=checks, source=dict(repo="crisp-oss/email-reply-parser", commit=CRISP_COMMIT,
                                                     path=path, test="test/test.js")))
    return cases


def reply_index(node):
    """replies[N].attr -> (N, attr); latest_reply -> (0, 'body')."""
    if isinstance(node, ast.Attribute) and node.attr == "latest_reply":
        return 0, "body"
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Subscript):
        sub = node.value
        if isinstance(sub.value, ast.Attribute) and sub.value.attr == "replies" and isinstance(sub.slice, ast.Constant):
            return sub.slice.value, node.attr
    return None


def mpr_cases(repo):
    tree = ast.parse(show(repo, MPR_COMMIT, "test/test_email_reply_parser.py"))
    cases = {}
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        fixture = None
        for call in ast.walk(function):
            if isinstance(call, ast.Call) and getattr(call.func, "attr", None) == "get_email" and call.args \
                    and isinstance(call.args[0], ast.Constant) and not any(
                        k.arg == "parse" and getattr(k.value, "value", True) is False for k in call.keywords):
                fixture = call.args[0].value
        if fixture is None:
            continue
        case = cases.setdefault(fixture, dict(expected=None, checks=[]))
        for node in ast.walk(function):
            if isinstance(node, ast.Compare) and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
                target, op = reply_index(node.comparators[0]), node.ops[0]
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) in ("assertIn", "assertNotIn") \
                    and isinstance(node.args[0], ast.Constant):
                target = reply_index(node.args[1])
                op = ast.In() if node.func.attr == "assertIn" else ast.NotIn()
                node = ast.Compare(left=node.args[0], ops=[op], comparators=[node.args[1]])
            else:
                continue
            if target is None:
                continue
            value, (index, attr) = node.left.value, target
            if index == 0 and attr == "body":
                if isinstance(op, ast.Eq):
                    case["expected"] = value
                elif isinstance(op, ast.In):
                    case["checks"].append({"type": "contains", "value": value, "flags": ""})
                elif isinstance(op, ast.NotIn):
                    case["checks"].append({"type": "not_contains", "value": value, "flags": ""})
            elif index >= 1 and isinstance(op, (ast.In, ast.Eq)) and len(value.strip()) >= MIN_HISTORY_CHECK:
                case["checks"].append({"type": "not_contains", "value": value, "flags": ""})
    result = []
    for fixture, case in sorted(cases.items()):
        if case["expected"] is None and not case["checks"]:
            continue
        path = f"test/emails/{fixture}.txt"
        try:
            text = show(repo, MPR_COMMIT, path)
        except subprocess.CalledProcessError:
            continue
        result.append(dict(id="mpr_" + fixture, text=text, expected=case["expected"], checks=case["checks"],
                           source=dict(repo="alfonsrv/mail-parser-reply", commit=MPR_COMMIT, path=path,
                                       test="test/test_email_reply_parser.py")))
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--crisp", required=True)
    parser.add_argument("--mail-parser-reply", required=True)
    parser.add_argument("--shared", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    seen = shared_inputs(args.shared)
    cases, skipped = [], []
    for case in crisp_cases(args.crisp) + mpr_cases(args.mail_parser_reply):
        if key(case["text"]) in seen:
            skipped.append(case["id"])
            continue
        seen.add(key(case["text"]))
        cases.append(case)
    for sub in ("input", "expected"):
        os.makedirs(os.path.join(args.out, sub), exist_ok=True)
    with open(os.path.join(args.out, "manifest.jsonl"), "w", encoding="utf-8") as manifest:
        for case in cases:
            with open(os.path.join(args.out, "input", case["id"] + ".txt"), "w", encoding="utf-8", newline="") as f:
                f.write(case["text"])
            entry = dict(id=case["id"], input=f"input/{case['id']}.txt", input_format="text", expected=None,
                         match="norm", checks=case["checks"], source=case["source"])
            if case["expected"] is not None:
                with open(os.path.join(args.out, "expected", case["id"] + ".txt"), "w", encoding="utf-8") as f:
                    f.write(case["expected"])
                entry["expected"] = f"expected/{case['id']}.txt"
            manifest.write(json.dumps(entry, ensure_ascii=False) + "\n")
    for name, repo, commit in (("crisp-oss-email-reply-parser", args.crisp, CRISP_COMMIT),
                               ("alfonsrv-mail-parser-reply", args.mail_parser_reply, MPR_COMMIT)):
        with open(os.path.join(args.out, f"LICENSE-{name}"), "w", encoding="utf-8") as f:
            f.write(show(repo, commit, "LICENSE"))
    pinned = sum(1 for c in cases if c["expected"] is not None)
    print(f"{len(cases)} cases ({pinned} pinned, {len(cases) - pinned} check-only); "
          f"left out as already in shared: {len(skipped)}")


if __name__ == "__main__":
    main()
