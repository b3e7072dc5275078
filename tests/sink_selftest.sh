#!/bin/bash
# TAP self-test for tests/lib/sink.py, the SMTP sink used by moot's
# integration tests.  Each check talks to a real sink on 127.0.0.1 with
# swaks or Python's smtplib / raw sockets, and compares what the client saw
# and what the sink wrote with exact expected values, so every check fails
# when the sink misbehaves.
#
# Usage: tests/sink_selftest.sh        (needs /usr/bin/python3 and swaks)

set -u

HERE=$(cd "$(dirname "$0")" && pwd)
SINK="$HERE/lib/sink.py"
PY=/usr/bin/python3
SWAKS=/usr/bin/swaks

T=$(mktemp -d /tmp/sink_selftest.XXXXXX)
SINK_PIDS=()        # every sink started, so the trap can stop them all
SLEEP_PID=

cleanup() {
    local p
    for p in "${SINK_PIDS[@]}"; do
        kill -TERM "$p" 2>/dev/null
    done
    [ -n "$SLEEP_PID" ] && kill -KILL "$SLEEP_PID" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

. "$HERE/lib/tap.sh"

# start_sink NAME [SINK OPTIONS...]: start a sink in $T/NAME, wait for its
# port file; sets D (its dir), PORT and SPID.  Returns 1 if it didn't come up.
start_sink() {
    local name=$1
    shift
    D=$T/$name
    mkdir -p "$D"
    "$PY" "$SINK" --dir "$D" --port-file "$D/port" --pid-file "$D/pid" "$@" \
        2>"$D/stderr" &
    SPID=$!
    SINK_PIDS+=("$SPID")
    local i
    for i in $(seq 100); do
        [ -s "$D/port" ] && break
        sleep 0.05
    done
    PORT=$(cat "$D/port" 2>/dev/null)
    [[ "$PORT" =~ ^[0-9]+$ ]]
}

# stop_sink: SIGTERM the current sink, wait for it; true if it exited 0.
stop_sink() {
    kill -TERM "$SPID" 2>/dev/null
    wait "$SPID"
}

# A small client library for the Python snippets below: raw sockets for
# exact control (pipelining, bad input), and expect() for diagnostics.
cat >"$T/sc.py" <<'EOF'
import os, socket, sys

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 0
DIR = sys.argv[2] if len(sys.argv) > 2 else "."

class Raw:
    """A raw SMTP client: send() bytes as they are, reply() reads one whole
    (possibly multi-line) reply and returns its lines, or None at EOF."""
    def __init__(self, port=PORT, greet=True):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.f = self.s.makefile("rb")
        if greet:
            expect(self.code() == 220, "no 220 greeting")
    def send(self, data):
        self.s.sendall(data)
    def reply(self):
        lines = []
        while True:
            try:
                l = self.f.readline()
            except ConnectionResetError:
                l = b""
            if not l:
                return None if not lines else lines
            lines.append(l.decode("latin-1").rstrip("\r\n"))
            if l[3:4] != b"-":
                return lines
    def code(self):
        r = self.reply()
        return None if r is None else int(r[-1][:3])
    def cmd(self, line):
        self.send(line + b"\r\n")
        return self.code()
    def close(self):
        self.s.close()

def expect(cond, msg):
    if not cond:
        print("# " + msg, file=sys.stderr)
        sys.exit(1)

def read(name):
    with open(os.path.join(DIR, name), "rb") as f:
        return f.read()

def files():
    return sorted(n for n in os.listdir(DIR) if n.endswith((".eml", ".env")))
EOF
export PYTHONPATH=$T

# py SCRIPT-ON-STDIN: run a Python check against the current sink.
# Its diagnostics go to fd 4, the test's real stderr (see the kill test).
exec 4>&2
py() {
    "$PY" - "$PORT" "$D" 2>&4
}

# ---------------------------------------------------------------------------
# 1. A plain sink: start-up, EHLO, a normal message with swaks.
# ---------------------------------------------------------------------------

ok "sink starts and writes its port file" start_sink main
ok "pid file holds the sink's pid" \
    test "$(cat "$D/pid" 2>/dev/null)" = "$SPID"

ok "greeting and EHLO extensions are as documented" py <<'EOF'
from sc import *
r = Raw(greet=False)
g = r.reply()
expect(g == ["220 sink.test ESMTP"], "greeting %r" % g)
r.send(b"EHLO client.test\r\n")
e = r.reply()
expect(e == ["250-sink.test", "250-PIPELINING", "250-8BITMIME",
             "250-ENHANCEDSTATUSCODES", "250 SIZE 104857600"], "EHLO %r" % e)
expect(r.cmd(b"HELO client.test") == 250, "HELO not 250")
expect(r.cmd(b"QUIT") == 221, "QUIT not 221")
EOF

# swaks converts the file's LF to CRLF and dot-stuffs; no trailing newline,
# so that what the sink stores is exactly the CRLF version of the file.
printf 'From: a@x.test\nSubject: two rcpts\n\nHello \xe9 8-bit\n.leading dot\nend' \
    >"$T/msg1"
ok "swaks delivers a message to two recipients" \
    "$SWAKS" --server "127.0.0.1:$PORT" --ehlo client.test \
    --from a@x.test --to b@y.test,c@z.test --data "@$T/msg1" \
    --silent 2

printf 'From: a@x.test\r\nSubject: two rcpts\r\n\r\nHello \xe9 8-bit\r\n.leading dot\r\nend\r\n' \
    >"$T/exp1"
ok "000001.eml holds the exact body bytes" cmp -s "$T/exp1" "$D/000001.eml"

printf 'MAIL FROM:<a@x.test>\nRCPT TO:<b@y.test>\nRCPT TO:<c@z.test>\n' \
    >"$T/env1"
ok "000001.env holds MAIL FROM and both RCPT lines" \
    cmp -s "$T/env1" "$D/000001.env"
ok "rcpts file counts 2" test "$(cat "$D/rcpts")" = 2
ok "sink.log records the transaction" py <<'EOF'
from sc import *
log = read("sink.log").decode("ascii")
for want in ["[conn 2] open peer=127.0.0.1:", "[conn 2] <<< MAIL FROM:<a@x.test>",
             "[conn 2] >>> 250 2.0.0 Ok: queued as 000001",
             "[conn 2] stored 000001 (", "[conn 2] close (quit)"]:
    expect(want in log, "log lacks %r" % want)
EOF

# ---------------------------------------------------------------------------
# 2. Data handling: dot-stuffing, bare LF, 8-bit and NUL bytes.
# ---------------------------------------------------------------------------

ok "dot-stuffing is undone (smtplib)" py <<'EOF'
from sc import *
import smtplib
body = b"Subject: dots\r\n\r\n.\r\n..\r\n.x\r\n..y\r\nz.\r\n"
s = smtplib.SMTP("127.0.0.1", PORT, timeout=10)
s.sendmail("d@x.test", ["e@y.test"], body)      # smtplib dot-stuffs
s.quit()
expect(read("000002.eml") == body, "stored %r" % read("000002.eml"))
EOF

ok "raw data: only CRLF.CRLF ends it; stuffing, 8-bit, NUL kept right" py <<'EOF'
from sc import *
r = Raw()
for c in (b"EHLO c", b"MAIL FROM:<f@x.test>", b"RCPT TO:<g@y.test>"):
    expect(r.cmd(c) == 250, c.decode())
expect(r.cmd(b"DATA") == 354, "DATA")
# ".\n" (bare LF) and "\n.\r\n" are smuggling attempts: data, not the end.
# "..a" is unstuffed to ".a"; "x\n..b" is not after a CRLF, so kept as is.
sent = b"A: b\r\n\r\nq\r\n.\nMAIL FROM:<evil>\r\nx\n.\r\n..a\r\nx\n..b\r\n\x00\xff\x80\r\n.\r\n"
r.send(sent)
expect(r.code() == 250, "end of data not 250")
want = b"A: b\r\n\r\nq\r\n\nMAIL FROM:<evil>\r\nx\n.\r\n.a\r\nx\n..b\r\n\x00\xff\x80\r\n"
got = read("000003.eml")
expect(got == want, "stored %r" % got)
expect(r.cmd(b"QUIT") == 221, "QUIT")
EOF

ok "bad input: 502, 503, 554, 501, 500 for a long line, and logs stay ASCII" py <<'EOF'
from sc import *
r = Raw()
expect(r.cmd(b"MAIL FROM:<a@x.test>") == 503, "MAIL before EHLO not 503")
expect(r.cmd(b"VRFY root") == 502, "VRFY not 502")
expect(r.cmd(b"STARTTLS") == 502, "STARTTLS not 502")
expect(r.cmd(b"HELO c") == 250, "HELO")
expect(r.cmd(b"RCPT TO:<a@x.test>") == 503, "RCPT before MAIL not 503")
expect(r.cmd(b"DATA") == 503, "DATA before MAIL not 503")
expect(r.cmd(b"MAIL FROM:a@x.test") == 501, "MAIL without <> not 501")
expect(r.cmd(b"MAIL FROM:<a@x.test> SMTPUTF8") == 555, "SMTPUTF8 not 555")
expect(r.cmd(b"MAIL FROM:<>") == 250, "null sender not 250")
expect(r.cmd(b"MAIL FROM:<a@x.test>") == 503, "nested MAIL not 503")
expect(r.cmd(b"DATA") == 554, "DATA without rcpt not 554")
expect(r.cmd(b"RSET") == 250, "RSET")
expect(r.cmd(b"NOOP") == 250, "NOOP")
expect(r.cmd(b"X" * 5000) == 500, "long line not 500")
expect(r.cmd(b"NOOP \x00\xff\x1b") == 250, "NOOP after long line")
expect(r.cmd(b"QUIT") == 221, "QUIT")
log = read("sink.log")
expect(all(32 <= c < 127 or c == 10 for c in log), "log has non-text bytes")
expect(b"<<< NOOP \\x00\\xff\\x1b" in log, "escaped bytes not logged")
expect(b">>> 500 5.5.2 line too long" in log, "500 not logged")
EOF

# ---------------------------------------------------------------------------
# 3. Pipelining and concurrency.
# ---------------------------------------------------------------------------

ok "pipelined MAIL, RCPT, RCPT, DATA in one write get replies in order" py <<'EOF'
from sc import *
r = Raw()
expect(r.cmd(b"EHLO c") == 250, "EHLO")
r.send(b"MAIL FROM:<p@x.test>\r\nRCPT TO:<q@y.test>\r\n"
       b"RCPT TO:<bad-syntax>x\r\nRCPT TO:<r@y.test>\r\nDATA\r\n")
got = [r.reply() for _ in range(5)]
codes = [l[-1][:3] for l in got]
expect(codes == ["250", "250", "501", "250", "354"], "replies %r" % got)
expect("2.1.0" in got[0][0] and "2.1.5" in got[1][0], "wrong order %r" % got)
r.send(b"Subject: p\r\n\r\npipelined\r\n.\r\n")
expect(r.code() == 250, "end of data")
expect(read("000004.env") == b"MAIL FROM:<p@x.test>\nRCPT TO:<q@y.test>\n"
       b"RCPT TO:<r@y.test>\n", "env %r" % read("000004.env"))
EOF

ok "a whole session in one write, data and QUIT included, loses nothing" py <<'EOF'
from sc import *
r = Raw(greet=False)
r.send(b"EHLO c\nMAIL FROM:<w@x.test> SIZE=40\r\nRCPT TO:<v@y.test>\r\nDATA\r\n"
       b"Subject: w\r\n\r\nwhole\r\n.\r\nNOOP\r\nQUIT\r\n")
got = []
while True:
    rep = r.reply()
    if rep is None:
        break
    got.append(rep[-1][:3])
expect(got == ["220", "250", "250", "250", "354", "250", "250", "221"],
       "replies %r" % got)
expect(read("000005.eml") == b"Subject: w\r\n\r\nwhole\r\n", "eml")
expect(read("000005.env").startswith(b"MAIL FROM:<w@x.test> SIZE=40\n"), "env")
EOF

# All 8 are in the middle of a transaction at once: each waits at the
# barrier after its RCPT until the other 7 are there too.  A sink that
# served one connection at a time would never greet the second, and the
# barrier would break: no stopwatch needed, so a slow machine passes.
ok "8 concurrent clients: 8 numbered messages, each env matching its eml" py <<'EOF'
from sc import *
import smtplib, threading
errors = []
together = threading.Barrier(8, timeout=30)
def send(i):
    try:
        s = smtplib.SMTP("127.0.0.1", PORT, timeout=30)
        s.ehlo("c%d" % i)
        s.mail("c%d@x.test" % i)
        s.rcpt("r%d@y.test" % i)
        together.wait()
        s.data(b"Subject: c%d\r\n\r\nbody %d\r\n" % (i, i))
        s.quit()
    except threading.BrokenBarrierError:
        errors.append("connections were served one at a time")
    except Exception as e:
        together.abort()
        errors.append(repr(e))
ts = [threading.Thread(target=send, args=(i,)) for i in range(8)]
for t in ts: t.start()
for t in ts: t.join()
expect(not errors, "errors %r" % errors)
seen = set()
for n in range(6, 14):
    eml, env = read("%06d.eml" % n), read("%06d.env" % n)
    i = int(eml.split(b"body ")[1])
    expect(env == b"MAIL FROM:<c%d@x.test>\nRCPT TO:<r%d@y.test>\n" % (i, i),
           "env %d %r" % (n, env))
    seen.add(i)
expect(seen == set(range(8)), "messages %r" % seen)
expect(len(files()) == 26, "files %r" % files())
expect(read("rcpts") == b"15\n", "rcpts %r" % read("rcpts"))
EOF

# The point is that an idle client cannot hold the sink open until its
# 300 s idle timeout; a minute is a hang guard, not a bound on speed.
ok "SIGTERM stops the sink with status 0, an idle client open" py <<'EOF'
from sc import *
import signal, subprocess, time
r = Raw()                 # an idle connection must not delay the exit
pid = int(read("pid"))
def running():
    # bash reaps its dead children on its own, so "gone" counts as exited.
    try:
        stat = open("/proc/%d/stat" % pid).read()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
t0 = time.time()
os.kill(pid, signal.SIGTERM)
while running():
    expect(time.time() - t0 < 60, "still running after 60 s")
    time.sleep(0.02)
expect(b"[main] stopped" in read("sink.log"), "no 'stopped' in log")
EOF
ok "... and its exit status is 0" stop_sink

# ---------------------------------------------------------------------------
# 4. Fault modes.
# ---------------------------------------------------------------------------

start_sink tempfail --tempfail-first 1
ok "--tempfail-first 1: first message 451 at end of data, second 250" py <<'EOF'
from sc import *
import smtplib
s = smtplib.SMTP("127.0.0.1", PORT, timeout=10)
try:
    s.sendmail("a@x.test", ["b@y.test"], b"Subject: 1\r\n\r\nfirst\r\n")
    expect(False, "first message accepted")
except smtplib.SMTPDataError as e:
    expect(e.smtp_code == 451 and e.smtp_error.startswith(b"4.3.0"), repr(e))
s.sendmail("a@x.test", ["b@y.test"], b"Subject: 2\r\n\r\nsecond\r\n")
s.quit()
expect(files() == ["000001.eml", "000001.env"], "files %r" % files())
expect(read("000001.eml") == b"Subject: 2\r\n\r\nsecond\r\n", "wrong message")
expect(b">>> 451 4.3.0 sink: try again later" in read("sink.log"), "log")
EOF
stop_sink

start_sink tf_mail --tempfail-first 1 --tempfail-at mail
ok "--tempfail-at mail: first MAIL 451, next MAIL 250" py <<'EOF'
from sc import *
r = Raw()
expect(r.cmd(b"EHLO c") == 250, "EHLO")
expect(r.cmd(b"MAIL FROM:<a@x.test>") == 451, "first MAIL not 451")
expect(r.cmd(b"RCPT TO:<b@y.test>") == 503, "RCPT after refused MAIL not 503")
expect(r.cmd(b"MAIL FROM:<a@x.test>") == 250, "second MAIL not 250")
EOF
stop_sink

start_sink tf_rcpt --tempfail-first 1 --tempfail-at rcpt
ok "--tempfail-at rcpt: every RCPT of the first transaction 451, DATA 554" py <<'EOF'
from sc import *
r = Raw()
expect(r.cmd(b"EHLO c") == 250, "EHLO")
expect(r.cmd(b"MAIL FROM:<a@x.test>") == 250, "MAIL")
expect(r.cmd(b"RCPT TO:<b@y.test>") == 451, "RCPT 1 not 451")
expect(r.cmd(b"RCPT TO:<c@y.test>") == 451, "RCPT 2 not 451")
expect(r.cmd(b"DATA") == 554, "DATA not 554")
expect(r.cmd(b"RSET") == 250, "RSET")
expect(r.cmd(b"MAIL FROM:<a@x.test>") == 250, "MAIL 2")
expect(r.cmd(b"RCPT TO:<b@y.test>") == 250, "RCPT in 2nd transaction not 250")
EOF
stop_sink

start_sink tf_data --tempfail-first 1 --tempfail-at data
ok "--tempfail-at data: DATA 451, the next transaction is stored" py <<'EOF'
from sc import *
r = Raw()
expect(r.cmd(b"EHLO c") == 250, "EHLO")
expect(r.cmd(b"MAIL FROM:<a@x.test>") == 250, "MAIL")
expect(r.cmd(b"RCPT TO:<b@y.test>") == 250, "RCPT")
expect(r.cmd(b"DATA") == 451, "DATA not 451")
expect(r.cmd(b"MAIL FROM:<a@x.test>") == 250, "MAIL 2")
expect(r.cmd(b"RCPT TO:<b@y.test>") == 250, "RCPT 2")
expect(r.cmd(b"DATA") == 354, "DATA 2 not 354")
expect(r.cmd(b"x\r\n.") == 250, "end of data")
expect(files() == ["000001.eml", "000001.env"], "files %r" % files())
EOF
stop_sink

start_sink limit --rcpt-limit 2
ok "--rcpt-limit 2: third RCPT 452, message stored for two" py <<'EOF'
from sc import *
import smtplib
s = smtplib.SMTP("127.0.0.1", PORT, timeout=10)
refused = s.sendmail("a@x.test", ["r1@y.test", "r2@y.test", "r3@y.test"],
                     b"Subject: l\r\n\r\nlimit\r\n")
expect(list(refused) == ["r3@y.test"] and refused["r3@y.test"][0] == 452
       and refused["r3@y.test"][1].startswith(b"4.5.3"), "refused %r" % refused)
# smtplib adds "size=N" (lower case): the env keeps it exactly as given.
expect(read("000001.env") == b"MAIL FROM:<a@x.test> size=21\nRCPT TO:<r1@y.test>\n"
       b"RCPT TO:<r2@y.test>\n", "env %r" % read("000001.env"))
# The limit is per transaction: the next one gets its own two.
refused = s.sendmail("a@x.test", ["r4@y.test", "r5@y.test"], b"x\r\n")
expect(refused == {}, "second transaction refused %r" % refused)
s.quit()
expect(b">>> 452 4.5.3 too many recipients" in read("sink.log"), "log")
EOF
stop_sink

start_sink reject --reject-rcpt bad --reject-rcpt worse --defer-rcpt busy
ok "--reject-rcpt gives 550, --defer-rcpt 450, others accepted" py <<'EOF'
from sc import *
r = Raw()
expect(r.cmd(b"EHLO c") == 250, "EHLO")
expect(r.cmd(b"MAIL FROM:<a@x.test>") == 250, "MAIL")
r.send(b"RCPT TO:<bad@y.test>\r\n")
expect(r.reply() == ["550 5.1.1 sink: no such user"], "bad not 550")
expect(r.cmd(b"RCPT TO:<x@worse.test>") == 550, "second substring not 550")
r.send(b"RCPT TO:<busy@y.test>\r\n")
expect(r.reply() == ["450 4.2.1 sink: mailbox busy"], "busy not 450")
expect(r.cmd(b"RCPT TO:<good@y.test>") == 250, "good not 250")
expect(r.cmd(b"DATA") == 354, "DATA")
expect(r.cmd(b"x\r\n.") == 250, "end of data")
expect(read("000001.env") == b"MAIL FROM:<a@x.test>\nRCPT TO:<good@y.test>\n",
       "env %r" % read("000001.env"))
expect(read("rcpts") == b"1\n", "rcpts %r" % read("rcpts"))
EOF
ok "swaks sees 550 for a rejected sole recipient" bash -c \
    "'$SWAKS' --server 127.0.0.1:$PORT --from a@x.test --to bad@y.test \
     --quit-after RCPT 2>&1 | grep -q '<\*\* *550 5.1.1 sink: no such user'"
stop_sink

start_sink drop --drop-in-data 1
ok "--drop-in-data 1: 354, then the connection is closed with no reply" py <<'EOF'
from sc import *
import time
r = Raw()
expect(r.cmd(b"EHLO c") == 250, "EHLO")
expect(r.cmd(b"MAIL FROM:<a@x.test>") == 250, "MAIL")
expect(r.cmd(b"RCPT TO:<b@y.test>") == 250, "RCPT")
expect(r.cmd(b"DATA") == 354, "DATA not 354")
try:
    r.send(b"Subject: lost\r\n\r\nlost\r\n.\r\n")
except OSError:
    pass
expect(r.reply() is None, "got a reply after the drop")
time.sleep(0.1)
expect(files() == [], "something stored: %r" % files())
expect(b"drop after 354" in read("sink.log"), "drop not logged")
EOF
ok "... and only the first transaction is dropped" py <<'EOF'
from sc import *
import smtplib
s = smtplib.SMTP("127.0.0.1", PORT, timeout=10)
s.sendmail("a@x.test", ["b@y.test"], b"Subject: kept\r\n\r\nkept\r\n")
s.quit()
expect(read("000001.eml") == b"Subject: kept\r\n\r\nkept\r\n", "not stored")
EOF
stop_sink

# The victim is a child of this shell, so after SIGKILL it is a zombie until
# bash reaps it: look at its state, then collect its status with wait.  The
# shell's own stderr is muted meanwhile, or bash prints "Killed sleep 60".
exec 2>/dev/null
sleep 60 &
SLEEP_PID=$!
echo "$SLEEP_PID" >"$T/victim.pid"
start_sink kill --kill-after-rcpts 3 --kill-pid-file "$T/victim.pid"
alive() {
    [ -e "/proc/$SLEEP_PID" ] && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$SLEEP_PID/stat"
}
ok "--kill-after-rcpts 3: victim alive after 2 accepted RCPTs" py <<'EOF'
from sc import *
r = Raw()
expect(r.cmd(b"EHLO c") == 250, "EHLO")
expect(r.cmd(b"MAIL FROM:<a@x.test>") == 250, "MAIL")
expect(r.cmd(b"RCPT TO:<b@y.test>") == 250, "RCPT 1")
expect(r.cmd(b"RCPT TO:<c@y.test>") == 250, "RCPT 2")
EOF
ok "... (victim still running)" alive
ok "... third RCPT gets 250 and the victim is SIGKILLed" py <<'EOF'
from sc import *
import time
r = Raw()
expect(r.cmd(b"EHLO c") == 250, "EHLO")
expect(r.cmd(b"MAIL FROM:<a@x.test>") == 250, "MAIL")
expect(r.cmd(b"RCPT TO:<d@y.test>") == 250, "RCPT 3 not 250")
pid = int(open(os.path.join(DIR, "..", "victim.pid")).read())
t0 = time.time()
def running():
    # bash reaps its dead children on its own, so "gone" counts as dead too.
    try:
        stat = open("/proc/%d/stat" % pid).read()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
while running():
    expect(time.time() - t0 < 60, "victim not killed")  # a hang guard
    time.sleep(0.02)
expect(b"kill pid %d" % pid in read("sink.log"), "kill not logged")
expect(read("rcpts") == b"3\n", "rcpts %r" % read("rcpts"))
EOF
wait "$SLEEP_PID" 2>/dev/null
ok "... victim's status says SIGKILL (137)" test $? = 137
SLEEP_PID=
exec 2>&4
stop_sink

start_sink run --run-after-rcpts 2 --run-cmd "cat '$T/run/rcpts' >'$T/ran'"
ok "--run-after-rcpts 2: run once, at the second RCPT, before its 250" py <<'EOF'
from sc import *
ran = os.path.join(DIR, "..", "ran")
r = Raw()
expect(r.cmd(b"EHLO c") == 250, "EHLO")
expect(r.cmd(b"MAIL FROM:<a@x.test>") == 250, "MAIL")
expect(r.cmd(b"RCPT TO:<b@y.test>") == 250, "RCPT 1")
expect(not os.path.exists(ran), "ran too early")
expect(r.cmd(b"RCPT TO:<c@y.test>") == 250, "RCPT 2")
expect(open(ran).read() == "2\n", "not run at the second")
os.unlink(ran)
expect(r.cmd(b"RCPT TO:<d@y.test>") == 250, "RCPT 3")
expect(not os.path.exists(ran), "run twice")
expect(b"ran " in read("sink.log"), "not logged")
EOF
stop_sink

start_sink plain --no-pipelining --no-8bitmime
ok "--no-pipelining --no-8bitmime: not offered, BODY=8BITMIME refused" py <<'EOF'
from sc import *
r = Raw()
r.send(b"EHLO c\r\n")
e = r.reply()
expect(e == ["250-sink.test", "250-ENHANCEDSTATUSCODES", "250 SIZE 104857600"],
       "EHLO %r" % e)
expect(r.cmd(b"MAIL FROM:<a@x.test> BODY=8BITMIME") == 555, "8BITMIME not 555")
expect(r.cmd(b"MAIL FROM:<a@x.test> BODY=7BIT") == 250, "7BIT not 250")
expect(r.cmd(b"RCPT TO:<b@y.test> NOTIFY=NEVER") == 555, "RCPT param not 555")
EOF
stop_sink

ok "bad arguments are refused with status 2" bash -c \
    "'$PY' '$SINK' --dir '$T' --kill-after-rcpts 1 2>/dev/null; test \$? = 2"

# Compile into the temp dir so no __pycache__ is left in the source tree.
ok "sink.py compiles" "$PY" -c \
    "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)" \
    "$SINK" "$T/sink.pyc"

done_testing
