#!/usr/bin/python3
"""sink.py - a small real SMTP server that receives what moot sends.

It is used by moot's integration tests as the "sink": moot relays to it,
and the tests look at the files it writes.  It listens on 127.0.0.1 only
and uses nothing but the Python 3.11 standard library (no smtpd/asyncore,
both of which are gone or deprecated), so it runs as /usr/bin/python3.

Usage:
    sink.py --dir DIR [--port N] [--port-file FILE] [--pid-file FILE]
            [--tempfail-first N] [--tempfail-at mail|rcpt|data|eod]
            [--rcpt-limit N] [--drop-in-data N]
            [--reject-rcpt SUBSTR]... [--defer-rcpt SUBSTR]...
            [--kill-after-rcpts N --kill-pid-file FILE]
            [--run-after-rcpts N --run-cmd CMD]
            [--no-pipelining] [--no-8bitmime]

Options:
  --dir DIR             Directory for everything the sink writes (must
                        exist).  See "Files" below.
  --port N              TCP port to listen on, on 127.0.0.1 only.  Default 0:
                        the kernel picks a free port (use --port-file).
  --port-file FILE      Once listening, write the port number (decimal and a
                        newline) to FILE, atomically (temp file + rename), so
                        a test that sees FILE can read the whole number.
  --pid-file FILE       Write the sink's own pid to FILE (atomically too).
  --tempfail-first N    Refuse the first N transactions (counted across all
                        connections) with "451 4.3.0 sink: try again later"
                        at the point named by --tempfail-at.  A transaction
                        counts once, when it reaches that point.
  --tempfail-at WHERE   Where --tempfail-first strikes (default eod):
                          mail  the MAIL FROM command gets 451;
                          rcpt  every RCPT of the transaction gets 451 (so a
                                following DATA gets 554 no valid recipients);
                          data  the DATA command gets 451 (the transaction
                                is then abandoned, as after RSET);
                          eod   the whole message is read, then 451 is sent
                                instead of 250 and nothing is stored.
  --rcpt-limit N        In each transaction, once N recipients have been
                        accepted, further RCPTs get
                        "452 4.5.3 too many recipients".
  --drop-in-data N      For the first N transactions that get a 354 reply to
                        DATA (across all connections), send the 354 and then
                        close the connection at once, without reading the
                        data or replying: a relay that drops mid-DATA.
  --reject-rcpt SUBSTR  (repeatable) A RCPT whose address contains SUBSTR
                        gets "550 5.1.1 sink: no such user".
  --defer-rcpt SUBSTR   (repeatable) A RCPT whose address contains SUBSTR
                        gets "450 4.2.1 sink: mailbox busy".
  --kill-after-rcpts N  When the count of accepted RCPTs (across all
                        connections) reaches N, read a pid from
                        --kill-pid-file and send it SIGKILL, once, right
                        after the 250 for that RCPT has been written.  Used
                        to crash the client at a known point.
  --kill-pid-file FILE  File holding the pid for --kill-after-rcpts (read at
                        the moment of the kill, not at start-up).  Both
                        options must be given together.
  --run-after-rcpts N   When the count of accepted RCPTs (across all
                        connections) reaches N, run --run-cmd once with
                        /bin/sh and wait for it before the 250 for that RCPT
                        is written: another process that writes while the
                        client is in the middle of a delivery, at a known
                        point.  Its exit status and output go to sink.log
                        and stderr.
  --run-cmd CMD         The shell command line for --run-after-rcpts; both
                        options must be given together.
  --no-pipelining       Do not offer PIPELINING in the EHLO reply.
  --no-8bitmime         Do not offer 8BITMIME in the EHLO reply (and refuse
                        MAIL ... BODY=8BITMIME with 555).

Protocol:
  Greeting "220 sink.test ESMTP".  EHLO offers PIPELINING, 8BITMIME,
  ENHANCEDSTATUSCODES and SIZE 104857600 (never SMTPUTF8, DSN, AUTH or
  STARTTLS).  Commands: HELO, EHLO, MAIL FROM (parameters BODY=7BIT,
  BODY=8BITMIME, SIZE=n; others get 555), RCPT TO (no parameters), DATA,
  RSET, NOOP, QUIT.  Anything else gets "502 5.5.2 command not recognised";
  commands out of sequence (MAIL before HELO/EHLO, MAIL inside a transaction,
  RCPT or DATA without MAIL) get 503.  Command lines end in CRLF or bare LF
  and may be at most 4096 bytes including the line end (longer: 500).
  Pipelined commands are read from a buffered reader and answered in order.
  Connections idle for 300 s get 421 and are closed.

  DATA: lines are CRLF-terminated; the data ends at a line that is exactly
  ".\\r\\n" following a CRLF (RFC 5321 CRLF.CRLF).  A bare-LF ".\\n", or a
  "." after a bare LF or bare CR, is ordinary data, so smuggling attempts are
  stored and visible to tests.  Dot-stuffing is undone: a line (start of
  data, or after CRLF) that begins with "." loses that first ".".  All other
  bytes are kept exactly (CRLF, 8-bit, NUL).  Messages over 100 MiB are read
  to the end and refused with 552.

Files written in DIR:
  NNNNNN.eml  The message of each transaction that got 250 after DATA,
              dot-unstuffed, numbered from 000001 in order of completion
              across all connections.
  NNNNNN.env  Its envelope: "MAIL FROM:<addr>" followed by the MAIL
              parameters exactly as given (if any, after one space), then
              one "RCPT TO:<addr>" line per accepted recipient, in order;
              LF line ends.  The .eml is written first and the .env last,
              each via a temp file (".NNNNNN.*.tmp") and rename, so a test
              that sees the .env knows the .eml is complete.
  rcpts       The count of accepted RCPTs over all connections (decimal and
              a newline), rewritten atomically after each accepted RCPT and
              before its 250 is sent.
  early       The count of commands (over all connections) that had
              already arrived when the reply to the command before them
              was sent: a pipelining client's, as it writes without
              waiting (decimal and a newline, rewritten atomically).
  sink.log    One line per event, flushed at once, ASCII only (client bytes
              are decoded as latin-1 and anything not printable is written
              as \\xNN).  Formats, where C is the connection number:
                HH:MM:SS.mmm [conn C] open peer=127.0.0.1:PORT
                HH:MM:SS.mmm [conn C] <<< COMMAND LINE
                HH:MM:SS.mmm [conn C] >>> REPLY LINE   (one per reply line)
                HH:MM:SS.mmm [conn C] data BYTES bytes
                HH:MM:SS.mmm [conn C] stored NNNNNN (BYTES bytes, R rcpts)
                HH:MM:SS.mmm [conn C] drop after 354 (--drop-in-data)
                HH:MM:SS.mmm [conn C] kill pid P   (written just before
                                      the SIGKILL; "kill failed (...)" after
                                      it if the pid file or kill failed)
                HH:MM:SS.mmm [conn C] close (REASON)
                HH:MM:SS.mmm [main] listening on 127.0.0.1:PORT / stopping

Runs until SIGTERM or SIGINT, then exits 0 within about a second, after
finishing any file it is writing.  Exit status 2 for bad arguments.
"""

import argparse
import os
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time

MAX_LINE = 4096                 # command line limit, line end included
MAX_MESSAGE = 100 * 1024 * 1024  # 100 MiB, also announced as SIZE
DATA_CHUNK = 65536              # DATA is read in pieces of at most this
IDLE_TIMEOUT = 300              # seconds; so stuck clients don't pin threads

TEMPFAIL_REPLY = "451 4.3.0 sink: try again later"


# --------------------------------------------------------------------------
# Shared state.  Every counter is global across connections, so each one is
# only touched with its lock held.
# --------------------------------------------------------------------------

class State:
    def __init__(self, opts):
        self.opts = opts
        self.dir = opts.dir
        # Guards the counters below and the rcpts file.
        self.lock = threading.Lock()
        self.conn_count = 0       # connection numbers for the log
        self.tempfail_count = 0   # transactions that reached the tempfail point
        self.drop_count = 0       # transactions dropped after 354
        self.rcpt_count = 0       # accepted RCPTs, all connections
        self.early_count = 0      # commands read that came before a reply
        self.killed = False       # --kill-after-rcpts fires only once
        self.ran = False          # --run-after-rcpts likewise
        # Separate lock for storing messages: numbering and both files are
        # done under it so .env files appear in numeric order, and shutdown
        # takes it so that no half-written message is left behind.
        self.store_lock = threading.Lock()
        self.msg_count = 0
        # The log has its own lock so that lines from threads don't mix.
        self.log_lock = threading.Lock()
        self.log_file = open(os.path.join(self.dir, "sink.log"), "a",
                             encoding="ascii", errors="backslashreplace")

    def log(self, who, text):
        """Append one event line to sink.log and flush it at once, because
        tests read the log while the sink runs."""
        now = time.time()
        stamp = time.strftime("%H:%M:%S", time.localtime(now))
        stamp += ".%03d" % int((now % 1) * 1000)
        line = "%s [%s] %s\n" % (stamp, who, text)
        with self.log_lock:
            self.log_file.write(line)
            self.log_file.flush()


def printable(data):
    """Make client bytes safe for the log and stderr: decode as latin-1 (never
    fails) and escape everything that is not printable ASCII, so the log stays
    plain text whatever the client sends."""
    if isinstance(data, bytes):
        data = data.decode("latin-1")
    return "".join(c if 32 <= ord(c) < 127 else "\\x%02x" % ord(c)
                   for c in data)


def write_atomic(path, data):
    """Write data (bytes) to path via a temp file in the same directory and a
    rename, so a reader never sees a partial file."""
    head, tail = os.path.split(path)
    tmp = os.path.join(head, ".%s.%d.%d.tmp" % (tail, os.getpid(),
                                                threading.get_ident()))
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


# --------------------------------------------------------------------------
# Parsing helpers.
# --------------------------------------------------------------------------

def parse_path(arg, prefix):
    """Split 'FROM:<addr> params' into (addr, params).

    arg is the command line with the verb removed, as bytes.  prefix is
    b"FROM:" or b"TO:".  Returns None on a syntax error.  A space after the
    colon is tolerated (common in the wild), but the angle brackets are
    required, since RFC 5321 requires them and moot must send them.
    """
    if arg[:len(prefix)].upper() != prefix:
        return None
    rest = arg[len(prefix):].lstrip(b" ")
    if not rest.startswith(b"<"):
        return None
    end = rest.find(b">")
    if end < 0:
        return None
    addr = rest[1:end]
    params = rest[end + 1:]
    # Parameters must be separated from the path by a space.
    if params and not params.startswith(b" "):
        return None
    return addr, params.strip(b" ")


class Transaction:
    """One mail transaction: from MAIL to the end of DATA or RSET."""

    def __init__(self, sender, params):
        self.sender = sender      # bytes, without <>
        self.params = params      # bytes, exactly as given (stripped)
        self.rcpts = []           # accepted recipients, bytes, in order
        self.tempfailed = False   # --tempfail-at rcpt hit this transaction
        self.rcpt_checked = False  # tempfail decision at rcpt already made


# --------------------------------------------------------------------------
# The per-connection SMTP session.
# --------------------------------------------------------------------------

class CloseConnection(Exception):
    """Raised to end a session; the argument is the reason for the log."""


class SMTPHandler(socketserver.StreamRequestHandler):
    # StreamRequestHandler gives a buffered rfile: bytes that arrive together
    # with one command stay in the buffer for the next readline, which is
    # what makes pipelining work.  wbufsize 0 means every reply is sent at
    # once (sendall), so replies go out in order as they are produced.
    timeout = IDLE_TIMEOUT

    def setup(self):
        super().setup()
        self.state = self.server.state
        with self.state.lock:
            self.state.conn_count += 1
            self.who = "conn %d" % self.state.conn_count
        self.helo = False
        self.txn = None
        self.waiting = False      # bytes had come when we last replied

    def log(self, text):
        self.state.log(self.who, text)

    def reply(self, *lines):
        """Send a (possibly multi-line) reply; each item is one line like
        '250 2.0.0 Ok'.  Continuation dashes are added here."""
        out = []
        for i, line in enumerate(lines):
            if i < len(lines) - 1:
                line = line[:3] + "-" + line[4:]
            self.log(">>> " + line)
            out.append(line.encode("ascii") + b"\r\n")
        self.wfile.write(b"".join(out))
        self.waiting = self.buffered()

    def buffered(self):
        """Whether the client's next bytes have come already, without
        waiting for them: a non-blocking peek at the reader."""
        sock = self.connection
        old = sock.gettimeout()
        try:
            sock.setblocking(False)
            return len(self.rfile.peek(1)) > 0
        except (BlockingIOError, OSError, ValueError):
            return False
        finally:
            sock.settimeout(old)

    def handle(self):
        peer = "%s:%d" % self.client_address[:2]
        self.log("open peer=" + peer)
        reason = "?"
        try:
            self.reply("220 sink.test ESMTP")
            while True:
                self.one_command()
        except CloseConnection as e:
            reason = str(e)
        except socket.timeout:
            reason = "idle timeout"
            try:
                self.reply("421 4.4.2 sink: idle timeout")
            except OSError:
                pass
        except OSError as e:
            reason = "error: " + printable(str(e))
        self.log("close (%s)" % reason)

    # ---- reading -------------------------------------------------------

    def read_command(self):
        """Read one command line; return it without its line end, or None if
        it was too long.  Accepts CRLF or bare LF."""
        line = self.rfile.readline(MAX_LINE + 1)
        if not line:
            raise CloseConnection("peer closed")
        if len(line) > MAX_LINE or not line.endswith(b"\n"):
            if not line.endswith(b"\n") and len(line) <= MAX_LINE:
                # EOF in the middle of a line.
                raise CloseConnection("peer closed mid-line")
            # Too long: throw away the rest of the line, then say so.
            while not line.endswith(b"\n"):
                line = self.rfile.readline(DATA_CHUNK)
                if not line:
                    raise CloseConnection("peer closed")
            return None
        line = line[:-1]
        if line.endswith(b"\r"):
            line = line[:-1]
        return line

    def read_data(self):
        """Read the message after 354 up to CRLF.CRLF.  Returns the
        dot-unstuffed bytes, or None if it was over MAX_MESSAGE (then it was
        still read to the end, so the session stays in sync)."""
        parts = []
        size = 0
        too_big = False
        at_line_start = True   # start of data counts as after a CRLF
        prev = b""
        while True:
            # readline with a limit: long lines come in pieces, which is fine
            # because the dot rules only apply at the start of a line.
            raw = self.rfile.readline(DATA_CHUNK)
            if not raw:
                raise CloseConnection("peer closed in DATA")
            if at_line_start and raw == b".\r\n":
                break
            chunk = raw
            if at_line_start and chunk.startswith(b"."):
                chunk = chunk[1:]          # undo dot-stuffing
            # A new line starts only after a real CRLF; a CRLF may be split
            # across two pieces when a piece ended at the size limit.
            at_line_start = (raw.endswith(b"\r\n") or
                             (raw == b"\n" and prev.endswith(b"\r")))
            prev = raw
            size += len(chunk)
            if size > MAX_MESSAGE:
                too_big = True
                parts = []                 # stop holding memory
            if not too_big:
                parts.append(chunk)
        self.log("data %d bytes" % size)
        if too_big:
            return None
        return b"".join(parts)

    # ---- commands ------------------------------------------------------

    def one_command(self):
        line = self.read_command()
        if line is None:
            self.log("<<< (line over %d bytes)" % MAX_LINE)
            self.reply("500 5.5.2 line too long")
            return
        self.log("<<< " + printable(line))
        if self.waiting:
            self.waiting = False
            with self.state.lock:
                self.state.early_count += 1
                write_atomic(os.path.join(self.state.dir, "early"),
                             b"%d\n" % self.state.early_count)
        verb, _, arg = line.partition(b" ")
        verb = verb.upper()
        handler = {
            b"EHLO": self.cmd_ehlo, b"HELO": self.cmd_helo,
            b"MAIL": self.cmd_mail, b"RCPT": self.cmd_rcpt,
            b"DATA": self.cmd_data, b"RSET": self.cmd_rset,
            b"NOOP": self.cmd_noop, b"QUIT": self.cmd_quit,
        }.get(verb)
        if handler is None:
            self.reply("502 5.5.2 command not recognised")
            return
        handler(arg.strip(b" "))

    def cmd_ehlo(self, arg):
        if not arg:
            self.reply("501 5.5.4 EHLO needs a domain")
            return
        self.helo = True
        self.txn = None           # EHLO resets any transaction (RFC 5321)
        lines = ["250 sink.test"]
        if not self.state.opts.no_pipelining:
            lines.append("250 PIPELINING")
        if not self.state.opts.no_8bitmime:
            lines.append("250 8BITMIME")
        lines.append("250 ENHANCEDSTATUSCODES")
        lines.append("250 SIZE %d" % MAX_MESSAGE)
        self.reply(*lines)

    def cmd_helo(self, arg):
        if not arg:
            self.reply("501 5.5.4 HELO needs a domain")
            return
        self.helo = True
        self.txn = None
        self.reply("250 sink.test")

    def cmd_mail(self, arg):
        if not self.helo or self.txn is not None:
            self.reply("503 5.5.1 bad sequence of commands")
            return
        parsed = parse_path(arg, b"FROM:")
        if parsed is None:
            self.reply("501 5.5.4 syntax: MAIL FROM:<address>")
            return
        sender, params = parsed
        # Check the parameters, so tests notice if moot sends one that was
        # not offered (e.g. SMTPUTF8, or BODY=8BITMIME with --no-8bitmime).
        for p in params.split():
            key, _, value = p.partition(b"=")
            key = key.upper()
            if key == b"BODY" and value.upper() == b"7BIT":
                continue
            if (key == b"BODY" and value.upper() == b"8BITMIME"
                    and not self.state.opts.no_8bitmime):
                continue
            if key == b"SIZE" and value.isdigit():
                if int(value) > MAX_MESSAGE:
                    self.reply("552 5.3.4 message too big")
                    return
                continue
            self.reply("555 5.5.4 unsupported parameter " + printable(p))
            return
        if self.tempfail_now("mail"):
            self.reply(TEMPFAIL_REPLY)
            return
        self.txn = Transaction(sender, params)
        self.reply("250 2.1.0 Ok")

    def cmd_rcpt(self, arg):
        if self.txn is None:
            self.reply("503 5.5.1 bad sequence of commands")
            return
        parsed = parse_path(arg, b"TO:")
        if parsed is None or not parsed[0]:
            self.reply("501 5.5.4 syntax: RCPT TO:<address>")
            return
        addr, params = parsed
        if params:
            self.reply("555 5.5.4 unsupported parameter " + printable(params))
            return
        txn = self.txn
        # --tempfail-at rcpt: decided once per transaction, at its first
        # RCPT, so that the whole transaction counts as one.
        if not txn.rcpt_checked:
            txn.rcpt_checked = True
            txn.tempfailed = self.tempfail_now("rcpt")
        if txn.tempfailed:
            self.reply(TEMPFAIL_REPLY)
            return
        text = addr.decode("latin-1")
        for sub in self.state.opts.reject_rcpt:
            if sub in text:
                self.reply("550 5.1.1 sink: no such user")
                return
        for sub in self.state.opts.defer_rcpt:
            if sub in text:
                self.reply("450 4.2.1 sink: mailbox busy")
                return
        limit = self.state.opts.rcpt_limit
        if limit is not None and len(txn.rcpts) >= limit:
            self.reply("452 4.5.3 too many recipients")
            return
        txn.rcpts.append(addr)
        # Count it and rewrite the rcpts file before the 250 goes out, so a
        # client that has seen the 250 can rely on the file.
        kill = False
        with self.state.lock:
            self.state.rcpt_count += 1
            count = self.state.rcpt_count
            write_atomic(os.path.join(self.state.dir, "rcpts"),
                         b"%d\n" % count)
            n = self.state.opts.kill_after_rcpts
            if n is not None and count >= n and not self.state.killed:
                self.state.killed = True
                kill = True
            n = self.state.opts.run_after_rcpts
            if n is not None and count >= n and not self.state.ran:
                self.state.ran = True
                self.run_cmd()
        self.reply("250 2.1.5 Ok")
        if kill:
            self.kill_client()

    def run_cmd(self):
        """--run-after-rcpts: run --run-cmd and wait for it."""
        cmd = self.state.opts.run_cmd
        r = subprocess.run(["/bin/sh", "-c", cmd], stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.log("ran %s: exit %d" % (printable(cmd), r.returncode))
        if r.returncode != 0:
            print("sink: %s: exit %d: %s" % (cmd, r.returncode,
                  r.stdout.decode("latin-1")), file=sys.stderr, flush=True)

    def kill_client(self):
        """--kill-after-rcpts: SIGKILL the pid named in --kill-pid-file."""
        path = self.state.opts.kill_pid_file
        try:
            with open(path) as f:
                pid = int(f.read().split()[0])
            # Log first: a test that sees the victim dead can then rely on
            # the log line being there already.
            self.log("kill pid %d" % pid)
            os.kill(pid, signal.SIGKILL)
        except (OSError, ValueError, IndexError) as e:
            msg = "kill failed (%s): %s" % (printable(path), printable(str(e)))
            self.log(msg)
            print("sink: " + msg, file=sys.stderr, flush=True)

    def cmd_data(self, arg):
        if self.txn is None:
            self.reply("503 5.5.1 bad sequence of commands")
            return
        if arg:
            self.reply("501 5.5.4 DATA takes no arguments")
            return
        txn = self.txn
        if not txn.rcpts:
            self.reply("554 5.5.1 no valid recipients")
            return
        if self.tempfail_now("data"):
            self.txn = None        # abandon it; the client must start over
            self.reply(TEMPFAIL_REPLY)
            return
        # --drop-in-data: counted among transactions that get the 354.
        drop = False
        with self.state.lock:
            if self.state.drop_count < self.state.opts.drop_in_data:
                self.state.drop_count += 1
                drop = True
        self.reply("354 End data with <CR><LF>.<CR><LF>")
        if drop:
            self.log("drop after 354")
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.connection.close()
            raise CloseConnection("dropped in DATA")
        data = self.read_data()
        self.txn = None            # the transaction ends here, whatever
        if data is None:
            self.reply("552 5.3.4 message too big")
            return
        if self.tempfail_now("eod"):
            self.reply(TEMPFAIL_REPLY)
            return
        num = self.store(txn, data)
        self.reply("250 2.0.0 Ok: queued as %s" % num)

    def store(self, txn, data):
        """Write NNNNNN.eml then NNNNNN.env; numbering and both writes happen
        under one lock so numbers follow the order of completion."""
        env = b"MAIL FROM:<" + txn.sender + b">"
        if txn.params:
            env += b" " + txn.params
        env += b"\n"
        for r in txn.rcpts:
            env += b"RCPT TO:<" + r + b">\n"
        with self.state.store_lock:
            self.state.msg_count += 1
            num = "%06d" % self.state.msg_count
            base = os.path.join(self.state.dir, num)
            write_atomic(base + ".eml", data)
            write_atomic(base + ".env", env)   # last: marks completion
        self.log("stored %s (%d bytes, %d rcpts)"
                 % (num, len(data), len(txn.rcpts)))
        return num

    def tempfail_now(self, point):
        """True if this transaction is one of the first --tempfail-first
        that reach the --tempfail-at point; counts it."""
        if self.state.opts.tempfail_at != point:
            return False
        with self.state.lock:
            if self.state.tempfail_count < self.state.opts.tempfail_first:
                self.state.tempfail_count += 1
                return True
        return False

    def cmd_rset(self, arg):
        self.txn = None
        self.reply("250 2.0.0 Ok")

    def cmd_noop(self, arg):
        self.reply("250 2.0.0 Ok")

    def cmd_quit(self, arg):
        self.reply("221 2.0.0 Bye")
        raise CloseConnection("quit")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True       # don't let a stuck client block the exit
    request_queue_size = 64     # tests may open many connections at once

    def handle_error(self, request, client_address):
        # Log unexpected exceptions instead of only printing to stderr, so a
        # sink bug shows up where the tests look.
        import traceback
        text = printable(traceback.format_exc().replace("\n", " | "))
        self.state.log("main", "handler error: " + text)
        print("sink: handler error: " + text, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Start-up and shutdown.
# --------------------------------------------------------------------------

def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="sink.py", description="SMTP sink for moot's tests "
        "(see the module docstring for details)")
    p.add_argument("--dir", required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--port-file")
    p.add_argument("--pid-file")
    p.add_argument("--tempfail-first", type=int, default=0, metavar="N")
    p.add_argument("--tempfail-at", default="eod",
                   choices=["mail", "rcpt", "data", "eod"])
    p.add_argument("--rcpt-limit", type=int, metavar="N")
    p.add_argument("--drop-in-data", type=int, default=0, metavar="N")
    p.add_argument("--reject-rcpt", action="append", default=[],
                   metavar="SUBSTR")
    p.add_argument("--defer-rcpt", action="append", default=[],
                   metavar="SUBSTR")
    p.add_argument("--kill-after-rcpts", type=int, metavar="N")
    p.add_argument("--kill-pid-file", metavar="FILE")
    p.add_argument("--run-after-rcpts", type=int, metavar="N")
    p.add_argument("--run-cmd", metavar="CMD")
    p.add_argument("--no-pipelining", action="store_true")
    p.add_argument("--no-8bitmime", action="store_true")
    opts = p.parse_args(argv)
    if (opts.kill_after_rcpts is None) != (opts.kill_pid_file is None):
        p.error("--kill-after-rcpts and --kill-pid-file go together")
    if (opts.run_after_rcpts is None) != (opts.run_cmd is None):
        p.error("--run-after-rcpts and --run-cmd go together")
    if not os.path.isdir(opts.dir):
        p.error("--dir %s: not a directory" % printable(opts.dir))
    for name in ("tempfail_first", "drop_in_data", "rcpt_limit",
                 "kill_after_rcpts", "run_after_rcpts"):
        v = getattr(opts, name)
        if v is not None and v < 0:
            p.error("--%s must not be negative" % name.replace("_", "-"))
    return opts


def main(argv):
    opts = parse_args(argv)
    state = State(opts)

    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    try:
        server = Server(("127.0.0.1", opts.port), SMTPHandler)
    except OSError as e:
        print("sink: cannot listen on 127.0.0.1:%d: %s"
              % (opts.port, printable(str(e))), file=sys.stderr)
        return 1
    server.state = state
    port = server.server_address[1]
    state.log("main", "listening on 127.0.0.1:%d" % port)

    # serve_forever runs in a thread so that the main thread stays free to
    # receive signals; server.shutdown() would deadlock if called from a
    # signal handler interrupting serve_forever in the same thread.
    t = threading.Thread(target=server.serve_forever,
                         kwargs={"poll_interval": 0.1}, daemon=True)
    t.start()

    # Announce only once the socket is listening (it is, since the
    # constructor binds and listens), so tests can connect right away.
    if opts.pid_file:
        write_atomic(opts.pid_file, b"%d\n" % os.getpid())
    if opts.port_file:
        write_atomic(opts.port_file, b"%d\n" % port)

    # Wake up regularly: Event.wait is interruptible, but a timeout makes
    # sure a signal is noticed promptly whatever the platform does.
    while not stop.wait(0.2):
        pass

    state.log("main", "stopping")
    server.shutdown()
    server.server_close()
    # Wait for any message or count file being written, then exit without
    # waiting for connection threads that may be blocked reading a client.
    with state.store_lock, state.lock:
        state.log("main", "stopped")
        state.log_file.flush()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
