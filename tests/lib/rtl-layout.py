#!/usr/bin/env python3
# rtl-layout.py TEMPLATES LANG... - print each line of a right-to-left
# language's notices and phrases that holds Arabic script but begins with
# Latin text: a plain-text mail program lays out each line by its first
# strong letter (Unicode bidi rule P2), so such a line reads left to
# right and its Arabic is scrambled.  Spaces, punctuation and digits have
# no direction and are passed by; so are slots filled with text in the
# reader's language ({reason}, {count:posts}) or with digits ({post_id},
# {date}).  A slot filled with Latin text ({list}, an address) counts as
# Latin.  Exit 1 if a line is printed.
#
# rtl-layout.py --mail FILE... - the same of messages as they were sent:
# the Subject and the plain-text body of each, decoded.
import os
import re
import sys

LATIN = set("list address from subject by name detail languages lists "
            "members required text description language".split())
# The relay's own words, in English whatever the reader's language.
LATIN_IN = {("delivery-failed", "reason"), ("delivery-refused", "reason")}
# Phrases that are no line of a body but a display name (From: "Name
# via LIST"): the mail program shows one as a single run whose direction
# is its first strong letter's, so each begins with the author's {name},
# which sets it, in every language.
DISPLAY_NAMES = {"from-via"}
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff"
                    "\ufb50-\ufdff\ufe70-\ufeff]")
SLOT = re.compile(r"\{([a-z_]+)(:[a-z0-9-]+)?\}")


def first_strong(name, line):
    """Why line begins left to right, or None."""
    i = 0
    while i < len(line):
        m = SLOT.match(line, i)
        if m:
            s = m.group(1)
            if ((s in LATIN or s.endswith("_address")) and
                    not m.group(2)) or (name, s) in LATIN_IN:
                return "a Latin-script slot {%s}" % s
            i = m.end()
            continue
        if ARABIC.match(line[i]):
            return None
        if line[i].isalpha():
            return "Latin text"
        i += 1
    return None


def check_mail(paths):
    import email
    import email.policy
    bad = 0
    for path in paths:
        with open(path, "rb") as f:
            m = email.message_from_binary_file(f, policy=email.policy.default)
        body = m.get_body(("plain",))
        text = str(m["Subject"] or "") + "\n" + (body.get_content() if body else "")
        for no, line in enumerate(text.split("\n")):
            if ARABIC.search(line) and first_strong("", line):
                print("%s: %s" % (path, line.strip()))
                bad += 1
    return bad


def main():
    if sys.argv[1] == "--mail":
        sys.exit(1 if check_mail(sys.argv[2:]) else 0)
    tpl, bad = sys.argv[1], 0
    for lang in sys.argv[2:]:
        d = os.path.join(tpl, lang)
        for name in sorted(os.listdir(d)):
            if name == "words" or name.startswith("."):
                continue
            with open(os.path.join(d, name), encoding="utf-8") as f:
                lines = f.read().split("\n")
            section = None
            for no, line in enumerate(lines, 1):
                if name == "phrases" and line[:1] == "[":
                    section = line.strip("[]").split(":")[0]
                if name == "phrases" and (line[:1] in ("#", "[") or
                                          section in DISPLAY_NAMES):
                    continue
                if no == 1 and line.startswith("Subject:"):
                    line = line[len("Subject:"):]
                if not ARABIC.search(line):
                    continue
                why = first_strong(name, line)
                if why:
                    print("%s/%s:%d: begins with %s: %s" %
                          (lang, name, no, why, line.strip()))
                    bad += 1
    sys.exit(1 if bad else 0)


main()
