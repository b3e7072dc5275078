#!/bin/bash
# source-rules.sh - rules of style.md that a grep can check: no shell
# between mail and a program (threat E2), no unbounded string calls, no
# raw allocation outside alloc.c, a contract at the top of every header
# and of every folder, and includes that follow the layers (src/README.md):
# a file includes headers of its own folder and of the layers below it
# only.  The link check (tests/layers) proves the same for calls.
. "$(dirname "$0")/lib/common.sh"

cd "$MOOT_SRCDIR/src" || exit 1
SRCS=$(find . -name '*.[ch]' | sed 's|^\./||' | sort)
calls() {
	# shellcheck disable=SC2086
	grep -nE "(^|[^_a-z])$1[[:space:]]*\(" -- $SRCS |
	    grep -v '^\S*:[0-9]*:\s*\*'
}

is "$(calls system)" "" "no system() anywhere"
is "$(calls popen)" "" "no popen() anywhere"
# The one program moot runs is moot-admin, from moot(1): a fixed path,
# no PATH search, no shell, the caller's own argv (style.md A2).
is "$(calls 'exec[lv]p?e?' | grep -vE '^cli/moot\.c:[0-9]+:\s*execv\(path, argv\);$')" "" \
    "exec*(): only moot(1)'s execv() of moot-admin"
# Other programs (postconf for moot check, moot-admin for the report's
# PDF) start through util/spawn.c alone: an argument vector, no shell.
is "$(calls 'posix_spawnp?' | grep -v '^util/spawn\.c:')" "" \
    "posix_spawn() only in util/spawn.c"
is "$(calls sprintf | grep -v snprintf | grep -v vsnprintf)" "" "no sprintf()"
is "$(calls 'str(cpy|cat)')" "" "no strcpy() or strcat()"
is "$(calls gets)" "" "no gets()"
# shellcheck disable=SC2086
is "$(grep -lE '(^|[^x_])(malloc|calloc|realloc)\(' -- $(echo "$SRCS" | grep '\.c$') |
    grep -v '^util/alloc.c$')" "" "malloc(3) and friends only in util/alloc.c"
for h in $(echo "$SRCS" | grep '\.h$'); do
	ok "$h opens with what it owns" grep -qE '^ \* [a-z0-9_]+\.h - ' "$h"
done
for c in $(echo "$SRCS" | grep '\.c$'); do
	ok "$c opens with a comment" test "$(head -c 2 "$c")" = "/*"
done
# shellcheck disable=SC2086
is "$(grep -L 'include "util/sys_defs.h"' -- $(echo "$SRCS" | grep '\.c$'))" "" \
    "every .c includes util/sys_defs.h (the poisoning)"
is "$(find . -maxdepth 1 -type f ! -name README.md)" "" \
    "nothing loose in src/: every file is in its layer's folder"

# Bounds that hold from issue 9 on: no function over 100 lines, no file
# over 800 (tools/size-rules.sh says which and where).
is "$("$MOOT_SRCDIR/tools/size-rules.sh" "$MOOT_SRCDIR/src")" "" \
    "no function over 100 lines, no source or header file over 800"

# The layers, lowest first, and the programs above them all.
LAYERS="util mail global db list cal gov"
PROGRAMS="mootd milter cli unsub"
rank() {
	local i=0 l
	for l in $LAYERS; do
		[ "$l" = "$1" ] && { echo $i; return; }
		i=$((i + 1))
	done
	for l in $PROGRAMS; do
		[ "$l" = "$1" ] && { echo 100; return; }
	done
	echo 999
}
for d in $LAYERS $PROGRAMS; do
	ok "src/$d/README.md says what the layer owns and may call" \
	    grep -q '^May call:' "$d/README.md"
	bad=
	for f in "$d"/*.[ch]; do
		while read -r inc; do
			to=${inc%%/*}
			if [ "$to" != "$d" ] &&
			    { [ "$(rank "$to")" -ge "$(rank "$d")" ] ||
			      [ "$(rank "$to")" = 999 ]; }; then
				bad="$bad $f:$inc"
			fi
		done < <(sed -n 's/^#include "\([a-z_]*\/[a-z_.-]*\)".*/\1/p' "$f")
	done
	is "${bad# }" "" "src/$d includes only its own headers and the layers below"
done

done_testing
