#!/bin/bash
# fixtures.sh - real messages through moot and the sink: every original
# MIME leaf byte for byte, the copy valid MIME for a second parser, the
# post's own header fields kept, a PGP signature still good (threat E4)
. "$(dirname "$0")/lib/common.sh"

LEAFCMP=$MOOT_BUILDDIR/tests/unit/leafcmp
sink_start
site_new
# long-headers.eml has 23 addresses in To and Cc: more than the default
# limit of 10 would hold it.
moot list create info --description "Information Group" --max-recipients 100 >/dev/null
moot member add info amira@one.example >/dev/null
moot member add info bob@two.example >/dev/null

# Fields the copy is meant to lose or change (see src/mootd/rewrite.c).
dropped='^(list-[a-z-]+|approved|approve|x-approved|x-approve|bcc|resent-bcc|return-path|precedence|original-recipient|subject|content-[a-z-]+|mime-version):'

n=0
for f in "$MAILDIR"/real/*.eml; do
	name=${f##*/}
	n=$((n + 1))
	post "$f" info@lists.example.org amira@one.example
	mootd_once 2>/dev/null
	copy=$(sink_file $((2 * n - 1)))	# each member has a copy
	ok "$name: delivered" test -f "$copy"
	ok "$name: every original leaf is byte for byte in the copy" "$LEAFCMP" "$f" "$copy"
	ok "$name: the copy is valid MIME to Python's email package" "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" "$copy"
	# Each kept header field, unfolded, appears unchanged in the copy.
	missing=$("$PYTHON3" - "$f" "$copy" "$dropped" <<'PY'
import re, sys
def fields(path):
    data = open(path, 'rb').read().replace(b'\r\n', b'\n')
    head = data.split(b'\n\n', 1)[0]
    out, cur = [], None
    for line in head.split(b'\n'):
        if line[:1] in (b' ', b'\t') and cur is not None:
            out[-1] += b'\n' + line
        else:
            out.append(line)
            cur = line
    return out
orig, copy = fields(sys.argv[1]), fields(sys.argv[2])
drop = re.compile(sys.argv[3].encode(), re.I)
print(sum(1 for f in orig if not drop.match(f) and f not in copy))
PY
)
	is "$missing" 0 "$name: the post's own header fields are kept as they were"
done
is "$(sink_msgs)" "$((2 * n))" "one copy per member of each post"
is "$(grep -c '^RCPT' "$SINK_DIR"/*.env | awk -F: '{ s += $2 } END { print s }')" $((n * 2)) "each to both members"

# The signed post: its signature still verifies in the members' copy.
signed=$(grep -l 'multipart/signed' "$SINK_DIR"/*.eml | head -1)
if command -v gpg >/dev/null; then
	export GNUPGHOME=$T/gnupg
	mkdir -m 700 "$GNUPGHOME"
	gpg --batch --quiet --import "$MAILDIR/signed-pubkey.asc" 2>/dev/null
	"$PYTHON3" - "$signed" "$T/signed-data" "$T/signed-sig" <<'PY'
import re, sys
data = open(sys.argv[1], 'rb').read()
b = re.search(rb'multipart/signed;.*?boundary="?([^";\r\n]+)"?', data, re.S).group(1)
parts = data.split(b'\r\n--' + b)
first = data.split(b'--' + b + b'\r\n', 1)[1].split(b'\r\n--' + b, 1)[0]
sig = parts[2].split(b'\r\n\r\n', 1)[1]
open(sys.argv[2], 'wb').write(first)
open(sys.argv[3], 'wb').write(sig)
PY
	ok "signed.eml: the PGP signature verifies in the copy" \
	    gpg --batch --quiet --verify "$T/signed-sig" "$T/signed-data"
else
	skip "gpg is not installed: the signature check needs it"
fi

# The same post twice (a client's retry) goes out once (threat A3).
n0=$(sink_msgs)
post real/reply.eml info@lists.example.org amira@one.example
post real/reply.eml info@lists.example.org amira@one.example
mootd_once 2>/dev/null
is "$(sink_msgs)" "$n0" "a post sent again within the window is dropped"
id=$(last_id)
is "$(spool_state "$id")" discarded "as discarded"
like "$(spool_reason "$id")" "duplicate of" "naming the first copy"

# The same post with other line ends (the milter stores CRLF, a pipe LF)
# is the same post: it goes out once.
sed 's/$/\r/' "$MAILDIR/real/reply.eml" | sed 's/\r\r$/\r/' >"$T/reply-crlf.eml"
sed 's/\r$//' "$MAILDIR/real/reply.eml" | sed 's/^Message-ID: <\(.*\)>/Message-ID: <lf-\1>/' >"$T/reply-lf.eml"
sed 's/^Message-ID: <\(.*\)>/Message-ID: <lf-\1>/' "$T/reply-crlf.eml" >"$T/reply-crlf2.eml"
n0=$(sink_msgs)
post "$T/reply-lf.eml" info@lists.example.org amira@one.example
mootd_once 2>/dev/null
n1=$(sink_msgs)
ok "the post with LF line ends went out" test "$n1" -gt "$n0"
post "$T/reply-crlf2.eml" info@lists.example.org amira@one.example
mootd_once 2>/dev/null
is "$(sink_msgs)" "$n1" "the same post again with CRLF line ends does not go out again"
like "$(spool_reason "$(last_id)")" "duplicate of" "  it is the duplicate"

done_testing
