#!/bin/bash
# languages.sh - every notice in every language moot has: each template
# and phrase exists in each language; a reply in each language is valid
# MIME with a correctly encoded subject; command words in each language
# are understood; right-to-left text keeps addresses on lines of their
# own and begins each line with its own script (issue 6, threat E6 for
# non-ASCII text).
. "$(dirname "$0")/lib/common.sh"

export MOOT_NOW=2026-11-23T10:00:00Z
run() { mootd_once 2>>"$T/mootd.log"; }
TPL=$MOOT_SRCDIR/templates
LANGS="ar fa fr pl ro ti uk"

# 1. Every English file has its translation, and every phrase is there.
for l in $LANGS; do
	missing=$(cd "$TPL/en" && for f in *; do [ -f "$TPL/$l/$f" ] || echo "$f"; done | paste -sd' ')
	is "$missing" "" "$l: every template is translated"
	missing=$(grep -o '^\[[a-z0-9-]*\]' "$TPL/en/phrases" | while read -r p; do
		grep -qxF "$p" "$TPL/$l/phrases" 2>/dev/null || echo "$p"; done | paste -sd' ')
	is "$missing" "" "$l: every phrase is translated"
	for k in subscribe unsubscribe help approve reject; do
		ok "$l: the words file has $k" grep -q "^$k *= *[^ ]" "$TPL/$l/words"
	done
done

# 2. Right to left: no line of Arabic or Persian text also holds an
# address slot, so a plain-text client never has to mix directions.
for l in ar fa; do
	mixed=$(grep -n -P '[\x{0600}-\x{06FF}].*\{[a-z_]*address\}|\{[a-z_]*address\}.*[\x{0600}-\x{06FF}]' \
	    "$TPL/$l"/* 2>/dev/null | grep -v '^[^:]*:[0-9]*:#' | head -3)
	is "$mixed" "" "$l: addresses stand on lines of their own"
	# A line that holds Arabic script begins with it, not with Latin
	# text or a slot filled with Latin text: a plain-text mail program
	# lays each line out by its first letter (every notice and phrase,
	# slots in the reader's language passed by).
	is "$("$PYTHON3" "$MOOT_SRCDIR/tests/lib/rtl-layout.py" "$TPL" "$l")" "" \
	    "$l: no line of Arabic script begins with Latin text"
done

sink_start
site_new
moot list create info --description "Information Group" >/dev/null
moot member add info owner@one.example --role owner >/dev/null

# 3. A reply in each language: a member who reads it asks for help.
for l in en $LANGS; do
	moot member add info "m-$l@two.example" --lang "$l" >/dev/null
	printf 'From: m-%s@two.example\nTo: info-request@lists.example.org\nSubject: help\n\n' "$l" |
	    moot inject --to info-request@lists.example.org --from "m-$l@two.example"
done
run
for l in en $LANGS; do
	f=$(newest_file_to "m-$l@two.example")
	ok "$l: a reply came" test -n "$f"
	ok "$l: it is valid MIME" "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" "$f"
	want=$(sed -n '1s/^Subject: //p' "$TPL/$l/request-reply" | sed 's/{request_address}/info-request@lists.example.org/; s/{list}/info/')
	got=$("$PYTHON3" -c '
import email, email.header, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"))
print(str(email.header.make_header(email.header.decode_header(m["Subject"]))))' "$f")
	is "$got" "$want" "$l: its subject decodes to the template's"
	case $l in ar|fa)
		is "$("$PYTHON3" "$MOOT_SRCDIR/tests/lib/rtl-layout.py" --mail "$f")" "" \
		    "$l: as sent, no line of Arabic script begins with Latin text"
	esac
	ok "$l: the header is all ASCII (RFC 2047 words)" "$PYTHON3" -c '
import sys
head = open(sys.argv[1], "rb").read().split(b"\r\n\r\n", 1)[0]
sys.exit(0 if all(b < 0x80 for b in head) else 1)' "$f"
done

# 4. Command words in each language: a stranger who writes "subscribe"
# in their language gets the confirmation in it.
for l in $LANGS; do
	w=$(sed -n 's/^subscribe *= *\([^ ]*\).*/\1/p' "$TPL/$l/words")
	printf 'From: s-%s@three.example\nTo: info-request@lists.example.org\nSubject: x\n\n%s\n' "$l" "$w" |
	    moot inject --to info-request@lists.example.org --from "s-$l@three.example"
done
run
for l in $LANGS; do
	f=$(newest_file_to "s-$l@three.example")
	ok "$l: \"subscribe\" in $l is understood" grep -q 'confirm+' "$f"
	want=$(sed -n '1s/^Subject: //p' "$TPL/$l/confirm-subscribe" | sed 's/{list}/info/')
	got=$("$PYTHON3" -c '
import email, email.header, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"))
print(str(email.header.make_header(email.header.decode_header(m["Subject"]))))' "$f")
	is "$got" "$want" "$l: and the confirmation is in $l"
done

done_testing
