#!/bin/bash
# attendance.sh - members' organisations and attendance per organisation
# (issue 13 item 4, issue 14 item 2): member add/set --org and --no-org,
# shown by member ls; member ls --attendance counts an organisation as
# having attended a meeting when any of its members did, over the
# group's last four meetings held, grouping names trimmed and
# case-insensitively; members without one keep a line each.
. "$(dirname "$0")/lib/common.sh"

site_new
export MOOT_NOW=2026-01-05T09:00:00Z
moot list create ops >/dev/null
moot member add ops alice@example.org --org "City Council" >/dev/null
moot member add ops bob@example.org --org "  city COUNCIL " >/dev/null
moot member add ops dan@example.org --org "Refugee Action" >/dev/null
moot member add ops erin@example.org >/dev/null
moot member add ops frank@example.org --org Temporary >/dev/null

like "$(moot member ls ops)" "bob@example.org .*org city COUNCIL" \
    "member ls shows the organisation, trimmed, as typed"
like "$(moot member ls ops)" "erin@example.org +member +mail +- *$" \
    "  and nothing for a member without one"
moot member set ops frank@example.org --no-org >/dev/null
is "$(moot member ls ops | grep -c Temporary)" 0 "member set --no-org clears it"
moot member set ops erin@example.org --org "Welcome Group" >/dev/null
like "$(moot member ls ops)" "erin@example.org .*org Welcome Group" \
    "member set --org sets it"
moot member set ops erin@example.org --no-org >/dev/null
is "$(moot member set ops erin@example.org --org '  ' 2>&1 >/dev/null; echo "rc=$?")" \
    "$(printf 'moot: --org: an organisation'"'"'s name, without control characters, at most 200 bytes\nrc=1')" \
    "an organisation of spaces alone is refused"
is "$(moot member ls ops | grep -c ' org ')" 3 "  and changes nothing"

# Five meetings, each at 10:00 on a Monday; the first is past the last
# four, so Refugee Action's attendance there does not count.
for d in 12 19 26; do
	moot meeting add ops "2026-01-$d 10:00" >/dev/null
done
for d in 02 09; do
	moot meeting add ops "2026-02-$d 10:00" >/dev/null
done
# And a cancelled one, which is not held.
X=$(moot meeting add ops "2026-02-16 10:00" | head -1)
moot meeting cancel "$X" >/dev/null
mapfile -t M < <(moot meeting ls ops | grep -v cancelled | awk '{ print $1 }')
is "${#M[@]}" 5 "five meetings to attend"
export MOOT_NOW=2026-03-01T09:00:00Z
moot meeting attended "${M[0]}" dan@example.org >/dev/null
moot meeting attended "${M[1]}" alice@example.org erin@example.org >/dev/null
moot meeting attended "${M[2]}" bob@example.org erin@example.org >/dev/null
moot meeting attended "${M[3]}" alice@example.org Bob@Example.org >/dev/null
moot meeting attended "${M[4]}" dan@example.org frank@example.org >/dev/null

out=$(moot member ls ops --attendance)
is "$(echo "$out" | sed 's/  */ /g')" "$(printf '%s\n' \
    "City Council attended 3 of 4" \
    "Refugee Action attended 1 of 4" \
    "erin@example.org attended 2 of 4" \
    "frank@example.org attended 1 of 4")" \
    "member ls --attendance: a line per organisation, then members without one"

# A name typed another way is the same organisation.
moot member add ops gina@example.org --org " REFUGEE action" >/dev/null
is "$(moot member ls ops --attendance | grep -ci 'refugee')" 1 \
    "  names are one organisation whatever their case and spaces"
moot meeting attended "${M[3]}" gina@example.org >/dev/null
like "$(moot member ls ops --attendance)" "Refugee Action +attended 2 of 4" \
    "  and its members' attendance is the organisation's"

# CSV: import takes an organisation column (trimmed; empty keeps it),
# export writes it.
T=$(mktemp -d "$SITE/csv.XXXXXX")
printf '%s\n' 'address,organisation' 'hana@example.org,"  City Council "' \
    'alice@example.org,' >"$T/in.csv"
is "$(moot member import ops "$T/in.csv")" \
    "imported 1 new, 1 updated, 0 refused" "member import with an organisation column"
like "$(moot member ls ops)" "hana@example.org .*org City Council\$" \
    "  the organisation, trimmed"
like "$(moot member ls ops)" "alice@example.org .*org City Council" \
    "  an empty field keeps a member's"
printf '%s\n' 'address,organisation' "ida@example.org,\"two
lines\"" >"$T/bad.csv"
like "$(moot member import ops "$T/bad.csv" 2>&1)" \
    'bad\.csv:2: organisation "two\\x0alines" has control characters' \
    "  one with control characters is refused"
is "$(moot member export ops | sed -n '1p; /^hana@/p')" \
    "$(printf '%s\n' address,name,role,language,mode,term_start,term_end,organisation \
    'hana@example.org,,member,,mail,,,City Council')" \
    "member export writes the organisation"

done_testing
