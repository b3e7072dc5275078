#!/bin/bash
# source-rules.sh - rules of style.md that a grep can check: no shell
# between mail and a program (threat E2), no unbounded string calls, no
# raw allocation outside alloc.c, a contract at the top of every header.
. "$(dirname "$0")/lib/common.sh"

cd "$MOOT_SRCDIR/src" || exit 1
calls() { grep -nE "(^|[^_a-z])$1[[:space:]]*\(" -- *.c *.h | grep -v '^\S*:[0-9]*:\s*\*' ; }

is "$(calls system)" "" "no system() anywhere"
is "$(calls popen)" "" "no popen() anywhere"
is "$(calls 'exec[lv]p?e?')" "" "no exec*() (nothing to run yet)"
is "$(calls sprintf | grep -v snprintf | grep -v vsnprintf)" "" "no sprintf()"
is "$(calls 'str(cpy|cat)')" "" "no strcpy() or strcat()"
is "$(calls gets)" "" "no gets()"
is "$(grep -lE '(^|[^x_])(malloc|calloc|realloc)\(' -- *.c | grep -v '^alloc.c$')" "" \
    "malloc(3) and friends only in alloc.c"
for h in *.h; do
	ok "$h opens with what it owns" grep -qE '^ \* [a-z_]+\.h - ' "$h"
done
for c in *.c; do
	ok "$c opens with a comment" test "$(head -c 2 "$c")" = "/*"
done
is "$(grep -L 'include "moot.h"' -- *.c)" "" "every .c includes moot.h (the poisoning)"

done_testing
