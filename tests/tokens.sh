#!/bin/bash
# tokens.sh - tokens at rest (threat B1): the database keeps each token's
# hash, never the token, and a notice's text once it is sent, so whoever
# reads the database holds no capability; a database of schema 4, with
# tokens in clear, is migrated to that, and its tokens go on working.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

# nowhere TOKEN: TOKEN is in no row of the database, as text or as the
# hex of a blob.
nowhere() {
	local hex
	hex=$(printf %s "$1" | od -An -tx1 | tr -d ' \n')
	db .dump | grep -c -i -e "$1" -e "$hex"
}

sink_start
site_new
moot list create info --moderated --description "Information Group" >/dev/null
moot member add info mod@one.example --role moderator >/dev/null
moot rota set info mod@one.example >/dev/null

# 1. Tokens made now: a moderator's, a confirmation's, a member's own
# List-Unsubscribe.
send info@lists.example.org stranger@two.example "Drop-in moved" "Thursday now."
send info-request@lists.example.org new@three.example "subscribe" ""
run
mt=$(reply_addr mod@one.example moderate | sed 's/.*+\(.*\)@.*/\1/')
ct=$(reply_addr new@three.example confirm | sed 's/.*+\(.*\)@.*/\1/')
is "${#mt} ${#ct}" "26 26" "a moderator and a new subscriber were sent tokens"
is "$(nowhere "$mt")" 0 "  the moderator's is nowhere in the database (B1)"
is "$(nowhere "$ct")" 0 "  nor the confirmation's"
is "$(db "SELECT count(*) FROM token WHERE hash = '$(printf %s "$mt" | sha256sum | cut -d' ' -f1)'")" 1 \
    "  the database has its SHA-256"
is "$(db "SELECT count(*) FROM outbox WHERE state = 'sent' AND length(raw) > 0")" 0 \
    "  a notice sent keeps no text"
send "info-moderate+$mt@lists.example.org" mod@one.example "" "approve"
run
like "$(moot spool show 1)" "state: sent" "the token, hashed, still approves the post"
send "info-confirm+$(echo "$ct" | tr a-z A-Z)@lists.example.org" new@three.example "" ""
run
like "$(moot member ls info)" "new@three.example" "  and a confirmation, upper-cased, confirms"
lt=$(newest_to mod@one.example | sed -n 's/^List-Unsubscribe: <mailto:info-leave+\([a-z2-7]*\)@lists.example.org>\r$/\1/p')
is "${#lt}" 26 "a copy carries its member's List-Unsubscribe, made again from its row"
is "$(nowhere "$lt")" 0 "  which is nowhere in the database either"

# 2. A database of schema 4 with tokens in clear (tests/data/db/v4.sql).
rm -f "$SITE"/var/moot.db*
sqlite3 "$SITE/var/moot.db" <"$MOOT_SRCDIR/tests/data/db/v4.sql"
cp "$MOOT_SRCDIR/tests/data/db/v4.secret" "$SITE/var/secret"
old_mt=ewbpcp342m6bg4yxnqapvkoxwq
old_lt=d7nknbcd2mab5b6j35zdhskksy
is "$(nowhere $old_mt) $(nowhere $old_lt)" "2 2" "schema 4 kept tokens in clear (lines of the dump)"
moot list ls >/dev/null 2>&1
is "$(db 'PRAGMA user_version')" "$SCHEMA_VERSION" "migrated"
is "$(nowhere $old_mt) $(nowhere $old_lt)" "0 0" \
    "  and no token is left in clear: rows, members, sent notices (B1)"
is "$(moot member ls ops | wc -l)" 2 "  the members are kept"
send "info-moderate+$old_mt@lists.example.org" mod@one.example "" "approve"
send "ops-leave+$old_lt@lists.example.org" lu@eight.example "" ""
run
like "$(moot spool show 1)" "state: sent" "the old moderation token still approves"
is "$(moot member ls ops | grep -c lu@eight.example)" 0 \
    "the old List-Unsubscribe address still takes its member off"
moot member add ops lu@eight.example >/dev/null
is "$(db "SELECT id > (SELECT max(object_id) FROM token WHERE purpose = 'leave') FROM member WHERE addr = 'lu@eight.example'")" 1 \
    "a member added again gets an id no leave token names (B2)"

done_testing
