#!/usr/bin/python3
"""approval.py [N] - from a moderator's "approve" to the first copy at the relay

A site in a temporary folder: a moderated list of N members (default
10,000), the relay a real SMTP server on 127.0.0.1 (tests/lib/sink.py,
which keeps every message it takes), and a mootd daemon woken by `moot
inject` as in production.  Five times: a stranger's post is held, the
moderator on duty's request arrives at the relay, then the clock starts,
`moot inject` takes the moderator's reply "approve" (To: the request's
Reply-To), and the clock stops when the relay holds the first member's
copy.  Prints one line per run and a median line:

  approval N=10000 runs=5 stat=median first_copy_ms=...

Settings: MOOT_BENCH_BIN (default build/), RUNS (default 5).  Network
traffic goes to 127.0.0.1 only.  Needs python3 and sqlite3 (Python's).
"""
import glob
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("MOOT_BENCH_BIN", os.path.join(TOP, "build"))
RUNS = int(os.environ.get("RUNS", "5"))
MOD = "mod@one.example"


def wait_for(what, pred, limit_s=60.0):
    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        got = pred()
        if got:
            return got
        time.sleep(0.001)
    sys.exit("approval.py: timed out waiting for " + what)


class Sink:
    """The sink's messages in the order it stored them (000001.env, ...),
    read once each, so that waiting costs the same on the fifth run as
    on the first."""

    def __init__(self, folder):
        self.folder = folder
        self.next = 1

    def wait_to(self, prefix):
        """The .eml of the next message with a recipient starting with
        prefix; None if it has not come yet (call again)."""
        while True:
            env = os.path.join(self.folder, "%06d.env" % self.next)
            if not os.path.exists(env):
                return None
            self.next += 1
            with open(env) as f:
                if any(l.startswith("RCPT TO:<" + prefix) for l in f):
                    return env[:-4] + ".eml"


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    w = tempfile.mkdtemp(prefix="moot-approval.")
    procs = []
    try:
        sink = os.path.join(w, "sink")
        os.mkdir(sink)
        procs.append(subprocess.Popen(
            [sys.executable, os.path.join(TOP, "tests/lib/sink.py"), "--dir",
             sink, "--port-file", os.path.join(sink, "port")]))
        port = wait_for("the sink", lambda: os.path.exists(os.path.join(sink, "port"))
                        and open(os.path.join(sink, "port")).read().strip())
        # DMARC lookups: a local server that answers "no such name", so
        # nothing leaves 127.0.0.1
        dnsport = os.path.join(w, "dns.port")
        procs.append(subprocess.Popen(
            [sys.executable, os.path.join(TOP, "tests/lib/dns_nxdomain.py"), dnsport]))
        dport = wait_for("the DNS stub", lambda: os.path.exists(dnsport)
                         and open(dnsport).read().strip())
        conf = os.path.join(w, "moot.conf")
        with open(conf, "w") as f:
            f.write(f"[moot]\ndomain = example.org\ntemplates = {TOP}/templates\n"
                    f"[relay]\nhost = 127.0.0.1\nport = {port}\n"
                    f"[mootd]\npoll = 60s\n[dns]\nserver = 127.0.0.1:{dport}\n")

        def moot(*args, stdin=None):
            return subprocess.run([os.path.join(BIN, "moot"), "-c", conf, *args],
                                  input=stdin, capture_output=True, check=True).stdout

        moot("init")
        moot("list", "create", "info", "--moderated")
        moot("member", "add", "info", MOD, "--role", "moderator")
        db = sqlite3.connect(os.path.join(w, "var", "moot.db"))
        lid = db.execute("SELECT id FROM list WHERE name = 'info'").fetchone()[0]
        db.executemany("INSERT INTO member (list_id, addr, created_at) VALUES (?, ?, ?)",
                       ((lid, "user%06d@example.org" % i, int(time.time()))
                        for i in range(1, n + 1)))
        db.commit()
        db.close()
        log = open(os.path.join(w, "mootd.log"), "w")
        procs.append(subprocess.Popen([os.path.join(BIN, "mootd"), "-c", conf, "-f"],
                                      stderr=log))
        wait_for("mootd", lambda: os.path.exists(os.path.join(w, "var", "mootd.sock")))
        times = []
        relay = Sink(sink)
        for run in range(1, RUNS + 1):
            post = (f"From: stranger@x.example\nTo: info@example.org\nSubject: Post {run}\n"
                    f"Message-ID: <approval-{run}@x.example>\n\nText of post {run}.\n")
            moot("inject", "--to", "info@example.org", "--from", "stranger@x.example",
                 stdin=post.encode())
            req = wait_for("the moderation request", lambda: relay.wait_to(MOD))
            addr = re.search(r"^Reply-To: .*?<?([a-z0-9-]+-moderate\+[a-z2-7]+@example\.org)",
                             open(req).read(), re.M).group(1)
            reply = f"From: {MOD}\nTo: {addr}\nSubject: Re: request\n\napprove\n"
            t0 = time.monotonic()
            moot("inject", "--to", addr, "--from", MOD, stdin=reply.encode())
            wait_for("the first copy", lambda: relay.wait_to("user"))
            ms = (time.monotonic() - t0) * 1000
            times.append(ms)
            print(f"approval N={n} run={run} first_copy_ms={ms:.1f}", flush=True)
            # the whole post out before the next run, and past its copies
            wait_for("the post", lambda: b"state: sent" in moot("spool", "show", str(run * 2 - 1)),
                     600)
            relay.next = len(glob.glob(os.path.join(sink, "*.env"))) + 1
        print(f"approval N={n} runs={RUNS} stat=median "
              f"first_copy_ms={statistics.median(times):.1f}")
    finally:
        for p in procs:
            p.terminate()
            p.wait()
        if os.environ.get("KEEP_TMP") != "1":
            shutil.rmtree(w, ignore_errors=True)


if __name__ == "__main__":
    main()
