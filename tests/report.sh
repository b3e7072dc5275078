#!/bin/bash
# report.sh - the report for the Communities Board (issue 14, item 5):
# a site whose groups meet, keep notes, fill the board's seats, post, and
# gain and lose members over months (MOOT_NOW); moot report in text
# (its figures), HTML (a strict parser, the figures, the chart as SVG)
# and PDF (read back with pdftotext: the figures, an Arabic name, the
# chart's legend; fonts embedded); the period's bounds and errors; and
# the report by mail to LIST-report@: an organiser gets a reply in their
# language with the PDF attached (strict MIME), a plain member a
# refusal, an automatic reply nothing, an unclear subject the default
# period and a line saying so.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

sink_start
site_new
D=lists.example.org
ARORG="جمعية الجالية"
# not COMMAND...: passes when COMMAND fails
not() { ! "$@"; }

# --- January 2026: the groups and their members -----------------------
export MOOT_NOW=2026-01-05T10:00:00Z
moot list create strategy >/dev/null
moot list create ops >/dev/null
moot member add strategy alice@example.org --role organiser \
    --org "Acme Housing" >/dev/null
moot member add strategy bob@example.org --org "acme housing " >/dev/null
moot member add strategy dina@example.org --lang ar --org "$ARORG" >/dev/null
moot member add strategy fay@example.org --lang fr >/dev/null
moot member add ops carol@example.org --lang fr >/dev/null
moot member add ops dina@example.org --lang ar --role organiser >/dev/null
S1=$(moot meeting add strategy "2026-02-10 10:00" --location "Town Hall" | head -1)
O1=$(moot meeting add ops "2026-03-12 18:00" | head -1)
B1=$(moot meeting add board "2026-04-20 10:00" | head -1)
O0=$(moot meeting add ops "2025-03-01 18:00" | head -1)	# before it all
like "$S1$O1$B1" '^[0-9]+$' "three meetings"
moot meeting seats "$B1" alice@example.org dina@example.org \
    bob@example.org >/dev/null
# A priority the ops group works on (one alone: moot warns, and does it).
moot priority add "Housing for all" --lists ops >/dev/null 2>&1

# --- February: strategy meets; its notes are approved -------------------
export MOOT_NOW=2026-02-10T13:00:00Z
moot meeting attended "$S1" alice@example.org bob@example.org \
    dina@example.org >/dev/null
send strategy-notes@$D alice@example.org "Notes of 10 February" \
    "Present: alice, bob, dina.\nAgreed the housing plan.\nNext: the budget."
run
moot approve "$(last_id)" >/dev/null
run

# --- March: ops meets; two posts to strategy ----------------------------
export MOOT_NOW=2026-03-12T20:00:00Z
moot meeting attended "$O1" dina@example.org >/dev/null
send strategy@$D bob@example.org "Housing" "A post."
send strategy@$D fay@example.org "Budget" "Another post."
run
# --- April: one post; May: carol leaves ops, erin joins -----------------
export MOOT_NOW=2026-04-02T09:00:00Z
send strategy@$D alice@example.org "Board" "A third post."
run
export MOOT_NOW=2026-05-02T09:00:00Z
moot member rm ops carol@example.org >/dev/null
moot member add ops erin@example.org --lang uk >/dev/null
# --- June: a statement for the council, agreed by consensus ------------
printf 'The partnership welcomes the plan.\nIt asks for more homes.\n' >"$T/st.txt"
MOOT_NOW=2026-06-01T09:00:00Z moot decide propose strategy --statement \
    --title "Statement on the housing plan" --text "$T/st.txt" \
    --closes "2026-06-10 12:00" >/dev/null
MOOT_NOW=2026-06-01T09:01:00Z run
MOOT_NOW=2026-06-10T13:00:00Z run
export MOOT_NOW=2026-06-30T12:00:00Z

# --- text --------------------------------------------------------------
R=$(moot report)
like "$(echo "$R" | tr '\n' ' ')" "from 2025-06-30 to 2026-06-30" \
    "by default the last 12 months to now"
like "$R" "  strategy +1" "meetings held: strategy 1"
like "$R" "  ops +1" "  ops 1 (the one of 2025 is outside the period)"
like "$R" "  board +1" "  board 1"
like "$R" "strategy, 2026-02-10 10:00, Town Hall \(meeting $S1\)" \
    "each meeting with its start and location"
like "$R" "    Agreed the housing plan." "  and its approved notes' lines"
like "$R" "  Acme Housing +1" \
    "attendance: two members of one organisation count once"
like "$R" "  $ARORG +1" "  an Arabic organisation's name as it was typed"
like "$(echo "$R" | tr -s ' \n' '  ')" "2026-04-20 10:00 3 of 3 alice@example.org, dina@example.org, bob@example.org" \
    "the board's seats"
is "$(echo "$R" | sed -n '/^ops$/,/^  all/p' | grep -E '^  (fr|uk|all) ' | tr -s ' ' | tr '\n' '|')" \
    " fr 0 1 1| uk 1 1 0| all 2 3 1|" \
    "ops: carol (fr) joined and left, erin (uk) joined, by language"
like "$R" "  2026-03 +2 +1 +0" "March: 2 posts, 1 meeting"
like "$R" "  2026-04 +1 +1 +0" "April: 1 post, the board's meeting"
like "$R" "  2026-05 +0 +0 +1" "May: erin, new"
is "$(echo "$R" | awk 'length > 72' | wc -l)" 0 "no line over 72 columns"
utf8() { iconv -f UTF-8 -t UTF-8 >/dev/null; }
ok "the text is UTF-8" utf8 <<<"$R"
like "$R" "Priorities and task-and-finish groups" "the priorities' section"
like "$R" "Agreed 2026-01-05; current\." "  a priority, when agreed"
like "$(echo "$R" | sed -n '/^Housing for all/,/^$/p;/Task-and-finish group/,/^$/p' | tr -s ' ')" \
    " ops 0 1" "  its group's posts and meetings held in the period"
like "$R" "Decisions and votes" "the decisions' section"
like "$R" "strategy: Statement on the housing plan" "  each decision, with its group"
like "$R" "A proposal, decided 2026-06-10: agreed by consensus\." "  and how it ended"
like "$(echo "$R" | sed -n '/^Statements for council publications/,$p')" \
    "Agreed 2026-06-10\." "the statements' section: the statement, when agreed"
like "$(echo "$R" | sed -n '/^Statements for council publications/,$p')" \
    "The partnership welcomes the plan\." "  with its text"

# The period's bounds: --to's day is in, --from's first.
R2=$(moot report --from 2026-03-01 --to 2026-03-31)
like "$(echo "$R2" | tr '\n' ' ')" "from 2026-03-01 to 2026-03-31" \
    "--from and --to name the period"
unlike "$R2" "Town Hall" "  February's meeting is outside it"
like "$R2" "  ops +1" "  March's is in"
like "$(moot report --from 2026-04-20 --to 2026-04-20)" "2026-04-20 10:00 +3 of 3" \
    "a one-day period has that day's meeting"
ok "a date that is not one is refused" not moot report --from 2026-02-30 2>/dev/null
ok "an empty period is refused" not moot report --from 2026-05-01 --to 2026-04-01 2>/dev/null
ok "an unknown format is refused" not moot report --format docx 2>/dev/null
like "$(moot report --format docx 2>&1)" "not text, html or pdf" "  saying which there are"
if command -v script >/dev/null; then
	script -qec "$MOOT_BIN -c $CONF report --format pdf" /dev/null >"$T/tty.out" 2>&1
	like "$(cat "$T/tty.out")" "not for a terminal" "no PDF to a terminal"
fi

# --- HTML --------------------------------------------------------------
moot report --format html -o "$T/r.html"
# html_ok FILE: the strict parser finds nothing wrong (its text aside)
html_ok() { "$PYTHON3" "$MOOT_SRCDIR/tests/lib/htmlcheck.py" "$1" >/dev/null; }
ok "the HTML report is well-formed (strict parser)" html_ok "$T/r.html"
H=$("$PYTHON3" "$MOOT_SRCDIR/tests/lib/htmlcheck.py" "$T/r.html" svg rect path)
like "$H" "Agreed the housing plan" "  with the notes"
like "$H" "$ARORG" "  the Arabic name"
like "$H" "alice@example.org, dina@example.org, bob@example.org" "  the seats"
is "$(echo "$H" | grep '^count svg')" "count svg 1" "  the chart, inline as SVG"
like "$(echo "$H" | grep '^count path')" "count path [1-9]" "  drawn"
like "$(grep -c '<tr><td dir="auto">2026-03</td><td dir="auto" class="n">2</td><td dir="auto" class="n">1</td>' "$T/r.html")" \
    "^1$" "  March's row: 2 posts, 1 meeting"
is "$(stat -c %a "$T/r.html")" 600 "-o makes a file its owner's alone"
# A note with markup in it is text, not markup.
export MOOT_NOW=2026-06-30T13:00:00Z
moot meeting attended "$O1" dina@example.org >/dev/null
send ops-notes@$D dina@example.org "Notes" \
    "<script>alert(1)</script> & more\nSee \xe2\x80\xaegnp.exe\n1\n2\n3\n4\n5\n6\n7\n8" \
    "MIME-Version: 1.0" "Content-Type: text/plain; charset=utf-8"
run
moot approve "$(last_id)" >/dev/null
run
moot report --format html >"$T/r2.html"
ok "notes with markup keep it well-formed" html_ok "$T/r2.html"
has "$T/r2.html" "&lt;script&gt;alert\(1\)&lt;/script&gt; &amp; more" "  escaped"
has "$T/r2.html" 'See \\u\{202E\}gnp.exe' "  a bidi override in notes is shown, not obeyed"
R3=$(moot report)
like "$R3" 'See \\u\{202E\}gnp.exe' "  in the text report too"
like "$R3" "    6
    \(2 more lines\)" "notes: their first 8 lines, and how many more"

# --- PDF ---------------------------------------------------------------
moot report --format pdf -o "$T/r.pdf"
is "$(head -c 5 "$T/r.pdf")" "%PDF-" "a PDF"
like "$(pdfinfo "$T/r.pdf" | grep '^Title:')" "Communities Board, 2025-06-30 to 2026-06-30" \
    "  titled with its period"
P=$(pdftotext -enc UTF-8 "$T/r.pdf" -)
like "$P" "Agreed the housing plan" "  pdftotext reads the notes"
like "$P" "Town Hall" "  the meetings"
like "$(echo "$P" | tr '\n' ' ')" "alice@example.org, dina@example.org, bob@example.org" \
    "  the seats"
like "$P" "Acme Housing" "  the attendance"
# pdftotext marks a right-to-left run with embedding controls and may
# split a word where a ligature joins two glyphs: compared without them.
bare() { "$PYTHON3" -c 'import re, sys; print(re.sub("[\u202a-\u202e\u200e\u200f\\s]", "", sys.stdin.read()))'; }
like "$(echo "$P" | bare)" "$(echo "$ARORG" | bare)" \
    "  the Arabic organisation's name, shaped, reads back"
PL=$(pdftotext -layout -enc UTF-8 "$T/r.pdf" -)
like "$PL" "2026-03 +2 +1 +0" "  March's figures"
like "$PL" "posts +meetings +new members" "  the chart's legend is drawn"
like "$(pdffonts "$T/r.pdf" | awk 'NR > 2 && $0 ~ / yes +yes /' | wc -l)" "^[1-9]" \
    "  its fonts are embedded"
moot report --format pdf >"$T/r3.pdf"
cmp -s <(head -c 5 "$T/r3.pdf") <(printf '%%PDF-') && pass "a PDF to a file on standard output" ||
    fail "a PDF to a file on standard output"

# --- by mail -----------------------------------------------------------
base_a=$(count_to alice@example.org)
send strategy-report@$D alice@example.org "Report 2026-01-01 to 2026-03-31" "Please."
run
is "$(count_to alice@example.org)" $((base_a + 1)) "an organiser's request is answered"
newest_to alice@example.org >"$T/a.eml"
ok "the reply is valid MIME" "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" "$T/a.eml"
has "$T/a.eml" "^In-Reply-To: <m$n_msg@x.example>" "  a reply to the request"
has "$T/a.eml" "^Subject: The report for the Communities Board: 2026-01-01 to 2026-03-31" \
    "  for the period the subject names"
"$PYTHON3" - "$T/a.eml" "$T/a.pdf" <<'PY'
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
pdfs = [p for p in m.walk() if p.get_content_type() == 'application/pdf']
assert len(pdfs) == 1 and pdfs[0].get_filename() == 'report-2026-01-01-2026-03-31.pdf', pdfs
open(sys.argv[2], 'wb').write(pdfs[0].get_payload(decode=True))
PY
ok "  with the PDF attached, named by its period" test -s "$T/a.pdf"
AP=$(pdftotext -enc UTF-8 "$T/a.pdf" - 2>/dev/null)
like "$AP" "from 2026-01-01 to 2026-03-31" "  the attachment is the report of that period"
like "$AP" "Agreed the housing plan" "  with its figures"

# An organiser in Arabic, an unclear subject: the default, and a word.
base_d=$(count_to dina@example.org)
send ops-report@$D dina@example.org "report since 2026-01" "please"
run
is "$(count_to dina@example.org)" $((base_d + 1)) "an organiser of ops is answered"
newest_to dina@example.org >"$T/d.eml"
ok "  valid MIME" "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" "$T/d.eml"
D_TXT=$("$PYTHON3" -c '
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
print(m["Subject"]); print(m.get_body(("plain",)).get_content())' "$T/d.eml")
like "$D_TXT" "التقرير المقدم إلى Communities Board: من 2025-06-30 إلى 2026-06-30" \
    "  in Arabic, for the last 12 months"
like "$D_TXT" "لم يذكر الموضوع فترة واضحة" "  saying the subject named no clear period"
has "$T/d.eml" "filename\*=utf-8''report-2025-06-30-2026-06-30.pdf" "  the PDF attached"
ok "  its lines read right to left" "$PYTHON3" "$MOOT_SRCDIR/tests/lib/rtl-layout.py" \
    --mail "$T/d.eml"

# A subject without digits: the default, no word about it.
send strategy-report@$D alice@example.org "The report, please" "Thanks."
run
newest_to alice@example.org >"$T/a2.eml"
has "$T/a2.eml" "^Subject: The report for the Communities Board: 2025-06-30 to 2026-06-30" \
    "no period named: the last 12 months"
ok "  and no word of an unclear period" not grep -q "did not clearly" "$T/a2.eml"

# A plain member: a refusal, no report.
base_b=$(count_to bob@example.org)
send strategy-report@$D bob@example.org "Report" "Please."
run
is "$(count_to bob@example.org)" $((base_b + 1)) "a plain member gets an answer"
newest_to bob@example.org >"$T/b.eml"
has "$T/b.eml" "is sent only to the organisers" "  a refusal"
ok "  valid MIME" "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" "$T/b.eml"
ok "  with no report" not grep -qi "application/pdf" "$T/b.eml"
send strategy-report@$D stranger@example.net "Report" "Please."
run
newest_to stranger@example.net >"$T/s.eml"
has "$T/s.eml" "is sent only to the organisers" "a stranger is refused too"
# An automatic reply from an organiser: nothing at all.
base_a=$(count_to alice@example.org)
send strategy-report@$D alice@example.org "Out of office" "Away." \
    "Auto-Submitted: auto-replied"
run
is "$(count_to alice@example.org)" "$base_a" "an automatic reply gets nothing"
is "$(spool_state "$(last_id)")" done "  and is done with"

# A forged From: an organiser's address, another envelope: the report
# goes to the organiser on the roll, never to the forger.
base_a=$(count_to alice@example.org)
printf 'From: alice@example.org\nTo: strategy-report@%s\nSubject: Report\nMessage-ID: <forged@x.example>\n\nPlease.\n' "$D" |
    moot inject --to "strategy-report@$D" --from mallory@example.net
run
is "$(count_to mallory@example.net)" 0 "a forged From: sends the forger nothing"
is "$(count_to alice@example.org)" $((base_a + 1)) "  the organiser it names gets the report"

# --- the leaves are counted after the audit log is purged --------------
db "DELETE FROM audit"	# what [retention] audit may do; no command does it now
like "$(moot report | sed -n '/^ops$/,/^  all/p')" "  fr +0 +1 +1" \
    "who left is counted without the audit log"

done_testing
