#!/bin/sh
# size-rules.sh - the bounds that keep moot's code readable: no function
# over 100 lines (from its "{" in column 0 to its "}" in column 0) and no
# source or header file over 800 lines.  Prints each offender; exits 1 if
# there is any.  tests/source-rules.sh runs it on src/.
dir=${1:-src}
status=0
for f in $(find "$dir" -name '*.[ch]' | sort); do
	n=$(wc -l <"$f")
	if [ "$n" -gt 800 ]; then
		echo "$f: $n lines (over 800)"
		status=1
	fi
	awk -v file="$f" '
	/^[A-Za-z_].*\(/ { name = $0 }
	/^\{/ { start = FNR; fn = name }
	/^\}/ && start { len = FNR - start + 1
		if (len > 100) { printf "%s:%d: %s: %d lines (over 100)\n", file, start, fn, len; bad = 1 }
		start = 0 }
	END { exit bad }' "$f" || status=1
done
exit $status
