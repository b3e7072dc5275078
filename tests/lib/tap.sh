# tap.sh - the Test Anything Protocol for moot's shell tests
#
# Sourced by tests/lib/common.sh, and on its own by a test that needs
# nothing else of it (tests/man.sh, tests/sink_selftest.sh).  Each check
# prints one TAP line, counts itself, and returns 0 if it passed, so
# that a failure can say more:
#
#	ok "the secret is kept" cmp -s old new || diag "it changed"
#
#   ok DESC COMMAND...	passes when COMMAND exits 0
#   is GOT WANT DESC	GOT and WANT are the same string
#   like GOT REGEX DESC	GOT matches the extended regular expression
#   unlike GOT REGEX DESC	... does not match it
#   has FILE REGEX DESC	a line of FILE matches; on failure shows its tail
#   pass DESC, fail DESC	a check the caller decided
#   skip WHY		a check that cannot run here, and why
#   diag TEXT		a comment line (each line of TEXT behind "# ")
#   done_testing		runs the functions in T_DONE, prints the plan,
#			exits 0 if nothing failed
#
# The plan comes last, so a test that stops early has none and fails.

T_N=0
T_FAILED=0
T_DONE=()

diag() { printf '# %s\n' "$*" | sed '2,$s/^/# /'; }

pass() {
	T_N=$((T_N + 1))
	echo "ok $T_N - $1"
}

fail() {
	T_N=$((T_N + 1))
	T_FAILED=$((T_FAILED + 1))
	echo "not ok $T_N - $1"
	return 1
}

# ok DESC COMMAND...: passes when COMMAND exits 0.
ok() {
	local desc=$1
	shift
	if "$@"; then
		pass "$desc"
	else
		fail "$desc"
	fi
}

# is GOT WANT DESC
is() {
	[ "$1" = "$2" ] && { pass "$3"; return; }
	fail "$3"
	diag "got:  '$1'"
	diag "want: '$2'"
	return 1
}

# matches TEXT REGEX: a line of TEXT matches REGEX (grep -E); a REGEX
# with a line break in it is matched against the whole of TEXT instead
# (bash's =~, the same extended syntax, where ^ and $ are the ends of
# TEXT), since grep reads each line of a pattern as a pattern of its own
# and the empty one after a final line break matches anything.
matches() {
	case $2 in
	*$'\n'*) [[ $1 =~ $2 ]] ;;
	*) printf '%s' "$1" | grep -Eq -- "$2" ;;
	esac
}

# like GOT REGEX DESC: GOT matches the extended regular expression.
like() {
	matches "$1" "$2" && { pass "$3"; return; }
	fail "$3"
	diag "got:  '$1'"
	diag "want match: '$2'"
	return 1
}

# unlike GOT REGEX DESC
unlike() {
	matches "$1" "$2" || { pass "$3"; return; }
	fail "$3"
	diag "got:  '$1'"
	diag "must not match: '$2'"
	return 1
}

# has FILE REGEX DESC: a line of FILE matches; on failure shows its tail.
has() {
	grep -Eq -- "$2" "$1" 2>/dev/null && { pass "$3"; return; }
	fail "$3"
	diag "no line of $1 matches '$2'; it ends:"
	diag "$(tail -5 "$1" 2>/dev/null | cut -c1-300)"
	return 1
}

skip() {
	T_N=$((T_N + 1))
	echo "ok $T_N # SKIP $*"
}

done_testing() {
	local f

	for f in "${T_DONE[@]}"; do
		"$f"
	done
	echo "1..$T_N"
	[ $T_FAILED = 0 ]
	exit $?
}
