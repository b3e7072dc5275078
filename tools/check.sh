#!/bin/sh
# check.sh - the whole test suite, as CI runs it (.ci/run):
# install what is missing, build with -Werror and the kill points, run
# `make check`; then build again with -fsanitize=address,undefined in a
# separate folder and run the whole suite under it.  Any failed test or
# sanitizer report fails the run.
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)
jobs=${JOBS:-2}

tools/deps.sh
autoreconf -fi >/dev/null 2>&1 || autoreconf -fi

status=0
run_suite() {
	dir=$1
	shift
	echo "== $dir: ./configure $*"
	mkdir -p "$dir"
	(cd "$dir" && "$top/configure" -q "$@" && make -s -j"$jobs" &&
	    make -s -j"$jobs" check) || status=1
	# make check prints its summary; show the failures' logs as well.
	grep -h -B2 -A20 '^not ok' "$dir"/tests/*.log "$dir"/tests/unit/*.log \
	    2>/dev/null | head -200 || true
}

run_suite build --enable-werror --enable-test-hooks
run_suite build-asan --enable-werror --enable-test-hooks --enable-sanitizers

if [ $status = 0 ]; then
	echo "== all tests passed in both builds"
else
	echo "== FAILED: see the logs above and build*/test-suite.log"
fi
exit $status
