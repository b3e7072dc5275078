#!/bin/sh
# check-lang.sh LANG [BUILD] - check templates/LANG the way moot init does,
# beside English alone, so one language's mistake cannot hide another's.
# Prints moot's complaint (file and line) and exits 1, or says "ok".
set -eu
lang=${1:?usage: tools/check-lang.sh LANG [BUILD]}
src=$(cd "$(dirname "$0")/.." && pwd)
build=${2:-$src/build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/templates"
cp -r "$src/templates/en" "$tmp/templates/en"
[ "$lang" = en ] || cp -r "$src/templates/$lang" "$tmp/templates/$lang"
cat >"$tmp/moot.conf" <<EOC
[moot]
domain    = lists.example.org
templates = $tmp/templates
EOC
missing=$(cd "$src/templates/en" && for f in *; do
	[ -f "$src/templates/$lang/$f" ] || printf ' %s' "$f"; done)
[ -z "$missing" ] || echo "$lang: not yet translated:$missing"
"$build/moot" -c "$tmp/moot.conf" init >/dev/null
echo "$lang: ok"
