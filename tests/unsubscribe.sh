#!/bin/bash
# unsubscribe.sh - one-click unsubscribe (RFC 8058) through a real web
# server: the List-Unsubscribe and List-Unsubscribe-Post fields of each
# member's copy with [web] base_url set and without it, and of a --bulk
# list's one copy for many; moot-unsubscribe run as CGI by Debian's
# lighttpd on 127.0.0.1, asked with curl: a GET changes nothing and shows
# a form, a POST leaves at once (and the goodbye is sent), and a used,
# forged, cut-short or other list's token gets one answer and changes
# nothing (threats B1, B2).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

LIGHTTPD=$(command -v lighttpd || echo /usr/sbin/lighttpd)
if [ ! -x "$LIGHTTPD" ] || ! command -v curl >/dev/null; then
	echo "1..0 # SKIP lighttpd or curl is not installed (tools/deps.sh)"
	exit 0
fi
UNSUB_BIN=$MOOT_BUILDDIR/moot-unsubscribe
MIMECHECK=$MOOT_SRCDIR/tests/lib/mimecheck.py
HTMLCHECK=$MOOT_SRCDIR/tests/lib/htmlcheck.py
BASE=https://lists.example.org/moot

sink_start
# A trailing / is dropped: the links are BASE/unsubscribe.
site_new "$(printf '[web]\nbase_url = %s/' "$BASE")"
moot list create info --description "Information Group" >/dev/null
moot list create ops --description "Operations Group" >/dev/null
moot list create news --bulk --description "News" >/dev/null
for a in ann@one.example bob@two.example cat@three.example; do
	moot member add info "$a" >/dev/null
done
moot member add ops bob@two.example >/dev/null
moot member add news ann@one.example >/dev/null
moot member add info dan@four.example --lang fr >/dev/null

# postto LIST SUBJECT: a post from the owner of the site, delivered.
postto() {
	printf 'From: owner@one.example\nTo: %s@lists.example.org\nSubject: %s\n\n%s.\n' \
	    "$1" "$2" "$2" | moot inject --to "$1@lists.example.org" --from owner@one.example
	run
}
# field ADDR NAME: the NAME field of the newest message to ADDR, unfolded.
field() {
	newest_to "$1" | tr -d '\r' | awk -v n="$2:" '
		/^$/ { exit }
		/^[ \t]/ { if (on) v = v $0; next }
		{ if (on) exit; on = ($1 == n); if (on) v = $0 }
		END { print v }'
}
# token ADDR LIST: ADDR's leave token, from the mailto of its last copy.
token() {
	field "$1" List-Unsubscribe | sed -n "s/.*<mailto:$2-leave+\([a-z2-7]*\)@.*/\1/p"
}

# 1. The fields of each member's copy with base_url set.
postto info "Meeting moved"
lu=$(field ann@one.example List-Unsubscribe)
at=$(token ann@one.example info)
is "${#at}" 26 "a member's copy names their own leave token"
is "$lu" "List-Unsubscribe: <$BASE/unsubscribe?l=info&t=$at>, <mailto:info-leave+$at@lists.example.org>" \
    "  in an https: link first, then the mailto (RFC 8058)"
is "$(field ann@one.example List-Unsubscribe-Post)" \
    "List-Unsubscribe-Post: List-Unsubscribe=One-Click" "  with List-Unsubscribe-Post"
ok "  and the copy passes the strict MIME check" \
    "$PYTHON3" "$MIMECHECK" "$(newest_file_to ann@one.example)"
bt=$(token bob@two.example info)
ok "  another member's token is another" test -n "$bt" -a "$bt" != "$at"

# 2. A --bulk list: one copy for many, no member's token, so no link.
postto news "Newsletter"
is "$(field ann@one.example List-Unsubscribe)" \
    "List-Unsubscribe: <mailto:news-leave@lists.example.org>" \
    "a --bulk list's copy names only the mailto that asks to confirm"
is "$(field ann@one.example List-Unsubscribe-Post)" "" "  and has no List-Unsubscribe-Post"

# 3. lighttpd on a free port of 127.0.0.1, in the foreground, as this
# user, running moot-unsubscribe at /moot/unsubscribe.
PORT=$(free_port)
mkdir -p "$T/www"
cat >"$T/lighttpd.conf" <<EOC
server.document-root = "$T/www"
server.bind = "127.0.0.1"
server.port = $PORT
server.errorlog = "$T/lighttpd.err"
server.modules = ( "mod_alias", "mod_cgi", "mod_setenv" )
alias.url = ( "/moot/unsubscribe" => "$UNSUB_BIN" )
\$HTTP["url"] =~ "^/moot/unsubscribe" {
	cgi.assign = ( "" => "" )
}
setenv.add-environment = ( "MOOT_CONF" => "$CONF" )
EOC
"$LIGHTTPD" -D -f "$T/lighttpd.conf" 2>"$T/lighttpd.stderr" &
T_PIDS+=($!)
up() { curl -s -o /dev/null "http://127.0.0.1:$PORT/" ; }
wait_for 10 up || { echo "Bail out! lighttpd did not start: $(cat "$T/lighttpd.stderr" "$T/lighttpd.err" 2>/dev/null)"; exit 1; }
URL=http://127.0.0.1:$PORT/moot/unsubscribe
# ask [CURL ARGS...]: the status into CODE, the body into $T/body, the
# Content-Type into CTYPE.
ask() {
	CODE=$(curl -s -o "$T/body" -D "$T/head" -w '%{http_code}' "$@")
	CTYPE=$(sed -n 's/^Content-Type: \([^;]*\).*/\1/Ip' "$T/head" | tr -d '\r')
}
member() { member_field "$1" "$2" 3; }

# 4. GET: a page with a form, and nothing changes.
ask "$URL?l=info&t=$at"
is "$CODE $CTYPE" "200 text/html" "GET with a good token: 200, a page"
ok "  valid HTML" "$PYTHON3" "$HTMLCHECK" "$T/body"
like "$(cat "$T/body")" "<form method=\"post\" action=\"\\?l=info&amp;t=$at\"" "  with a form that POSTs to the link"
like "$(cat "$T/body")" '<input type="hidden" name="List-Unsubscribe" value="One-Click">' "  RFC 8058's body"
is "$(member info ann@one.example)" mail "  and the member is still there"
ask -I "$URL?l=info&t=$at"
is "$(member info ann@one.example)" mail "HEAD changes nothing either"
dt=$(token dan@four.example info)
ask "$URL?l=info&t=$dt"
like "$(cat "$T/body")" '<html lang="fr">' "the page is in the member's language"
like "$(cat "$T/body")" "Quitter" "  in its words"

# 5. Tokens that do not work: one answer, whatever the reason.
forged=$(printf 'a%.0s' $(seq 26))
ask "$URL?l=info&t=$forged"
is "$CODE" 404 "GET with a forged token: 404"
cp "$T/body" "$T/forged.html"
ask "$URL?l=ops&t=$at"
is "$CODE" 404 "another list's token: 404"
ok "  the same page as a forged one (no oracle)" cmp -s "$T/body" "$T/forged.html"
ask "$URL?l=nolist&t=$at"
ok "  and as a list that does not exist" cmp -s "$T/body" "$T/forged.html"
ask "$URL?l=info"
ok "  and as a link without its token" cmp -s "$T/body" "$T/forged.html"
unlike "$(cat "$T/forged.html")" "info" "  which names no list"

# 6. POST: the member leaves at once, and gets the goodbye.
n0=$(count_to ann@one.example)
ask -d 'List-Unsubscribe=One-Click' "$URL?l=info&t=$at"
is "$CODE $CTYPE" "200 text/plain" "POST List-Unsubscribe=One-Click: 200, plain text"
like "$(cat "$T/body")" "You have left the list info" "  saying so"
is "$(member info ann@one.example)" "" "  the member is gone"
is "$(member news ann@one.example)" mail "  from that list only"
run
is "$(count_to ann@one.example)" $((n0 + 1)) "  and mootd sends one message"
like "$(newest_to ann@one.example)" "You have left the info list" "  the goodbye"
ok "  which passes the strict MIME check" \
    "$PYTHON3" "$MIMECHECK" "$(newest_file_to ann@one.example)"

# 7. The same POST again, a forged token, another list's token: refused.
ask -d 'List-Unsubscribe=One-Click' "$URL?l=info&t=$at"
is "$CODE" 404 "the same token again: 404 (it works once)"
ask -d 'List-Unsubscribe=One-Click' "$URL?l=info&t=$forged"
is "$CODE" 404 "a forged token: 404"
ot=$(token bob@two.example info)
postto ops "Rota"
opt=$(token bob@two.example ops)
ask -d 'List-Unsubscribe=One-Click' "$URL?l=info&t=$opt"
is "$CODE" 404 "bob's token of ops at info: 404"
ask -d 'List-Unsubscribe=One-Click' "$URL?l=ops&t=$ot"
is "$CODE" 404 "  and of info at ops"
is "$(member info bob@two.example) $(member ops bob@two.example)" "mail mail" \
    "  bob is still on both"

# 8. A POST must say One-Click; other methods are not served.
ask -d 'List-Unsubscribe=Yes' "$URL?l=info&t=$bt"
is "$CODE" 400 "a POST with another body: 400"
ask -d "" "$URL?l=info&t=$bt"
is "$CODE" 400 "  and with none"
ask -X PUT -d 'List-Unsubscribe=One-Click' "$URL?l=info&t=$bt"
is "$CODE" 405 "PUT: 405"
is "$(member info bob@two.example)" mail "  bob is still on info"
# multipart/form-data, as RFC 8058 prefers
ask -F 'List-Unsubscribe=One-Click' "$URL?l=info&t=$bt"
is "$CODE" 200 "a multipart/form-data POST: 200"
is "$(member info bob@two.example) $(member ops bob@two.example)" " mail" \
    "  bob has left info, not ops"
# The tokens are in no log the test can read (syslog is the host's).
is "$(cat "$T"/lighttpd.* | grep -c -e "$at" -e "$bt")" 0 \
    "no token in the web server's error log"

# 9. Without base_url: the mailto alone, no List-Unsubscribe-Post.
sed -i 's|^base_url = .*|base_url =|' "$CONF"
postto info "Agenda"
ct=$(token cat@three.example info)
is "$(field cat@three.example List-Unsubscribe)" \
    "List-Unsubscribe: <mailto:info-leave+$ct@lists.example.org>" \
    "base_url empty: the mailto alone"
is "$(field cat@three.example List-Unsubscribe-Post)" "" "  and no List-Unsubscribe-Post"

done_testing
