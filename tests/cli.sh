#!/bin/bash
# cli.sh - moot's command line: init, lists, members, help, exit statuses
. "$(dirname "$0")/lib/common.sh"

site_new

# moot init: modes of the secret and the database (threat G2's files).
is "$(stat -c %a "$SITE/var/secret")" 600 "the secret is mode 0600"
is "$(stat -c %a "$SITE/var/moot.db")" 640 "the database is mode 0640"
is "$(wc -c <"$SITE/var/secret")" 65 "the secret holds 256 bits in hex"
secret=$(cat "$SITE/var/secret")
out=$(moot init 2>&1)
ok "init again succeeds" test $? = 0
is "$(cat "$SITE/var/secret")" "$secret" "and keeps the secret"
like "$out" "schema version $SCHEMA_VERSION\$" "and says the schema version"
# The journal mode is SQLite's business; no command shows it.
is "$(sqlite3 "$SITE/var/moot.db" 'PRAGMA journal_mode')" wal "WAL mode"
chmod 644 "$SITE/var/secret"
out=$(moot init 2>&1)
is $? 1 "init refuses a secret others can read (exit 1: yours to fix)"
like "$out" "chmod 600" "and says how to fix it"
chmod 600 "$SITE/var/secret"

# A wrong templates folder stops init before it makes anything (issue 10,
# 9(b)): no database, no secret, nothing half-made.
mkdir -p "$T/bad"
printf '[moot]\ndomain = lists.example.org\ntemplates = %s\n' "$T/bad/none" >"$T/bad/moot.conf"
out=$("$MOOT_BIN" -c "$T/bad/moot.conf" init 2>&1)
is $? 1 "init with a templates folder that is not there: exit 1"
like "$out" "^moot: .*templates" "  saying so"
is "$(ls "$T/bad")" moot.conf "  and nothing was created"

# Lists.
out=$(moot list create info --description "Information Group" 2>&1)
is $? 0 "list create"
like "$out" "info@lists.example.org" "it says the address"
moot list create ops --members-only >/dev/null
moot list create strategy --members-only --requires ops --digest "Mon 10:00" >/dev/null
is $? 0 "list create with --requires and --digest"
out=$(moot list create info 2>&1)
is $? 1 "a second list of the same name is refused"
like "$out" "exists already" "and says so"
out=$(moot list create abcdefghijklmnopqrstuvwxyz123 2>&1)
is $? 1 "a 29-octet list name is refused (threat B1)"
like "$out" "1 to 28 characters" "with the rule"
moot list create abcdefghijklmnopqrstuvwxyz12 >/dev/null
is $? 0 "a 28-octet list name is accepted"
out=$(moot list create ops-request 2>&1)
is $? 1 "a name ending in -request is refused"
out=$(moot list create Tf-Upper 2>&1)
is $? 0 "an upper-case name is folded, as mail folds it"
like "$out" "^list tf-upper created: tf-upper@" "  and the name made is said"
like "$(moot list show TF-UPPER 2>&1)" "name: tf-upper" "any command finds a list whatever its case"
moot list rm TF-upper >/dev/null
out=$(moot list create tf-x --requires nope 2>&1)
is $? 1 "--requires an unknown list is refused"
like "$out" "no list is called nope" "naming it"
out=$(moot list create tf-x --digest "someday" 2>&1)
is $? 1 "a bad --digest is refused"
out=$(moot list create tf-x --language xx 2>&1)
is $? 1 "a language without templates is refused"
moot list create tf-housing --ends 2027-03-31 --subject-prefix "[housing]" >/dev/null
show=$(moot list show strategy)
like "$show" "^name: strategy" "list show: name"
like "$show" "members-only: yes" "list show: members-only"
like "$show" "requires: ops" "list show: requires"
like "$show" "digest: Mon 10:00" "list show: digest"
show=$(moot list show tf-housing)
like "$show" "ends: 2027-03-31 00:00" "list show: end date in the site's zone"
like "$show" "subject-prefix: \[housing\]" "list show: subject prefix"
moot list set info --moderated --max-size 2M >/dev/null
show=$(moot list show info)
like "$show" "moderated: yes" "list set --moderated"
like "$show" "max-size: 2097152" "list set --max-size"
moot list set info --no-moderated >/dev/null
like "$(moot list show info)" "moderated: no" "list set --no-moderated"
show=$(moot list show info)
like "$show" "escalate: 1d" "list show: the default escalation in its largest unit"
like "$show" "turn: 1w" "list show: the default turn in weeks"
moot list set info --escalate 36h --turn 14d >/dev/null
show=$(moot list show info)
like "$show" "escalate: 36h" "list show: a duration as the option takes it, not in seconds"
like "$show" "turn: 14d" "list show: a turn given as 14d is 14d"
moot list set info --escalate 90m --turn 3d >/dev/null
show=$(moot list show info)
like "$show" "escalate: 90m" "list show: 90m stays 90m"
like "$show" "turn: 3d" "list show: 3d stays 3d"
moot list set info --escalate 24h --turn 1w >/dev/null
show=$(moot list show info)
like "$show" "escalate: 24h" "list show: 24h as given, not 1d or 86400s"
like "$show" "turn: 1w" "  and 1w"
moot list set info --description "Information Group" >/dev/null
like "$(moot list show info)" "escalate: 24h" "  kept when another setting changes"
ls=$(moot list ls)
is "$(echo "$ls" | wc -l)" 5 "list ls shows every list"
like "$ls" "^info +0 +Information Group" "with members and description"
out=$(moot list show nope 2>&1)
is $? 1 "list show of an unknown list fails with 1"

# Members.
out=$(moot member add info Amira@One.Example --name "Amira Haddad" --lang en 2>&1)
is $? 0 "member add"
like "$out" "amira@one.example added to info as member" "stored in canonical form"
moot member add info bob@two.example --role owner --nomail >/dev/null
moot member add info carol@three.example --role moderator --digest >/dev/null
out=$(moot member add info amira@one.example 2>&1)
is $? 1 "adding a member twice is refused"
out=$(moot member add info 'a b@x.example' 2>&1)
is $? 1 "an address with a space is refused (threat E2)"
out=$(moot member add info "$(printf 'a\nb@x.example')" 2>&1)
is $? 1 "an address with a newline is refused"
out=$(moot member add info 'jöran@x.example' 2>&1)
is $? 1 "a UTF-8 address is refused (threat E6)"
like "$out" "SMTPUTF8" "with the reason"
out=$(moot member add info "$(printf 'a%.0s' $(seq 300))@x.example" 2>&1)
is $? 1 "a 300-octet address is refused"
out=$(moot member add info d@four.example --role king 2>&1)
is $? 1 "an unknown role is refused"
out=$(moot member add info d@four.example --lang xx 2>&1)
is $? 1 "an unknown language is refused"
moot member add ops dana@four.example --role organiser --term-start 2026-01-01 --term-end 2028-12-31 >/dev/null
ls=$(moot member ls info)
is "$(echo "$ls" | wc -l)" 3 "member ls shows three members"
like "$ls" "amira@one.example +member +mail +en +Amira Haddad" "member ls: a member"
like "$ls" "bob@two.example +owner +nomail" "member ls: an owner without mail"
like "$ls" "carol@three.example +moderator +digest" "member ls: a moderator with digests"
like "$(moot member ls ops)" "term 2026-01-01 to 2028-12-31" "an organiser's term is shown"
out=$(moot member add ops eve@five.example --role organiser --term-start 2026-01-01 --term-end 2029-06-30 2>&1)
is $? 1 "an organiser's term of more than three years is refused"
like "$out" "at most 3 years" "  saying so"
MOOT_NOW=2026-11-23T10:00:00Z moot member add ops fay@six.example --role organiser >/dev/null
like "$(moot member ls ops)" "fay@six.example +organiser .*term 2026-11-23 to 2029-11-23" \
    "an organiser without dates: from today, for three years"
moot member set info carol@three.example --mail --role owner >/dev/null
like "$(moot member ls info)" "carol@three.example +owner +mail" "member set"
out=$(moot member rm info amira@one.example 2>&1)
is $? 0 "member rm"
out=$(moot member rm info amira@one.example 2>&1)
is $? 1 "removing a non-member fails with 1"
out=$(moot list rm info 2>&1)
is $? 1 "a list with members is not removed without --force"
moot list rm info --force >/dev/null
is $? 0 "list rm --force"
out=$(moot list show info 2>&1)
is $? 1 "and it is gone"

# Help and usage.
for cmd in "init" "list create" "list set" "list show" "list ls" "list rm" \
    "member add" "member set" "member rm" "member ls" "inject" "spool ls" \
    "spool show" "spool retry"; do
	out=$("$MOOT_BIN" -c "$CONF" $cmd --help 2>&1)
	st=$?
	ok "moot $cmd --help exits 0" test $st = 0
	like "$out" "^usage: moot -c conf $cmd" "  and shows its usage"
done
out=$("$MOOT_BIN" --help)
ok "moot --help exits 0" test $? = 0
like "$out" "member add" "and lists the commands"
out=$("$MOOT_BIN" -c "$CONF" frobnicate 2>&1)
is $? 1 "an unknown command exits 1"
like "$out" "unknown command: frobnicate" "and names it"
out=$("$MOOT_BIN" -c "$CONF" list create 2>&1)
is $? 1 "a missing argument exits 1"
out=$("$MOOT_BIN" list ls 2>&1)
is $? 1 "no configuration exits 1"
like "$out" "give -c FILE or set MOOT_CONF" "and says what to do"
out=$(MOOT_CONF=$CONF "$MOOT_BIN" list ls 2>&1)
is $? 0 "MOOT_CONF works as -c"
printf '[moot]\ndomain = x.example\n[relay]\nport = 99999\n' >"$T/bad.conf"
out=$("$MOOT_BIN" -c "$T/bad.conf" list ls 2>&1)
is $? 1 "a bad configuration exits 1"
like "$out" "bad.conf:4: \[relay\] port: 99999 is above the maximum 65535" "naming file, line and key"
out=$("$MOOT_BIN" -c "$T/none.conf" list ls 2>&1)
is $? 1 "a missing configuration exits 1"
mkdir -p "$T/fresh"
printf '[moot]\ndomain = x.example\n' >"$T/fresh/moot.conf"
out=$("$MOOT_BIN" -c "$T/fresh/moot.conf" list ls 2>&1)
is $? 1 "no database yet exits 1"
like "$out" "run moot init first" "and says what to do"
out=$("$MOOTD_BIN" --help)
ok "mootd --help exits 0" test $? = 0
like "$out" "usage: mootd -c conf" "mootd: usage"
"$MOOTD_BIN" -x >/dev/null 2>&1
is $? 1 "mootd: a bad option exits 1"

# A database from an older moot is migrated forward; a newer one refused.
# The newer one is made by hand: no command can.
sqlite3 "$SITE/var/moot.db" 'PRAGMA user_version = 99'
out=$(moot list ls 2>&1)
is $? 2 "a database newer than moot is refused"
like "$out" "newer than this moot" "saying so"
rm -f "$SITE"/var/moot.db*
# An empty database, made by hand; its version is read from the file,
# since moot init, which says it, would migrate it first itself.
sqlite3 "$SITE/var/moot.db" 'PRAGMA user_version = 0'
moot list ls >/dev/null 2>&1
is "$(sqlite3 "$SITE/var/moot.db" 'PRAGMA user_version')" "$SCHEMA_VERSION" "an empty database is migrated to the current version"

# A database of schema version 1 (moot 0.1), with data: migrated, kept.
rm -f "$SITE"/var/moot.db*
# An old database, loaded by hand: no command writes one.
sqlite3 "$SITE/var/moot.db" <"$MOOT_SRCDIR/tests/data/db/v1.sql"
out=$(moot list show info 2>&1)
is $? 0 "a version 1 database is opened"
# Read from the file, as above: moot init would migrate before saying it.
is "$(sqlite3 "$SITE/var/moot.db" 'PRAGMA user_version')" "$SCHEMA_VERSION" "and migrated to the current version"
like "$out" "description: Information Group" "its list is kept"
like "$(moot member ls info)" "amira@one.example +moderator" "its members are kept"
is "$(list_field info nonmember) $(list_field info turn)" \
    "hold 1w" "new settings have their defaults"
is "$(list_field info who) $(list_field info bulk)" \
    "nobody no" "and those of version 3 too"
# An index is invisible to every command but for its speed.
is "$(sqlite3 "$SITE/var/moot.db" "SELECT count(*) FROM sqlite_master WHERE name = 'member_by_list'")" \
    1 "and the index of version 4"
is "$(spool_state 1)" held "its spool is kept"

# The command line's small courtesies (issue 10, item 8).
for p in "$MOOT_BIN" "$MOOTD_BIN" "$MILTER_BIN"; do
	out=$("$p" --version 2>&1)
	is "$?:$out" "0:$(basename "$p") $(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"/\1/p' "$MOOT_BUILDDIR/config.h")" \
	    "$(basename "$p") --version"
done
out=$(moot list 2>&1)
is $? 0 "moot list alone: exit 0"
like "$out" "create a list" "  it lists the list commands"
like "$out" "remove a list" "  all of them"
like "$(moot member 2>&1)" "  import " "moot member alone lists the member commands"
moot list create spare >/dev/null
out=$(moot list rm spare --moderated 2>&1)
is $? 1 "list rm takes no list setting"
like "$out" "^moot: list rm: no such option: --moderated" "  and says so, starting moot:"
is "$(moot list show spare 2>&1 | head -1)" "name: spare" "  the list is still there"
moot member add spare ann@one.example >/dev/null
out=$(moot member set spare ann@one.example 2>&1)
is $? 1 "member set with nothing to set: exit 1"
like "$out" "usage: moot -c conf member set" "  with its usage"
out=$(moot list create other --max-size 2>&1)
like "$out" "^moot: list create: this option needs a value: --max-size" \
    "an option without its value: said, starting moot:"

done_testing
