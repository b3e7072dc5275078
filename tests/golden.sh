#!/bin/bash
# golden.sh - each message of tests/data/golden/ gives the trace in its
# .want file, as Postfix checks mime_state against mime_garb1.ref
#
# For every NAME.eml, tests/unit/golden runs with the folder's moot.conf
# and lists.conf (and NAME.env, the envelope, if there is one) and prints
# what moot makes of the message: route, list, facts, policy verdict and
# the header section of the members' copy (see tests/unit/golden.c).
# The output must be NAME.want byte for byte: one ok per file.  MOOT_NOW
# is fixed here, so the times in the traces never move.
#
# To add a case, write NAME.eml (and NAME.env), then make the .want:
#
#	MOOT_GOLDEN_UPDATE=1 make check TESTS=tests/golden.sh
#
# which writes every .want from what the driver prints now, instead of
# comparing.  Read the diff (git diff tests/data/golden) before you
# commit it: a .want is a claim about what moot should do.
. "$(dirname "$0")/lib/common.sh"

GOLDEN=$MOOT_BUILDDIR/tests/unit/golden
DIR=$MOOT_SRCDIR/tests/data/golden
export MOOT_NOW=2026-11-23T10:00:00Z

run() {
	local name=$1 env=()

	[ -f "$DIR/$name.env" ] && env=(-e "$DIR/$name.env")
	"$GOLDEN" -c "$DIR/moot.conf" -l "$DIR/lists.conf" "${env[@]}" \
	    "$DIR/$name.eml" >"$T/$name.got" 2>"$T/$name.err"
}

same() {
	local name=$1

	if ! run "$name"; then
		diag "the driver failed: $(head -c 2000 "$T/$name.err")"
		return 1
	fi
	if [ -s "$T/$name.err" ]; then
		diag "the driver complained: $(head -c 2000 "$T/$name.err")"
		return 1
	fi
	if [ "${MOOT_GOLDEN_UPDATE:-0}" = 1 ]; then
		cp "$T/$name.got" "$DIR/$name.want"
		return 0
	fi
	if [ ! -f "$DIR/$name.want" ]; then
		diag "no $name.want: run with MOOT_GOLDEN_UPDATE=1 to make it"
		return 1
	fi
	if ! diff -u "$DIR/$name.want" "$T/$name.got" >"$T/$name.diff"; then
		diag "$(head -c 4000 "$T/$name.diff")"
		return 1
	fi
}

n=0
for eml in "$DIR"/*.eml; do
	[ -e "$eml" ] || continue
	name=$(basename "$eml" .eml)
	n=$((n + 1))
	if [ "${MOOT_GOLDEN_UPDATE:-0}" = 1 ]; then
		ok "$name: .want written" same "$name"
	else
		ok "$name: the trace is $name.want" same "$name"
	fi
done
ok "there are golden cases ($n)" test "$n" -gt 0

# A .want or .env whose .eml is gone would be a case nobody runs.
orphans=
for f in "$DIR"/*.want "$DIR"/*.env; do
	[ -e "$f" ] || continue
	[ -f "${f%.*}.eml" ] || orphans="$orphans $(basename "$f")"
done
is "$orphans" "" "every .want and .env has its .eml"

# The driver refuses to run without a fixed clock.
ok "without MOOT_NOW the driver refuses to print a trace" \
    bash -c '! env -u MOOT_NOW "$0" -c "$1/moot.conf" -l "$1/lists.conf" \
    "$1/post-plain.eml" >/dev/null 2>&1' "$GOLDEN" "$DIR"

done_testing
