#!/bin/bash
# tests/man.sh - TAP: the manual pages say what the code does.
#
# Fails when man/moot.1, man/mootd.8, man/moot-milter.8, man/moot.conf.5
# or conf/moot.conf drift apart from the tables in the code:
#   - every key of conf_keys[] (src/global/conf_keys.c) is in moot.conf.5, under the
#     .Ss of its section as ".It Ic key TYPE", with its default and
#     bounds (in octal for a mode), and in conf/moot.conf under its
#     [section] as "key =" or ";key =";
#   - the usage line of every command of the table (src/cli/commands.c,
#     and inject's row, which is in src/cli/cli_inject.c), as `moot GROUP
#     VERB --help` prints it (the options of list create, list set,
#     member add and member set come from the settings tables of
#     src/cli/cli_list.c and src/cli/cli_member.c), is, word for word,
#     a line of the SYNOPSIS of moot.1, and every "moot -c conf" line of
#     that SYNOPSIS is a command of the table; the usage line of
#     src/mootd/mootd.c is the SYNOPSIS of mootd.8, and that of
#     src/milter/moot-milter.c the SYNOPSIS of moot-milter.8;
#   - every template of tmpl_defs[] (src/global/tmpl_defs.c) and its slots are in
#     moot.conf.5, and every spool state of src/db/db_spool.c in moot.1;
#   - who may use a token is said in the same words in moot.1 and mootd.8;
#   - mandoc -Tlint finds no warning or error in the five pages
#     (moot-unsubscribe.8 too).
#
# The SYNOPSIS is compared as it reads: rendered by mandoc when mandoc is
# installed, else by a small renderer below for the few mdoc macros a
# SYNOPSIS uses (and, with mandoc, the two are checked to agree).
#
# Usage: tests/man.sh   (MOOT_SRCDIR: the source tree; default: the
# folder above this script's; MOOT_BUILDDIR: where moot was built;
# default: build/ in the source tree)

set -u

HERE=$(cd "$(dirname "$0")" && pwd)
SRC=${MOOT_SRCDIR:-$(dirname "$HERE")}
MOOT_BIN=${MOOT_BUILDDIR:-$SRC/build}/moot
MAN1=$SRC/man/moot.1
MAN8=$SRC/man/mootd.8
MANM=$SRC/man/moot-milter.8
MANU=$SRC/man/moot-unsubscribe.8
MAN5=$SRC/man/moot.conf.5
CONF=$SRC/conf/moot.conf

T=$(mktemp -d /tmp/man_test.XXXXXX)
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM

if command -v mandoc >/dev/null 2>&1; then
    MANDOC=mandoc
else
    MANDOC=
fi

. "$HERE/lib/tap.sh"

# same_text A B: A has text, and B is the same.
same_text() { [ -s "$1" ] && cmp -s "$1" "$2"; }

# c_rows FILE TABLE [MARK]: the rows of the C array "TABLE[] = {" in
# FILE, one line each, fields separated by TAB; an array of plain values
# is one row.  A field is its string literals joined (C concatenation,
# with \" and \\ undone), or else its text as written (NULL, CT_PATH,
# O(database), 30 * 86400), then with MARK in front of it.
c_rows() {
    awk -v table="$2" -v mark="${3:-}" '
    BEGIN { pat = table "\\[\\] = \\{" }
    function end_field() {
        gsub(/^[ \t]+|[ \t]+$/, "", raw)
        if (haslit || raw != "")
            row = (nf++ ? row "\t" : "") (haslit ? lit : mark raw)
        lit = ""; raw = ""; haslit = 0
    }
    !on && $0 ~ pat { on = 1; sub(".*" pat, ""); depth = 1 }
    !on { next }
    /^[ \t]*#/ { next }
    {
        line = $0
        for (i = 1; i <= length(line); i++) {
            c = substr(line, i, 1)
            if (instr) {
                if (c == "\\") {
                    i++
                    d = substr(line, i, 1)
                    lit = lit (d == "n" ? "\n" : d == "t" ? "\t" : d)
                } else if (c == "\"") {
                    instr = 0
                } else
                    lit = lit c
                continue
            }
            if (c == "\"") {
                instr = 1
                haslit = 1
            } else if (c == "{") {
                if (++depth == 2) {
                    nested = 1
                    nf = 0; row = ""; lit = ""; raw = ""; haslit = 0
                }
            } else if (c == "," && depth <= 2) {
                end_field()
            } else if (c == "}") {
                if (depth <= 2)
                    end_field()
                depth--
                if ((depth == 1 || (depth == 0 && !nested)) && nf > 0)
                    print row
                if (depth == 1 || depth == 0) {
                    nf = 0; row = ""
                }
                if (depth == 0)
                    exit
            } else if (depth <= 2)
                raw = raw c
        }
        if (depth <= 2)
            raw = raw " "
    }' "$1"
}

# section_text FILE NAME: the mdoc source of the .Sh NAME section
section_text() {
    awk -v name="$2" '
    /^\.Sh / { on = ($0 == ".Sh " name); next }
    on' "$1"
}

# render_synopsis FILE: the SYNOPSIS as it reads, one command a line.
# With mandoc, mandoc renders it; else render_mdoc below.
render_synopsis() {
    if [ -n "$MANDOC" ]; then
        mandoc_synopsis "$1"
    else
        render_mdoc "$1"
    fi
}

# mandoc_synopsis FILE: mandoc's rendering of the SYNOPSIS, a line for
# each .Nm (they start in column 6; continuation lines are indented more)
mandoc_synopsis() {
    mandoc -Tascii -Owidth=200 "$1" | sed 's/.\x08//g' | awk '
    /^[A-Z]/ { on = ($0 == "SYNOPSIS"); next }
    !on { next }
    /^     [^ ]/ { if (cmd != "") print cmd; cmd = $0; next }
    /^      / { cmd = cmd " " $0 }
    END { if (cmd != "") print cmd }' | sed -E 's/[ \t]+/ /g; s/^ //; s/ $//'
}

# render_mdoc FILE: the SYNOPSIS rendered from its mdoc source, for the
# macros a SYNOPSIS uses here: Nm, Fl, Ar, Cm, Ic, Li, No, Op, Oo, Oc,
# Qq, Ns.  Op and Qq close at the end of their line.
render_mdoc() {
    section_text "$1" SYNOPSIS | awk '
    function emit(w) {
        if (cmd == "" || nospace) cmd = cmd w
        else cmd = cmd " " w
        nospace = 0
    }
    function opener(w) { emit(w); nospace = 1 }
    function closer_(w) { cmd = cmd w; nospace = 0 }
    function macro(w) {
        return (w ~ /^(Nm|Fl|Ar|Cm|Ic|Li|No|Op|Oo|Oc|Qq|Ns)$/)
    }
    /^\.\\"/ { next }
    {
        line = $0
        gsub(/\\&/, "", line)
        n = split(line, w, /[ \t]+/)
        nclose = 0
        i = 1
        if (substr(w[1], 1, 1) == ".") {
            w[1] = substr(w[1], 2)
        } else {
            for (; i <= n; i++) emit(w[i])
            next
        }
        for (; i <= n; i++) {
            if (w[i] == "") continue
            if (w[i] == "Nm") {
                if (cmd != "") print cmd
                cmd = ""; nospace = 0
                if (i < n && !macro(w[i + 1])) emit(w[++i])
                else emit(prog)
            } else if (w[i] == "Fl") {
                if (i < n && !macro(w[i + 1])) emit("-" w[++i])
                else emit("-")
            } else if (w[i] == "Op") {
                opener("["); closer[++nclose] = "]"
            } else if (w[i] == "Qq") {
                opener("\""); closer[++nclose] = "\""
            } else if (w[i] == "Oo") {
                opener("[")
            } else if (w[i] == "Oc") {
                closer_("]")
            } else if (w[i] == "Ns") {
                nospace = 1
            } else if (macro(w[i])) {
                # Ar Cm Ic Li No: their words as they are
            } else
                emit(w[i])
        }
        while (nclose > 0) closer_(closer[nclose--])
    }
    END { if (cmd != "") print cmd }' prog="$(basename "$1" | sed 's/\..*//')"
}

# mdoc_entry FILE SS ITEM: the lines of the list item ".It ITEM" (ITEM
# is the start of the line after ".It ") under ".Ss SS", up to the next
# item of that list, the end of the list, or the next .Ss/.Sh
mdoc_entry() {
    awk -v ss="$2" -v item="$3" '
    /^\.S[sh] / {
        s = substr($0, 5); gsub(/\\&/, "", s)
        in_ss = (s == ss); on = 0; next
    }
    !in_ss { next }
    on && /^\.Bl / { depth++ }
    on && /^\.El/ { if (depth == 0) { on = 0; next } depth-- }
    on && /^\.It / && depth == 0 { on = 0 }
    /^\.It / && !on {
        rest = substr($0, 5)
        if (rest == item || index(rest, item " ") == 1) {
            on = 1; depth = 0; print; next
        }
    }
    on' "$1"
}

# --- what the code says -------------------------------------------------

c_rows "$SRC/src/global/conf_keys.c" conf_keys @ >"$T/keys"
c_rows "$SRC/src/cli/commands.c" commands >"$T/commands"
c_rows "$SRC/src/cli/cli_inject.c" commands >>"$T/commands"
c_rows "$SRC/src/global/tmpl_defs.c" tmpl_defs >"$T/templates"
c_rows "$SRC/src/db/db_spool.c" spool_states >"$T/states.row"
tr '\t' '\n' <"$T/states.row" >"$T/states"
# Each command's usage as moot prints it: "usage: moot -c conf ...".
while IFS=$'\t' read -r group verb _; do
    [ "$group" = NULL ] && group=
    # shellcheck disable=SC2086
    "$MOOT_BIN" $group "$verb" --help 2>&1 | sed -n 's/^usage: //p'
done <"$T/commands" >"$T/usages"
sed -n 's/.*"usage: \(mootd [^"]*\)\\n".*/\1/p' "$SRC/src/mootd/mootd.c" \
    >"$T/mootd_usage"
sed -n 's/.*"usage: \(moot-milter [^"]*\)\\n".*/\1/p' \
    "$SRC/src/milter/moot-milter.c" >"$T/milter_usage"

NKEYS=$(wc -l <"$T/keys")
NKEYS_GREP=$(grep -cE '^[[:space:]]*\{ "[a-z]+", "[a-z_]+",' "$SRC/src/global/conf_keys.c")
NCMDS=$(wc -l <"$T/commands")
NCMDS_GREP=$(sed -n '/commands\[\] = {/,/^};/p' "$SRC/src/cli/commands.c" \
    "$SRC/src/cli/cli_inject.c" |
    grep -cE '^[[:space:]]*\{ (NULL|"[a-z]+"), "[a-z]+",')

# --- (a) and the defaults: conf_keys[] in moot.conf.5 and conf/moot.conf

ok "conf_keys[] read: $NKEYS keys" test "$NKEYS" -gt 0 -a "$NKEYS" = "$NKEYS_GREP" ||
    diag "$NKEYS_GREP lines of src/global/conf_keys.c look like { \"section\", \"key\", but $NKEYS rows were parsed"

# The word on the .It line of each type.
type_word() {
    case $1 in
    CT_STR) echo string ;; CT_PATH) echo path ;; CT_DOMAIN) echo domain ;;
    CT_INT) echo number ;; CT_DURATION) echo duration ;; CT_SIZE) echo size ;;
    CT_CHAR) echo character ;; CT_CHOICE) echo choice ;;
    CT_ZONE) echo zone ;; CT_LANG) echo language ;; CT_MODE) echo mode ;;
    CT_CLOCK) echo time ;; CT_ADDR) echo address ;; CT_SOCKET) echo socket ;;
    CT_SERVER) echo server ;; CT_URL) echo url ;;
    *) echo "?$1" ;;
    esac
}

while IFS=$'\t' read -r section key type offset def required min max choices; do
    # Text as written (not a string literal) came with an @ in front.
    type=${type#@} required=${required#@} min=${min#@} max=${max#@}
    choices=${choices#@}
    entry=$(mdoc_entry "$MAN5" "[$section]" "Ic $key")
    ok "moot.conf.5 has [$section] $key" test -n "$entry" ||
        diag "no \".It Ic $key\" under \".Ss [$section]\" in man/moot.conf.5"

    # type, default, bounds and choices, as the table has them
    why=
    tw=$(type_word "$type")
    head=$(printf '%s\n' "$entry" | head -n 1)
    [ "$head" = ".It Ic $key Ar $tw" ] ||
        why="$why"$'\n'"the item line is \"$head\", not \".It Ic $key Ar $tw\""
    case $def in
    @NULL)
        printf '%s\n' "$entry" | grep -q 'no default' ||
            why="$why"$'\n'"the table has no default, and the page does not say \"no default\"" ;;
    @*)         # a macro such as MOOT_TEMPLATES_DIR: set when built
        printf '%s\n' "$entry" | grep -q '^The default is' ||
            why="$why"$'\n'"no \"The default is\" line" ;;
    *)
        printf '%s\n' "$entry" | awk -v def="$def" '
            prev ~ /The default is$/ {
                v = $0
                if (sub(/^\.(Ql|Pa) /, "", v)) {
                    sub(/ [.,;]$/, "", v); gsub(/\\&/, "", v)
                    if (v == def) found = 1
                }
            }
            { prev = $0 }
            END { exit !found }' ||
            why="$why"$'\n'"no \"The default is\" followed by \".Ql $def\" or \".Pa $def\"" ;;
    esac
    if [ "$required" = 1 ]; then
        printf '%s\n' "$entry" | grep -q 'required' ||
            why="$why"$'\n'"the key is required, and the page does not say so"
    fi
    # The shell reads 0777 as octal, as C does; a mode is written so too.
    lo=$((${min//LL/}))
    hi=$((${max//LL/}))
    if [ "$type" = CT_MODE ]; then
        lo=$(printf '%#o' "$lo") hi=$(printf '%#o' "$hi")
    fi
    if [ "$lo" != 0 ] || [ "$hi" != 0 ]; then
        printf '%s\n' "$entry" | tr '\n' ' ' | grep -q "from $lo to $hi\b" ||
            why="$why"$'\n'"the bounds \"from $lo to $hi\" are not there"
    fi
    if [ "$choices" != NULL ]; then
        for c in ${choices//|/ }; do
            printf '%s\n' "$entry" | grep -qE "^\.Cm $c( |$)" ||
                why="$why"$'\n'"the choice \"$c\" is not there as \".Cm $c\""
        done
    fi
    ok "moot.conf.5 gives [$section] $key its type, default and bounds" \
        test -z "$why" || diag "${why#$'\n'}"

    # conf/moot.conf, under its [section]
    if awk -v s="$section" -v k="$key" '
        /^\[/ { cur = $0; gsub(/[][ \t]/, "", cur); next }
        cur == s && $0 ~ "^;?[ \t]*" k "[ \t]*=" { found = 1 }
        END { exit !found }' "$CONF"; then
        pass "conf/moot.conf has [$section] $key"
    else
        fail "conf/moot.conf has [$section] $key"
        diag "no \"$key =\" or \";$key =\" under [$section] in conf/moot.conf"
    fi
done <"$T/keys"

# --- (b) the command table in the SYNOPSIS of moot.1 --------------------

NUSAGES=$(grep -c '^moot -c conf ' "$T/usages")
ok "commands[] of src/cli/commands.c read: $NCMDS commands, $NUSAGES usage lines from $MOOT_BIN" \
    test "$NCMDS" -gt 0 -a "$NCMDS" = "$NCMDS_GREP" -a "$NCMDS" = "$NUSAGES" ||
    diag "$NCMDS_GREP rows of commands[] look like { group, \"verb\", $NCMDS were parsed, and $MOOT_BIN printed $NUSAGES usage lines"

render_synopsis "$MAN1" >"$T/synopsis1"
while IFS= read -r u; do
    ok "moot.1 SYNOPSIS has: $u" grep -qxF -- "$u" "$T/synopsis1" ||
        diag "not a line of the SYNOPSIS of man/moot.1, which reads:"$'\n'"$(cat "$T/synopsis1")"
done <"$T/usages"

extra=$(grep '^moot -c conf ' "$T/synopsis1" | grep -vxF -f "$T/usages")
ok "every command in the SYNOPSIS of moot.1 is in the table of src/cli/commands.c" \
    test -z "$extra" || diag "not in the table: $extra"

render_synopsis "$MAN8" >"$T/synopsis8"
ok "mootd.8 SYNOPSIS is the usage of src/mootd/mootd.c" \
    same_text "$T/mootd_usage" "$T/synopsis8" ||
    diag "src/mootd/mootd.c: $(cat "$T/mootd_usage")"$'\n'"man/mootd.8: $(cat "$T/synopsis8")"

render_synopsis "$MANM" >"$T/synopsism"
ok "moot-milter.8 SYNOPSIS is the usage of src/milter/moot-milter.c" \
    same_text "$T/milter_usage" "$T/synopsism" ||
    diag "src/milter/moot-milter.c: $(cat "$T/milter_usage")"$'\n'"man/moot-milter.8: $(cat "$T/synopsism")"

if [ -n "$MANDOC" ]; then
    render_mdoc "$MAN1" >"$T/r1"
    render_mdoc "$MAN8" >"$T/r8"
    render_mdoc "$MANM" >"$T/rm"
    mandoc_synopsis "$MAN1" >"$T/m1"
    mandoc_synopsis "$MAN8" >"$T/m8"
    mandoc_synopsis "$MANM" >"$T/mm"
    if cmp -s "$T/r1" "$T/m1" && cmp -s "$T/r8" "$T/m8" &&
        cmp -s "$T/rm" "$T/mm"; then
        pass "this test's SYNOPSIS renderer agrees with mandoc"
    else
        fail "this test's SYNOPSIS renderer agrees with mandoc"
        diag "$(diff "$T/m1" "$T/r1"; diff "$T/m8" "$T/r8"; diff "$T/mm" "$T/rm")"
    fi
else
    skip "this test's SYNOPSIS renderer agrees with mandoc:" \
        "mandoc is not installed"
fi

# --- templates and spool states ------------------------------------------

why=
ntmpl=0
while IFS=$'\t' read -r name subject slots; do
    ntmpl=$((ntmpl + 1))
    entry=$(mdoc_entry "$MAN5" "The templates" "Pa $name")
    if [ -z "$entry" ]; then
        why="$why"$'\n'"no \".It Pa $name\" under \".Ss The templates\""
        continue
    fi
    for s in ${slots//,/ }; do
        printf '%s\n' "$entry" | grep -qxF ".It Ic {$s}" ||
            why="$why"$'\n'"$name: the slot {$s} is not there as \".It Ic {$s}\""
    done
    for s in $(printf '%s\n' "$entry" | sed -n 's/^\.It Ic {\([a-z_]*\)}$/\1/p'); do
        case ",$slots," in
        *",$s,"*) ;;
        *) why="$why"$'\n'"$name: {$s} is in the page but not a slot of the template" ;;
        esac
    done
done <"$T/templates"
for p in $(section_text "$MAN5" TEMPLATES | sed -n 's/^\.It Pa \([a-z-]*\)$/\1/p'); do
    cut -f1 "$T/templates" | grep -qxF "$p" ||
        why="$why"$'\n'"\"$p\" is in the page but not in tmpl_defs[]"
done
[ "$ntmpl" -gt 0 ] || why="no rows read from tmpl_defs[] in src/global/tmpl_defs.c"
ok "moot.conf.5 has the $ntmpl templates of src/global/tmpl_defs.c and their slots" \
    test -z "$why" || diag "${why#$'\n'}"

why=
states_text=$(section_text "$MAN1" "SPOOL STATES")
while IFS= read -r s; do
    printf '%s\n' "$states_text" | grep -qxF ".It Cm $s" ||
        why="$why"$'\n'"the state $s is not there as \".It Cm $s\""
done <"$T/states"
[ -s "$T/states" ] || why="no states read from src/db/db_spool.c"
ok "moot.1 SPOOL STATES has the $(wc -l <"$T/states") states of src/db/db_spool.c" \
    test -z "$why" || diag "${why#$'\n'}"

# Who may use a notice's token is said in the same words in moot.1 and
# mootd.8 (issue 12): the paragraph from "Who may use a token:" to the
# next .Pp, the same in both.
token_para() { sed -n '/^Who may use a token:$/,/^\.Pp$/p' "$1"; }
token_para "$MAN1" >"$T/tok1"
token_para "$MAN8" >"$T/tok8"
ok "moot.1 and mootd.8 say who may use a token in the same words" \
    same_text "$T/tok1" "$T/tok8" ||
    diag "$(diff "$T/tok1" "$T/tok8" | head -20)"

# --- (c) mandoc -Tlint -----------------------------------------------------

for page in "$MAN1" "$MAN8" "$MANM" "$MANU" "$MAN5"; do
    desc="mandoc -Tlint finds nothing wrong in man/$(basename "$page")"
    if [ -z "$MANDOC" ]; then
        skip "$desc: mandoc is not installed"
        continue
    fi
    out=$(mandoc -Tlint -Wwarning "$page" 2>&1)
    rc=$?
    bad=$(printf '%s\n' "$out" | grep -E ': (WARNING|ERROR|UNSUPP|BADARG|SYSERR)')
    [ "$rc" = 0 ] || bad="exit status $rc"$'\n'"$bad"
    ok "$desc" test -z "$bad" || diag "mandoc exit status $rc"$'\n'"$out"
done

done_testing
