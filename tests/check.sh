#!/bin/bash
# check.sh - moot check says what will surprise the administrator, one
# line each, and exits 1; on a site set up as the partnership works it
# says nothing and exits 0 (issue 10, item 7).
. "$(dirname "$0")/lib/common.sh"

sink_start
site_new

out=$(moot check 2>&1)
is "$?:$out" "0:" "an empty site with a relay that answers: nothing to say"

moot list create info --moderated >/dev/null
moot list create ops --members-only >/dev/null
moot list create strategy --members-only --requires ops >/dev/null
out=$(moot check 2>&1)
is $? 1 "findings: exit 1"
like "$out" "info: no owner, and no \[moot\] admin: mail to info-owner fails" "a list without an owner"
like "$out" "info: moderated, and nobody moderates it" "a moderated list nobody moderates"
like "$out" "ops: members-only, yet anyone may join it" "members-only, open to joins"
like "$out" "strategy: requires ops, which anyone may join" "a requirement that keeps nobody out"
unlike "$out" "strategy: members-only" "  said once, at the bottom of the chain"
is "$(echo "$out" | wc -l)" 6 "one line each (three lists without owners)"

# Set up as the partnership works: owners, a moderator, joins approved.
for l in info ops strategy; do moot member add $l owner@one.example --role owner >/dev/null; done
moot member add info mod@two.example --role moderator >/dev/null
moot list set ops --joins approve >/dev/null
moot list set strategy --joins closed >/dev/null
out=$(moot check 2>&1)
is "$?:$out" "0:" "set up as the partnership works: nothing to say"

# Joins that wait for an approval nobody may give.
moot list create board --joins approve >/dev/null
out=$(moot check 2>&1)
is $? 1 "approve, and nobody to approve: exit 1"
like "$out" "board: joins wait for approval, and nobody may give it" "  said"
moot member add board org@one.example --role organiser >/dev/null
like "$(moot check 2>&1)" "board: no owner" "  an organiser approves; the owner is still missing"
moot member add board org2@one.example --role owner >/dev/null
out=$(moot check 2>&1)
is "$?:$out" "0:" "  and with an owner, nothing to say"
# Open and confirm both let anyone in.
moot list set ops --joins open >/dev/null
like "$(moot check 2>&1)" "strategy: requires ops, which anyone may join" "--joins open: the requirement keeps nobody out"
moot list set ops --joins approve >/dev/null

# A member whose language lost its templates.
cp -r "$MOOT_SRCDIR/templates" "$T/templates"
moot member add info ana@three.example --lang pl >/dev/null
sed -i "s|^templates = .*|templates = $T/templates|" "$CONF"
rm -r "$T/templates/pl"
out=$(moot check 2>&1)
is $? 1 "a language without templates: exit 1"
like "$out" "info: ana@three.example reads pl, which has no templates" "  who reads it"
sed -i "s|^templates = .*|templates = $MOOT_SRCDIR/templates|" "$CONF"

# A held post whose moderators' reply addresses will soon expire.
T0=2030-01-07T09:00:00Z
MOOT_NOW=$T0 post real/crlf.eml info@lists.example.org stranger@nine.example >/dev/null
MOOT_NOW=$T0 mootd_once 2>/dev/null
id=$(last_id)
is "$(spool_state "$id")" held "a post is held"
out=$(MOOT_NOW=2030-01-08T09:00:00Z moot check 2>&1)
is "$?:$out" "0:" "a day later: nothing to say"
out=$(MOOT_NOW=2030-02-05T12:00:00Z moot check 2>&1)
is $? 1 "a day before its tokens expire: exit 1"
like "$out" "post $id: held, and its moderators' reply addresses expire" "  naming the post"

# A relay that does not answer.
conf_set_port 1
out=$(moot check 2>&1)
is $? 1 "a relay that does not answer: exit 1"
like "$out" "relay 127.0.0.1 port 1 does not answer" "  saying where"

# The README's own site: its "Setting up a site" commands, as written.
rm -rf "$T/site"
site_new
awk '/^## Setting up a site/ { s = 1 } s && /^```$/ { exit } s == 2 { print }
    s && /^```sh$/ { s = 2 }' "$MOOT_SRCDIR/README.md" |
    sed 's|^moot -c /etc/moot/moot.conf |moot |' | grep -v '^moot init$' >"$T/readme.sh"
like "$(cat "$T/readme.sh")" "moot check" "the README's set-up ends with moot check"
out=$(. "$T/readme.sh" 2>&1)
is "$?" 0 "the README's set-up runs, and moot check exits 0"
unlike "$out" "moot:" "  with no error or warning"
is "$(list_field ops joins) $(list_field strategy joins) $(list_field info joins)" \
    "approve approve confirm" "  ops and strategy approve joins; anyone joins info"
is "$(list_field info moderated)" yes "  and info is moderated"

done_testing
