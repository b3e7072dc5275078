#!/bin/bash
# privacy.sh - a copy discloses no member address and no Bcc (threat F1);
# an encoded CRLF in a subject never becomes a header field (E1); bare
# CR, bare LF and dot lines cannot smuggle a second message (E3).
. "$(dirname "$0")/lib/common.sh"

sink_start
site_new
moot list create info >/dev/null
members info 50

# No To: and a Bcc:.
printf 'From: poster@example.net\nSubject: no To here\nBcc: x@y.example\nMessage-ID: <f1@example.org>\n\nhello\n' >"$T/nobcc.eml"
post "$T/nobcc.eml" info@lists.example.org poster@example.net
mootd_once 2>/dev/null
is "$(sink_rcpts | wc -l)" 50 "sent to 50 members"
is "$(cat "$SINK_DIR"/*.eml | grep -c 'user000[0-9][0-9]@example.org')" 0 \
    "no copy holds any member's address"
is "$(cat "$SINK_DIR"/*.eml | grep -ci 'x@y.example')" 0 "nor the Bcc address"
is "$(cat "$SINK_DIR"/*.eml | grep -Eci '^(To|Cc|Bcc):')" 0 "no To, Cc or Bcc was made up"
is "$(head -1 "$SINK_DIR/000001.eml")" $'From: poster@example.net\r' \
    "the sender's own address is where it was"

# Threat E1: Subject: =?utf-8?B?<x CR LF Bcc: evil@x>?=
# (--bulk from here: one copy for all, to look at and count.)
moot list set info --bulk >/dev/null
sink_start
post hostile/header-injection.eml info@lists.example.org user00001@example.org
mootd_once 2>/dev/null
is "$(sink_rcpts | grep -c evil)" 0 "no envelope recipient evil@x"
is "$(grep -ci '^Bcc:' "$SINK_DIR"/*.eml)" 0 "no Bcc: field in the copy"
like "$(cat "$SINK_DIR/000001.eml")" $'\r\nSubject: \\[info\\] =\\?utf-8\\?B\\?eA0KQmNjOiBldmlsQHg=\\?=\r\n' \
    "the subject stays encoded as it came"

# Threat E3: bare LF before a dot, CRLF.LF, and a line that looks like SMTP.
sink_start
printf 'From: user00001@example.org\r\nSubject: smuggle\r\nMessage-ID: <e3@example.org>\r\n\r\nline one\n.\r\nMAIL FROM:<x@evil.example>\r\nRCPT TO:<victim@example.org>\r\nline two\r\n.\nline three\r\n' >"$T/smuggle.eml"
post "$T/smuggle.eml" info@lists.example.org user00001@example.org
mootd_once 2>/dev/null
is "$(sink_msgs)" 1 "the sink saw exactly one message"
is "$(grep -c 'MAIL FROM' "$SINK_DIR/sink.log")" 1 "and one MAIL command"
body=$(cat "$SINK_DIR/000001.eml")
like "$body" $'\r\nline one\r\n\\.\r\nMAIL FROM:<x@evil.example>\r\nRCPT TO:<victim@example.org>\r\nline two\r\n\\.\r\nline three\r\n' \
    "the body arrived whole, bare line ends made CRLF"
is "$(sink_rcpts | grep -c victim)" 0 "no smuggled recipient"
is "$(grep -c $'[^\r]$' "$SINK_DIR/000001.eml")" 0 "every line of the copy ends in CRLF"

done_testing
