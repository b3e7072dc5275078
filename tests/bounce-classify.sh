#!/bin/bash
# bounce-classify.sh - `moot bounce classify` on real bounces (issue 15,
# item 7): a standard DSN, a Postfix bounce, an Exim bounce, an Exchange
# bounce, a qmail bounce, an out-of-office reply and a challenge-response,
# each classified right; a DSN's Action: failed with a 4.x.x status is
# hard; a delay is soft; a policy refusal is flagged (threat B8); a
# mailer daemon's words moot does not know are not called hard; a file
# that is not mail is refused.  The samples' origins:
# tests/data/bounces/SOURCES.
. "$(dirname "$0")/lib/common.sh"

site_new
B=$MOOT_SRCDIR/tests/data/bounces

# line FILE NAME: the value of "NAME: ..." in moot bounce classify FILE
line() { moot bounce classify "$B/$1" | sed -n "s/^$2: //p" | head -1; }
# reads FILE CLASS FORM STATUS RECIPIENT: the whole reading of FILE
reads() {
	local out
	out=$(moot bounce classify "$B/$1")
	is "$(sed -n 's/^class: //p' <<<"$out")" "$2" "$1: $2"
	is "$(sed -n 's/^form: //p' <<<"$out")" "$3" "$1: read as $3"
	is "$(sed -n 's/^status: //p' <<<"$out")" "$4" "$1: status $4"
	is "$(sed -n 's/^recipient ([a-z]*[ 0-9.]*): //p' <<<"$out" |
	    head -1)" "${5#-}" "$1: recipient ${5}"
}

reads sisimai-rfc3464-01.eml hard rfc3464 5.1.1 userunknown@bouncehammer.jp
reads sisimai-lhost-postfix-01.eml hard rfc3464 5.1.1 \
	r@p351355.pool.example.ne.jp
reads sisimai-lhost-exim-01.eml hard exim 5.7.0 kijitora@example.ed.jp
reads flufl-exim_01.eml hard exim 5.1.1 userx@its.example.nl
reads sisimai-lhost-exchange2007-01.eml hard rfc3464 5.1.1 \
	mikeneko@example.co.jp
reads sisimai-lhost-office365-01.eml hard exchange 5.1.10 \
	kijitora@example.com
reads sisimai-lhost-qmail-01.eml hard qmail 5.5.0 kijitora@example.ne.jp
reads sisimai-lhost-gmail-01.eml hard gmail 5.1.1 userunknown@example.jp
reads sisimai-lhost-yahoo-01.eml hard yahoo 5.1.1 kijitora@example.org
reads flufl-dsn_02.eml hard rfc3464 4.4.7 zzzzz@example.uk
reads sisimai-rfc3464-09.eml soft rfc3464 4.3.0 \
	kijitora-cat@mx4.gr3.example.jp
reads flufl-simple_03.eml soft exim - userx@example.za
reads sisimai-rfc3834-02.eml autoreply autoreply - -
reads written-autoreply-abwesenheit.eml autoreply autoreply - -
reads written-challenge-tmda.eml challenge tmda - -
reads written-challenge-spamarrest.eml challenge spamarrest - -
reads written-spamfilter-quarantine.eml spamfilter filter - -
reads sisimai-is-not-bounce-01.eml not - - -

is "$(line sisimai-lhost-barracuda-01.eml policy)" yes \
	"a spam filter's 5.7.1 refusal is flagged as policy"
is "$(line sisimai-rfc3464-01.eml policy)" no "a 5.1.1 is not policy"
is "$(line sisimai-lhost-qmail-01.eml original-message-id)" \
	000000000.9999999999999.JavaMail.postmaster@mailhub \
	"the quoted copy's Message-ID, from a notice's text"
is "$(line flufl-dsn_02.eml original-message-id)" \
	LNBBLJKPBEHFEDALKOLCMEEDIFAA.tim.one@home.com \
	"the quoted copy's Message-ID, from a message/rfc822 part"

printf 'From: MAILER-DAEMON@mx.example\r\nSubject: hm\r\n\r\nOdd.\r\n' \
	>"$T/odd.eml"
is "$(moot bounce classify "$T/odd.eml" | sed -n 's/^class: //p')" \
	unknown "a mailer daemon's words moot does not know: unknown"
printf 'no header here\r\n\r\n' >"$T/bad.eml"
moot bounce classify "$T/bad.eml" >/dev/null 2>"$T/err"
is "$?" 1 "not a message: exit 1"
has "$T/err" "bad.eml" "  saying which file"
moot bounce classify "$T/none.eml" >/dev/null 2>&1
is "$?" 1 "no such file: exit 1"
done_testing
