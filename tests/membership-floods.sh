#!/bin/bash
# membership-floods.sh - what one forger can make moot write to others:
# confirmations to the sub-addresses of one mailbox share its daily cap,
# a domain has a larger cap of its own, one sender may ask for others
# only so often, and one message may name one other address (threats
# B7, C4); a reply never repeats an address moot cannot use, nor a
# language code that is not one, so the forged From of a command gets
# no link or words of the forger's (E1).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

# confirmations_to PATTERN: confirmations the sink took for addresses
# matching the grep pattern
confirmations_to() {
	local f n=0
	for f in $(grep -l "^RCPT TO:<$1>" "$SINK_DIR"/*.env 2>/dev/null); do
		grep -q '^Subject: Please confirm' "${f%.env}.eml" && n=$((n + 1))
	done
	echo $n
}

sink_start
site_new "$(printf '[membership]\nconfirmations_per_domain = 7')"
moot list create info --description "Information Group" >/dev/null

# 1. Sub-addresses (B7): eight forgers each ask for victim+N; the
# mailbox gets confirmations_per_day (5) of them, not eight.
for i in $(seq 1 8); do
	send info-request@lists.example.org "forger$i@evil$i.example" "" \
	    "subscribe victim+$i@six.example"
done
send info-request@lists.example.org forger9@evil9.example "" \
    "subscribe VICTIM@six.example"
run
is "$(confirmations_to 'victim[^>]*@six.example')" 5 \
    "victim+1@ .. victim+8@ and victim@: five confirmations to the mailbox (B7)"
like "$(newest_to forger9@evil9.example)" "Too many messages have gone to this address today" \
    "  the ninth asker is told no more go today"

# 2. One domain (B7): twelve people at one domain, asked for by twelve
# forgers: confirmations_per_domain (7 here) go, then no more.
for i in $(seq 1 12); do
	send info-request@lists.example.org "f$i@other$i.example" "" \
	    "subscribe person$i@seven.example"
done
run
is "$(confirmations_to '[^>]*@seven.example')" 7 \
    "twelve addresses at one domain: confirmations_per_domain go (B7)"
is "$(confirmations_to 'person1@seven.example')" 1 "  the first is asked"

# 3. One asker (B7): one mailbox asks, from sub-addresses, for eight
# people at eight domains, one message each: five are asked.
for i in $(seq 1 8); do
	send info-request@lists.example.org "asker+$i@eight.example" "" \
	    "subscribe friend@d$i.example"
done
run
is "$(confirmations_to 'friend@d[0-9].example')" 5 \
    "one asker, eight others: confirmations_per_day of them are asked (B7)"
like "$(newest_to 'asker+8@eight.example')" "You have asked moot to write to too many other addresses today" \
    "  and the asker hears why not"
# The asker's own join still goes: the cap is on what one asks for others.
send info-request@lists.example.org asker@eight.example "subscribe" ""
run
is "$(confirmations_to 'asker@eight.example')" 1 "  its own join is still asked"

# 4. One message, one other address (C4): a message naming three others
# asks the first; the others are refused, and the sender told why.
send info-request@lists.example.org many@nine.example "" \
    "subscribe one@n1.example\nsubscribe two@n2.example\nunsubscribe three@n3.example\nsubscribe one@n1.example digest"
run
is "$(confirmations_to 'one@n1.example')" 1 "one message, three others: the first is asked (C4)"
is "$(( $(confirmations_to 'two@n2.example') + $(count_to 'three@n3.example') ))" 0 \
    "  the second and third are not"
msg=$(newest_to many@nine.example)
is "$(grep -c 'One message may ask for one other address only' <<<"$msg")" 2 \
    "  the sender is told, once for each"
like "$msg" $'> subscribe two@n2.example\r\nOne message may ask' "  under the command refused"
# The sender's own address is no other.
send info-request@lists.example.org self@nine.example "" \
    "subscribe other@n4.example\nsubscribe"
run
is "$(confirmations_to 'self@nine.example')" 1 "  the sender's own join besides one other is asked"

# 5. No echo (E1): what is not a usable address or language is not
# repeated to the From, which may be a forged victim.
send info-request@lists.example.org target@ten.example "" \
    "subscribe https://evil.example/win@prize.example\nsubscribe <http://evil.example/ö@x.example>\nset language bit.ly/evil"
run
msg=$(newest_to target@ten.example)
like "$msg" "This is not an email address moot can use" \
    "a link given as an address: refused, saying so (E1)"
like "$msg" "moot cannot yet send to addresses with letters outside" \
    "  and one with letters outside A to Z"
unlike "$msg" "evil" "  neither is repeated, nor the language code"
like "$msg" $'> subscribe \\.\\.\\.\r\n' "  the quoted command leaves it out"
like "$msg" $'> set\r\n' "  as does the quoted set"
ok "  the reply is valid MIME" "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" \
    "$(grep -l '^RCPT TO:<target@ten.example>' "$SINK_DIR"/*.env | sort | tail -1 | sed 's/env$/eml/')"

done_testing
