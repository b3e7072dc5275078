#!/bin/bash
# one-copy.sh - one message, one copy: a list address given many times
# in one transaction is stored and handled once, and a post sent again
# without a Message-ID (same sender, subject and body) goes out once
# (threat A3)
. "$(dirname "$0")/lib/common.sh"

sink_start
site_new
moot list create mod --moderated >/dev/null
moot member add mod mona@one.example --role moderator >/dev/null
moot list create info >/dev/null
moot member add info amira@one.example >/dev/null
moot member add info bob@two.example >/dev/null
DB=$SITE/var/moot.db
# spool rows of the newest message: no command counts them per message.
rows_of_last() {
	sqlite3 "$DB" "SELECT count(*) FROM spool WHERE message_id = (SELECT max(id) FROM message)"
}

# mail SUBJECT BODY: a post from amira without a Message-ID.
mail() {
	printf 'From: Amira <amira@one.example>\nTo: %s\nSubject: %s\nDate: Wed, 2 Dec 2026 10:00:00 +0000\n\n%s\n' \
	    "${3:-info@lists.example.org}" "$1" "$2"
}

# A3: 100 --to of one list address, spelled as a client might (case,
# brackets), and no Message-ID: one spool row, one notice.
args=()
for i in $(seq 100); do
	case $((i % 3)) in
	0) args+=(--to mod@lists.example.org) ;;
	1) args+=(--to MOD@Lists.Example.ORG) ;;
	2) args+=(--to '<mod@lists.example.org>') ;;
	esac
done
mail "Held once" "Please look at this once." mod@lists.example.org |
    moot inject "${args[@]}" --from amira@one.example
is $? 0 "A3: 100 --to of one list address: stored"
is "$(rows_of_last)" 1 "A3: one spool row, not 100"
mootd_once 2>/dev/null
is "$(sink_rcpts | grep -c mona@one.example)" 1 "A3: the moderator gets one notice"
# Two addresses of one list are two recipients still.
mail "Two" "Post and command." | moot inject --to info@lists.example.org \
    --to info-request@lists.example.org --to INFO@lists.example.org
is "$(rows_of_last)" 2 "A3: two addresses of a list, one of them repeated: two rows"
mootd_once 2>/dev/null
is "$(sink_rcpts | grep -c amira@one.example)" 2 \
    "A3: the post goes out once (and the command is answered once)"

# A3: without a Message-ID, a post sent twice (same sender, subject and
# body) goes out once; another body is another post.
n0=$(sink_rcpts | grep -c bob@two.example)
mail "Minutes" "The minutes are attached." | moot inject --to info@lists.example.org --from amira@one.example
mootd_once 2>/dev/null
mail "Minutes" "The minutes are attached." | moot inject --to info@lists.example.org --from amira@one.example
mootd_once 2>/dev/null
id=$(last_id)
is "$(spool_state "$id")" discarded "A3: the same post again, no Message-ID: discarded"
like "$(spool_reason "$id")" "^duplicate of [0-9]+" "  as a duplicate"
is $(( $(sink_rcpts | grep -c bob@two.example) - n0 )) 1 "A3: a member gets it once"
mail "Minutes" "The minutes, corrected." | moot inject --to info@lists.example.org --from amira@one.example
mootd_once 2>/dev/null
is "$(spool_state "$(last_id)")" sent "A3: another body, same subject: sent"
mail "Agenda" "The minutes, corrected." | moot inject --to info@lists.example.org --from amira@one.example
mootd_once 2>/dev/null
is "$(spool_state "$(last_id)")" sent "A3: another subject, same body: sent"
is $(( $(sink_rcpts | grep -c bob@two.example) - n0 )) 3 "A3: three posts, three copies"
# The digest is SHA-256 of the body as stored through a pipe (LF), so
# that databases written before keep matching; the same post with CRLF
# line ends, as the milter stores it, is the same post.
is "$(sqlite3 "$DB" "SELECT lower(hex(body_sha256)) FROM message WHERE id = (SELECT max(id) FROM message)")" \
    "$(printf 'The minutes, corrected.\n' | sha256sum | cut -d' ' -f1)" \
    "A3: the body's digest is its SHA-256"
mail "Agenda" "The minutes, corrected." | sed 's/$/\r/' |
    moot inject --to info@lists.example.org --from amira@one.example
mootd_once 2>/dev/null
is "$(spool_state "$(last_id)")" discarded "A3: the same post with CRLF line ends: a duplicate"
is $(( $(sink_rcpts | grep -c bob@two.example) - n0 )) 3 "A3: still three copies"

done_testing
