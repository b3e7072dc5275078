#!/bin/bash
# appointments.sh - what a passed proposal does besides priorities
# (issue 14, items 4 and 5): an appointment of an organiser or chair of a
# group for one to three years, checked when the proposal opens (the
# address, the role, the list, the term: a term over three years is
# refused) and made when it passes, once, with the term from that day
# (a member already there changes role; someone new joins); the owners
# hear of its end a month before, as of any term; and a statement, its
# text kept as agreed.  gov_effect.h is driven as the proposals' code
# drives it (tests/unit/gov_effect_drive).
. "$(dirname "$0")/lib/common.sh"

DRIVE=$MOOT_BUILDDIR/tests/unit/gov_effect_drive
sink_start
site_new
drive() { "$DRIVE" "$CONF" "$@" 2>>"$T/drive.log"; }
run() { mootd_once 2>>"$T/mootd.log"; }
count_to() { grep -l "^RCPT TO:<$1>" "$SINK_DIR"/*.env 2>/dev/null | wc -l; }
newest_to() {
	grep -l "^RCPT TO:<$1>" "$SINK_DIR"/*.env 2>/dev/null | sort | tail -1 |
	    sed 's/env$/eml/'
}
mline() { moot member ls ops | grep "^$1 "; }

export MOOT_NOW=2025-03-01T10:00:00Z
moot list create ops >/dev/null
moot member add ops owner@example.org --role owner >/dev/null
moot member add ops bob@example.org >/dev/null
moot member add ops carol@example.org --role organiser >/dev/null

# --- checked when the proposal opens ------------------------------------
is "$(drive set 200 appoint "bob@example.org organiser ops 4")" \
    "refused: a term is 1 to 3 years" "a term over three years is refused"
is "$(drive set 200 appoint "bob@example.org organiser ops 0")" \
    "refused: a term is 1 to 3 years" "  and one of no years"
is "$(drive set 200 appoint "bob@example.org owner ops 2")" \
    "refused: a proposal appoints an organiser or a chair" "an owner is not appointed so"
is "$(drive set 200 appoint "bob@example.org organiser nosuch 2")" \
    "refused: no list is called nosuch" "a list that does not exist is refused"
like "$(drive set 200 appoint "not-an-address organiser ops 2")" "^refused: " \
    "a bad address is refused"
is "$(drive set 200 appoint "bob@example.org organiser ops")" \
    "refused: an appointment is \"ADDR ROLE LIST YEARS\"" "  and a short one"
is "$(drive set 200 appoint "bob@example.org organiser ops 2 more")" \
    "refused: an appointment is \"ADDR ROLE LIST YEARS\"" "  and a long one"
is "$(drive set 200 appoint "Bob@Example.org organiser ops 2")" ok \
    "an organiser for two years"
is "$(drive describe 200 en)" "If it passes, this person is appointed organiser of the ops group for 2 years, from the day it passes:
  bob@example.org" "the proposal says what it does"
like "$(drive describe 200 fr)" "nommée organisateur du groupe ops pour 2 ans" \
    "  in the reader's language, the role too"
like "$(drive describe 200 ar)" "سنتان" "  counting in the reader's language"
is "$(drive set 201 appoint "carol@example.org chair ops 3")" ok "a chair for three years"
is "$(drive set 202 appoint "dan@example.org organiser ops 1")" ok \
    "someone not yet a member"
like "$(mline bob@example.org)" "^bob@example.org +member " "until it passes, nothing changes"

# --- made when it passes ------------------------------------------------
export MOOT_NOW=2025-04-01T10:00:00Z
ok "the appointments pass" sh -c "'$DRIVE' '$CONF' passed 200 && '$DRIVE' '$CONF' passed 201 && '$DRIVE' '$CONF' passed 202" 2>>"$T/drive.log"
like "$(mline bob@example.org)" "^bob@example.org +organiser .*term 2025-04-01 to 2027-04-01$" \
    "a member appointed organiser: the role, and a term from the day it passed"
like "$(mline carol@example.org)" "^carol@example.org +chair .*term 2025-04-01 to 2028-04-01$" \
    "an organiser appointed chair for three years"
like "$(mline dan@example.org)" "^dan@example.org +organiser .*term 2025-04-01 to 2026-04-01$" \
    "someone new joins with the role"
like "$(moot log ops)" "appoint +bob@example.org organiser for 2 year\\(s\\) +by decision 200" \
    "the appointment is in the list's audit log"
export MOOT_NOW=2025-05-01T10:00:00Z
drive passed 200
like "$(mline bob@example.org)" "term 2025-04-01 to 2027-04-01$" \
    "passing again changes nothing: it was done once"

# --- the term reminders fire for it -------------------------------------
export MOOT_NOW=2026-02-01T10:00:00Z
run
is "$(count_to owner@example.org)" 0 "two months before dan's term ends: nothing"
export MOOT_NOW=2026-03-10T10:00:00Z
run
is "$(count_to owner@example.org)" 1 "a month before, the owners are told"
has "$(newest_to owner@example.org)" "^Subject: Term ending on 2026-04-01: dan@example.org \\(organiser of ops\\)" \
    "  of the appointed term's end"
export MOOT_NOW=2026-03-11T10:00:00Z
run
is "$(count_to owner@example.org)" 1 "  once"

# --- a statement ----------------------------------------------------------
is "$(drive set 300 statement "")" ok "a statement"
like "$(drive describe 300 en)" "its text is kept, as agreed, as a statement" \
    "  says what it does"
ok "  passes, doing nothing itself" drive passed 300
ok "the proposals' code keeps its text" drive keep 300 "On the city budget" "We support it."
ok "  once" drive keep 300 "Changed" "Changed text."
is "$(drive statements)" "300 $(date -d 2026-03-11T10:00:00Z +%s) On the city budget: We support it." \
    "the statement as agreed, for the report"
is "$(drive describe 999 en)" "" "a decision without an effect is described by nothing"

done_testing
