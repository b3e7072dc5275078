#!/bin/bash
# member-csv.sh - moot member import and export: CSV with and without a
# header, quoted names (commas, quotes, Arabic), each bad row named by its
# line while the good rows go in, the list's rules (requires, ended,
# organiser terms), --dry-run, malformed files that import nothing,
# updates, the limits, the exact form of an export and a round trip.
. "$(dirname "$0")/lib/common.sh"

export MOOT_NOW=2026-11-23T10:00:00Z	# a Monday; organisers' terms start now
# member LIST ADDR: role|mode|language|name, or "" if not on the list,
# read from moot member export (the one listing that keeps a name as it
# is, commas and spaces included).
member() {
	moot member export "$1" | "$PYTHON3" -c '
import csv, sys
for r in csv.DictReader(sys.stdin):
    if r["address"] == sys.argv[1]:
        print("|".join((r["role"], r["mode"], r["language"], r["name"])))' "$2"
}
count() { list_field "$1" members; }
# audits LIST: the lines of the list's audit log
audits() { log_count "$1" .; }
# import LIST FILE [ARGS]: sets out (stdout), err (stderr), rc
import() {
	out=$(moot member import "$@" 2>"$T/err")
	rc=$?
	err=$(cat "$T/err")
}

site_new
for l in info copy piped bad ops; do moot list create $l >/dev/null; done
moot list create strategy --requires ops >/dev/null
moot list create old --ends 2026-01-01 >/dev/null
moot member add ops in@ops.example >/dev/null

# 1. No header: the columns in their order; quoting; member add's defaults.
cat >"$T/plain.csv" <<'EOF'
alice@example.org,"Smith, Alice",owner,en,digest,,
bob@example.org,"Bob ""the builder"" Jones"
"carol@example.org","سلمى الكرمي",,ar,nomail
EOF
import info "$T/plain.csv"
is "$rc" 0 "import without a header: exit 0"
is "$out" "imported 3 new, 0 updated, 0 refused" "  says what it did"
is "$err" "" "  and nothing on stderr"
is "$(member info alice@example.org)" "owner|digest|en|Smith, Alice" "  a quoted name with a comma; role, language, mode"
is "$(member info bob@example.org)" 'member|mail||Bob "the builder" Jones' "  doubled quotes; empty fields take member add's defaults"
is "$(member info carol@example.org)" "member|nomail|ar|سلمى الكرمي" "  an Arabic name, kept as UTF-8"
like "$(moot log info)" "join +alice@example.org  by import" "  the audit log has each join, by import"
is "$(log_count info '  join +[^ ]+  by import$')" 3 "  one audit row per member"

# 2. A header: any order, any case, CRLF line ends, a byte order mark.
printf '\xef\xbb\xbfMode,Address,Role,Name\r\ndigest,Dave@Example.ORG,moderator,Dave\r\n' >"$T/hdr.csv"
import info "$T/hdr.csv"
is "$out" "imported 1 new, 0 updated, 0 refused" "a header in another order, with CRLF and a BOM"
is "$(member info dave@example.org)" "moderator|digest||Dave" "  columns by name; the address in canonical form"
cat >"$T/terms.csv" <<'EOF'
address,role,term_end,term_start,name
erin@example.org,organiser,2029-11-30,2026-12-01,Erin
gina@example.org,organiser,,,Gina
frank@example.org,,,," Frank, with spaces "
EOF
import info "$T/terms.csv"
is "$out" "imported 3 new, 0 updated, 0 refused" "a header starting with address; term dates"
# The exact second a term starts and ends: the commands show the date.
is "$(sqlite3 "$SITE/var/moot.db" "SELECT term_start || ' ' || term_end FROM member WHERE addr = 'erin@example.org'")" \
    "$(TZ=Europe/London date -d 2026-12-01 +%s) $(TZ=Europe/London date -d 2029-11-30 +%s)" \
    "  term dates are midnight in the site's zone"
# As above: the second, which no command shows.
is "$(sqlite3 "$SITE/var/moot.db" "SELECT term_start || ' ' || term_end FROM member WHERE addr = 'gina@example.org'")" \
    "$(date -d "$MOOT_NOW" +%s) $(date -d "2029-11-23T10:00:00Z" +%s)" \
    "  an organiser without dates gets member add's term: now, for 3 years"
is "$(member info frank@example.org)" "member|mail|| Frank, with spaces " "  spaces inside quotes are kept"

# 3. Bad rows: each refused with its line and why; the good rows go in.
cat >"$T/bad.csv" <<'EOF'
address,name,role,language,mode,term_start,term_end
good1@example.org,Good One
bob@,Bob
boss@example.org,,boss
lang@example.org,,,zz
mode@example.org,,,,weekly
date@example.org,,,,,2026-13-01

org@example.org,,organiser,,,2026-12-01,2030-12-02
good1@example.org,Again
,No Address
ml@example.org,"two
lines"
wide@example.org,,,,,,,extra
,,,,,,
good2@example.org,"Good, Two"
EOF
import bad "$T/bad.csv"
is "$rc" 1 "bad rows: exit 1"
is "$out" "imported 2 new, 0 updated, 10 refused" "  says how many went in and how many were refused"
like "$err" '^moot: [^ ]*bad\.csv:3: not an email address: "bob@"' "  a bad address, line 3"
like "$err" '^moot: [^ ]*bad\.csv:4: unknown role "boss"' "  an unknown role, line 4"
like "$err" '^moot: [^ ]*bad\.csv:5: unknown language "zz"' "  an unknown language, line 5"
like "$err" '^moot: [^ ]*bad\.csv:6: unknown mode "weekly"' "  a bad mode, line 6"
like "$err" '^moot: [^ ]*bad\.csv:7: term_start "2026-13-01" is not a date' "  a bad date, line 7"
like "$err" "^moot: [^ ]*bad\.csv:9: an organiser's term is at most 3 years" "  a term over 3 years, line 9 (after a blank line)"
like "$err" '^moot: [^ ]*bad\.csv:10: "good1@example.org" is on line 2 already' "  the same address twice, line 10"
like "$err" '^moot: [^ ]*bad\.csv:11: no address' "  no address, line 11"
like "$err" '^moot: [^ ]*bad\.csv:12: name "two\\x0alines" has control characters' "  a name over two lines, line 12"
like "$err" '^moot: [^ ]*bad\.csv:14: more fields than columns' "  a field too many, line 14 (after a two-line row)"
is "$(printf '%s\n' "$err" | wc -l)" 10 "  one line on stderr per refused row"
is "$(member bad good1@example.org)" "member|mail||Good One" "  the first good row is in, as it was written"
is "$(member bad good2@example.org)" "member|mail||Good, Two" "  and the last"
is "$(count bad)" 2 "  and nothing else"

# The list's rules, as for member add.
printf 'in@ops.example,Insider\nout@else.example,Outsider\n' >"$T/strategy.csv"
import strategy "$T/strategy.csv"
is "$rc" 1 "requires: exit 1"
is "$out" "imported 1 new, 0 updated, 1 refused" "  the member of ops is in"
like "$err" '^moot: [^ ]*strategy\.csv:2: strategy requires membership of ops$' "  the other is refused, line 2"
is "$(member strategy out@else.example)" "" "  and not on strategy"
import old "$T/strategy.csv"
is "$out" "imported 0 new, 0 updated, 2 refused" "an ended list takes nobody"
like "$err" "strategy\.csv:1: list old has ended" "  saying so"

# 4. An existing member is updated from the fields that are not empty.
n_audit=$(audits info)
printf 'alice@example.org,,moderator,,mail\n' >"$T/update.csv"
import info "$T/update.csv"
is "$rc" 0 "update: exit 0"
is "$out" "imported 0 new, 1 updated, 0 refused" "  counted as updated"
is "$(member info alice@example.org)" "moderator|mail|en|Smith, Alice" "  role and mode change; name and language stay"
like "$(moot log info)" "set +alice@example.org  by import" "  the audit log has it"
import info "$T/update.csv"
is "$(audits info)" $((n_audit + 1)) "  a second, identical import writes no audit row"

# 5. --dry-run: the same answer, nothing changed.
before=$(moot member export info)
n_audit=$(audits info)
printf 'address,name,role\nnew@example.org,New\nalice@example.org,,owner\nx@,X\n' >"$T/dry.csv"
import info "$T/dry.csv" --dry-run
is "$rc" 1 "dry run with a bad row: exit 1"
is "$out" "would import 1 new, 1 updated, 1 refused" "  says what it would do"
like "$err" 'dry\.csv:4: not an email address: "x@"' "  and names the bad row"
is "$(moot member export info)" "$before" "  the members are as they were"
is "$(audits info)" "$n_audit" "  and the audit log too"
import --dry-run info "$T/plain.csv"
is "$rc" 0 "dry run, nothing refused: exit 0"
is "$out" "would import 0 new, 3 updated, 0 refused" "  --dry-run may come first"

# 6. Malformed CSV: the line, and nothing imported.
cat >"$T/unclosed.csv" <<'EOF'
address,name
mal1@example.org,Fine
mal2@example.org,"Never closed
mal3@example.org,Fine
EOF
n=$(count info)
import info "$T/unclosed.csv"
is "$rc" 1 "an unclosed quote: exit 1"
like "$err" '^moot: [^ ]*unclosed\.csv:3: not valid CSV' "  names the line where the row starts"
is "$out" "" "  no summary"
is "$(count info)" "$n" "  nothing imported, not even the good row before it"
printf 'mal1@example.org,Fine\nmal2@example.org,Bad"quote\n' >"$T/stray.csv"
import info "$T/stray.csv"
is "$rc" 1 "a quote inside an unquoted field: exit 1"
like "$err" 'stray\.csv:2: not valid CSV' "  with its line"
is "$(member info mal1@example.org)" "" "  nothing imported"
printf 'address,nickname\nnick@example.org,Nick\n' >"$T/column.csv"
import info "$T/column.csv"
is "$rc" 1 "an unknown column: exit 1"
like "$err" 'column\.csv:1: unknown column "nickname"' "  named"
is "$(member info nick@example.org)" "" "  nothing imported"

# 7. Limits and mistakes: exit 1 and a clear message.
seq -f 'u%.0f@example.org' 100001 >"$T/many.csv"
import bad "$T/many.csv"
is "$rc" 1 "100001 rows: exit 1"
like "$err" "more than 100000 rows" "  says the limit"
is "$(count bad)" 2 "  nothing imported"
{ printf 'long@example.org,'; head -c 1100000 /dev/zero | tr '\0' x; echo; } >"$T/long.csv"
import bad "$T/long.csv"
is "$rc" 1 "a line over 1 MB: exit 1"
like "$err" "long\.csv:1: a line or row longer than 1 MB" "  says so"
import nope "$T/plain.csv"
is "$rc" 1 "import into an unknown list: exit 1"
like "$err" "no list is called nope" "  says so"
import info "$T/missing.csv"
is "$rc" 1 "a file that is not there: exit 1"
like "$err" "cannot read .*missing\.csv: No such file" "  says so"
out=$(moot member export nope 2>&1)
is $? 1 "export of an unknown list: exit 1"
like "$out" "no list is called nope" "  says so"
moot member export info >/dev/full 2>"$T/err"
is $? 2 "export to a full disk: exit 2"
like "$(cat "$T/err")" "cannot write the members of info" "  says so"

# 8. The export, exactly: a header, members by address, quoting by libcsv.
cat >"$T/want.csv" <<'EOF'
address,name,role,language,mode,term_start,term_end,organisation
alice@example.org,"Smith, Alice",moderator,en,mail,,,
bob@example.org,"Bob ""the builder"" Jones",member,,mail,,,
carol@example.org,سلمى الكرمي,member,ar,nomail,,,
dave@example.org,Dave,moderator,,digest,,,
erin@example.org,Erin,organiser,,mail,2026-12-01,2029-11-30,
frank@example.org," Frank, with spaces ",member,,mail,,,
gina@example.org,Gina,organiser,,mail,2026-11-23,2029-11-23,
EOF
moot member export info >"$T/info.csv"
is $? 0 "export: exit 0"
is "$(cat "$T/info.csv")" "$(cat "$T/want.csv")" "  the exact text"

# 9. Round trip: export, import into another list, export again.
import copy "$T/info.csv"
is "$rc" 0 "export then import into another list: exit 0"
is "$out" "imported 7 new, 0 updated, 0 refused" "  every member"
is "$(moot member export copy)" "$(cat "$T/info.csv")" "  and its export is the same"
out=$(moot member export info | moot member import piped - 2>&1)
is "$out" "imported 7 new, 0 updated, 0 refused" "import from standard input (-), piped from export"
is "$(moot member export piped)" "$(cat "$T/info.csv")" "  the same members"

done_testing
