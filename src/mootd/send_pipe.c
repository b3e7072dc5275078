/*
 * send_pipe.c - moot's own SMTP client; see send.h
 *
 * [relay] connections sessions run at once from one poll() loop, each
 * taking the job's next transaction when it is ready for one.  With
 * PIPELINING (RFC 2920) a session writes a transaction's MAIL, RCPTs and
 * DATA together, and, once DATA has its 354, the data, its end and the
 * next transaction's envelope together: one round trip a copy, where
 * libesmtp waits for each message's final reply before the next MAIL.
 * The next data is written only after its 354, which comes after the
 * reply to the end of the data before it, and that reply is reported
 * (and so recorded) first: a crash re-sends at most the transaction in
 * flight on each session (threat A4).  Without PIPELINING a session
 * goes one command at a time.
 *
 * A session that fails (refused, dropped, timed out) reports nothing
 * for the transactions it had begun, which are sent again later; the
 * other sessions go on with the rest.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "global/conf.h"
#include "mootd/send.h"
#include "mootd/send_int.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define PIPE_IN_MAX	4096	/* a longer reply line is a broken relay */
#define PIPE_CONNS_MAX	64	/* conf.c bounds [relay] connections so */

enum expect {
	EX_GREETING, EX_EHLO, EX_HELO, EX_MAIL, EX_RCPT, EX_DATA, EX_DOT,
	EX_RSET, EX_QUIT,
};

struct exp {
	enum expect	 kind;
	int		 slot;		/* EX_MAIL .. EX_DOT: its transaction */
	size_t		 k;		/* EX_RCPT: which recipient */
};

/* A transaction a session has begun: at most two at once, the one whose
 * data is on its way and the next one's envelope. */
struct slot {
	int			 used;
	size_t			 first, n;	/* its recipients in the job */
	size_t			 nok;		/* those the relay took */
	struct send_reply	 mail;
	struct send_reply	*rcpt;		/* owned; per_txn */
	struct send_result	*res;		/* owned; per_txn */
};

/* What is left to write: the data (three parts and its end), then
 * commands.  Commands are kept as offsets, as cmd may move. */
enum seg { SEG_HEAD, SEG_PERSONAL, SEG_TAIL, SEG_END, SEG_NBODY };

struct conn {
	int		 fd;		/* -1: closed */
	int		 connecting;
	int		 reopen;	/* to open by pipe_loop() */
	int		 pipelining;	/* the relay offers PIPELINING */
	int		 lockstep;	/* it does not: one command at a time */
	int		 eightbit;	/* the relay offers 8BITMIME */
	int		 first_line;	/* the next line begins a reply */
	const struct addrinfo *ai;	/* the address being tried */
	size_t		 ntxns;		/* transactions begun this session */
	int64_t		 deadline;	/* ms, monotonic */
	char		 in[PIPE_IN_MAX];
	size_t		 inlen;
	struct send_reply reply;	/* the reply being read */
	struct iovec	 body[SEG_NBODY];
	struct vbuf	 cmd;
	size_t		 cmd_written, cmd_released;
	struct exp	*q;		/* owned; ring of replies awaited */
	size_t		 qhead, qlen, qcap;
	struct slot	 slots[2];
};

struct pipe {
	const struct conf	*conf;
	const struct send_job	*job;
	struct vbuf		*err;
	struct addrinfo		*ai;	/* owned */
	struct vbuf		 head, tail;	/* the data, dot-stuffed */
	size_t			 ntxns, next, reported;
	int			 stop;
	int			 proven;	/* a transaction was recorded */
	struct conn		*conns;	/* owned */
	size_t			 nconns;
};

static void
conn_fail(struct pipe *p, struct conn *c, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* conn_close - the session is over; its unfinished slots stay unreported */
static void
conn_close(struct conn *c)
{
	if (c->fd != -1)
		(void)close(c->fd);
	c->fd = -1;
	c->connecting = 0;
	c->inlen = 0;
	c->qhead = c->qlen = 0;
	vbuf_reset(&c->cmd);
	c->cmd_written = c->cmd_released = 0;
	memset(c->body, 0, sizeof(c->body));
	c->slots[0].used = c->slots[1].used = 0;
	c->pipelining = c->eightbit = c->lockstep = 0;
}

/* conn_fail - the session failed: say why (the first problem only) */
static void
conn_fail(struct pipe *p, struct conn *c, const char *fmt, ...)
{
	va_list	ap;

	if (p->err->len == 0) {
		vbuf_printf(p->err, "relay %s:%lld: ", p->conf->relay_host,
		    (long long)p->conf->relay_port);
		va_start(ap, fmt);
		vbuf_vprintf(p->err, fmt, ap);
		va_end(ap);
	}
	conn_close(c);		/* and no new session this run */
}

/* conn_touch - progress on c: [relay] timeout from now */
static void
conn_touch(const struct pipe *p, struct conn *c)
{
	c->deadline = clock_mono_ms() + p->conf->relay_timeout * 1000;
}

static void
expect(struct conn *c, enum expect kind, int slot, size_t k)
{
	if (c->qlen == c->qcap) {
		size_t	 ncap = c->qcap ? c->qcap * 2 : 16;
		struct exp *q = xcalloc(ncap, sizeof(*q));

		for (size_t i = 0; i < c->qlen; i++)
			q[i] = c->q[(c->qhead + i) % c->qcap];
		free(c->q);
		c->q = q;
		c->qhead = 0;
		c->qcap = ncap;
	}
	c->q[(c->qhead + c->qlen++) % c->qcap] = (struct exp){ kind, slot, k };
}

/* command - one command line, and the reply it waits for */
static void
command(struct conn *c, enum expect kind, int slot, size_t k,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
command(struct conn *c, enum expect kind, int slot, size_t k,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vbuf_vprintf(&c->cmd, fmt, ap);
	va_end(ap);
	vbuf_puts(&c->cmd, "\r\n");
	expect(c, kind, slot, k);
}

/*
 * release - how much of the commands may be written: all of them when
 * pipelining; else the next line once every line written has its reply
 */
static void
release(struct conn *c)
{
	size_t	unreleased = 0;
	char	*nl;

	if (!c->lockstep) {
		c->cmd_released = c->cmd.len;
		return;
	}
	for (size_t i = c->cmd_released; i + 1 < c->cmd.len; i++)
		if (c->cmd.data[i] == '\r' && c->cmd.data[i + 1] == '\n')
			unreleased++;
	/* each line waits for one reply, and so does the data's end */
	if (c->qlen > unreleased || c->cmd_released == c->cmd.len)
		return;
	nl = memmem(c->cmd.data + c->cmd_released,
	    c->cmd.len - c->cmd_released, "\r\n", 2);
	if (nl != NULL)
		c->cmd_released = (size_t)(nl + 2 - c->cmd.data);
}

/* conn_flush - write what may be written; -1 when the socket failed */
static int
conn_flush(struct pipe *p, struct conn *c)
{
	struct iovec	 iov[SEG_NBODY + 1];
	struct msghdr	 mh;
	ssize_t		 n;
	int		 niov = 0;

	if (c->fd == -1 || c->connecting)
		return (0);
	release(c);
	for (int i = 0; i < SEG_NBODY; i++)
		if (c->body[i].iov_len > 0)
			iov[niov++] = c->body[i];
	if (c->cmd_released > c->cmd_written) {
		iov[niov].iov_base = c->cmd.data + c->cmd_written;
		iov[niov++].iov_len = c->cmd_released - c->cmd_written;
	}
	if (niov == 0)
		return (0);
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = iov;
	mh.msg_iovlen = (size_t)niov;
	n = sendmsg(c->fd, &mh, MSG_NOSIGNAL | MSG_DONTWAIT);
	if (n == -1) {
		if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
			return (0);
		conn_fail(p, c, "%s", strerror(errno));
		return (-1);
	}
	conn_touch(p, c);
	for (int i = 0; i < SEG_NBODY && n > 0; i++) {
		size_t	 m = (size_t)n < c->body[i].iov_len ? (size_t)n :
		    c->body[i].iov_len;

		c->body[i].iov_base = (char *)c->body[i].iov_base + m;
		c->body[i].iov_len -= m;
		n -= (ssize_t)m;
	}
	c->cmd_written += (size_t)n;
	if (c->cmd_written == c->cmd.len) {
		vbuf_reset(&c->cmd);
		c->cmd_written = c->cmd_released = 0;
	}
	return (0);
}

static int
pending(const struct conn *c)
{
	for (int i = 0; i < SEG_NBODY; i++)
		if (c->body[i].iov_len > 0)
			return (1);
	return (c->cmd_released > c->cmd_written);
}

/* conn_open - a new session on c, from the first address that takes it */
static void
conn_open(struct pipe *p, struct conn *c, const struct addrinfo *ai)
{
	int	one = 1;

	for (; ai != NULL; ai = ai->ai_next) {
		c->fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
		    SOCK_CLOEXEC, ai->ai_protocol);
		if (c->fd == -1)
			continue;
		/* each command group is one write: never wait for an ACK */
		(void)setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one,
		    sizeof(one));
		if (connect(c->fd, ai->ai_addr, ai->ai_addrlen) == 0 ||
		    errno == EINPROGRESS) {
			c->ai = ai;
			c->connecting = 1;
			c->ntxns = 0;
			c->first_line = 1;
			conn_touch(p, c);
			expect(c, EX_GREETING, -1, 0);
			return;
		}
		(void)close(c->fd);
		c->fd = -1;
	}
	conn_fail(p, c, "cannot connect: %s", strerror(errno));
}

/* slot_report - a transaction has its final reply: cb records it */
static void
slot_report(struct pipe *p, struct slot *t, const struct send_reply *data)
{
	const struct send_job	*job = p->job;
	struct send_reply	 rcpt;

	for (size_t k = 0; k < t->n; k++) {
		rcpt = t->rcpt[k];
		t->res[k].addr = job->rcpts[t->first + k];
		send_outcome(&t->res[k], &t->mail, &rcpt, data);
	}
	t->used = 0;
	if (p->stop)
		return;		/* cut: not recorded, so not reported */
	p->reported++;
	if (job->cb(job->arg, t->res, t->n) == -1) {
		p->stop = 1;
		vbuf_reset(p->err);
		vbuf_puts(p->err, "stopped by the caller");
		return;
	}
	if (!p->proven) {
		/* the relay and the records work: the other sessions now */
		p->proven = 1;
		for (size_t i = 1; i < p->nconns; i++)
			p->conns[i].reopen = 1;
	}
}

/*
 * txn_begin - the job's next transaction on c: its envelope goes into
 * the commands; 0 if one was begun, -1 if none is left for c
 */
static int
txn_begin(struct pipe *p, struct conn *c)
{
	const struct send_job	*job = p->job;
	struct slot		*t;
	int			 si;

	if (!p->stop && p->next < p->ntxns &&
	    c->ntxns < (size_t)p->conf->relay_max_txns) {
		si = c->slots[0].used ? 1 : 0;
		t = &c->slots[si];
		t->used = 1;
		t->first = p->next++ * job->per_txn;
		t->n = job->nrcpts - t->first < job->per_txn ?
		    job->nrcpts - t->first : job->per_txn;
		t->nok = 0;
		memset(&t->mail, 0, sizeof(t->mail));
		c->ntxns++;
		/* send_run() kept out addresses with control characters */
		memset(t->rcpt, 0, t->n * sizeof(t->rcpt[0]));
		command(c, EX_MAIL, si, 0, "MAIL FROM:<%s>%s",
		    job->env_froms != NULL ? job->env_froms[t->first] :
		    job->env_from, job->eightbit ? " BODY=8BITMIME" : "");
		for (size_t k = 0; k < t->n; k++)
			command(c, EX_RCPT, si, k, "RCPT TO:<%s>",
			    job->rcpts[t->first + k]);
		command(c, EX_DATA, si, 0, "DATA");
		return (0);
	}
	return (-1);
}

/* conn_next - c is ready for more: the next transaction, or QUIT */
static void
conn_next(struct pipe *p, struct conn *c)
{
	if (c->slots[0].used || c->slots[1].used)
		return;		/* a chained envelope is on its way */
	if (txn_begin(p, c) == -1)
		command(c, EX_QUIT, -1, 0, "QUIT");
}

/* data_go - DATA has its 354: the data, its end, and (pipelining) the
 * next envelope, in one write */
static void
data_go(struct pipe *p, struct conn *c, int si)
{
	const struct send_job	*job = p->job;
	struct slot		*t = &c->slots[si];

	if (t->nok > 0) {
		c->body[SEG_HEAD] = (struct iovec){ p->head.data, p->head.len };
		/* the member's own fields begin with a field name, never a
		 * dot: nothing to stuff */
		if (job->personal != NULL)
			c->body[SEG_PERSONAL] = (struct iovec){
			    (void *)(uintptr_t)job->personal[t->first],
			    strlen(job->personal[t->first]) };
		c->body[SEG_TAIL] = (struct iovec){ p->tail.data, p->tail.len };
	}
	/* with no recipient taken, an empty message ends it (RFC 2920) */
	c->body[SEG_END] = (struct iovec){ (void *)(uintptr_t)".\r\n", 3 };
	expect(c, EX_DOT, si, 0);
	if (!c->lockstep)
		(void)txn_begin(p, c);
}

/* ext - an EHLO keyword the client uses */
static void
ext(struct conn *c, const char *line, size_t len)
{
	switch (send_ext_of(line, len)) {
	case SEND_EXT_PIPELINING:
		c->pipelining = 1;
		break;
	case SEND_EXT_8BITMIME:
		c->eightbit = 1;
		break;
	case SEND_EXT_OTHER:
		break;
	}
}

/* greeted - EHLO or HELO answered: the session can begin transactions */
static void
greeted(struct pipe *p, struct conn *c)
{
	if (p->job->eightbit && !c->eightbit) {
		conn_fail(p, c, "the relay does not offer 8BITMIME, which "
		    "this 8-bit message needs");
		return;
	}
	conn_next(p, c);
}

/* conn_quit - the session ended well; max_transactions reached with
 * more to send: pipe_loop() opens another */
static void
conn_quit(struct pipe *p, struct conn *c)
{
	conn_close(c);
	c->reopen = !p->stop && p->next < p->ntxns;
}

/* on_reply - what a whole reply means for the command it answers */
static void
on_reply(struct pipe *p, struct conn *c, const struct exp *e)
{
	const struct send_reply	*r = &c->reply;
	struct slot		*t = e->slot >= 0 ? &c->slots[e->slot] : NULL;

	switch (e->kind) {
	case EX_GREETING:
		if (r->code != 220) {
			conn_fail(p, c, "greeting: %s", r->text);
			return;
		}
		command(c, EX_EHLO, -1, 0, "EHLO %s", p->conf->relay_helo);
		break;
	case EX_EHLO:
		if (r->code / 100 == 2) {
			c->lockstep = !c->pipelining;
			greeted(p, c);
		} else
			command(c, EX_HELO, -1, 0, "HELO %s", p->conf->relay_helo);
		break;
	case EX_HELO:
		if (r->code / 100 != 2) {
			conn_fail(p, c, "HELO: %s", r->text);
			return;
		}
		c->lockstep = 1;
		c->eightbit = 0;
		greeted(p, c);
		break;
	case EX_MAIL:
		t->mail = *r;
		break;
	case EX_RCPT:
		t->rcpt[e->k] = *r;
		if (r->code / 100 == 2)
			t->nok++;
		break;
	case EX_DATA:
		if (r->code == 354) {
			data_go(p, c, e->slot);
			break;
		}
		/* refused before any data: that is the final reply; RSET
		 * ends what MAIL began before the next one */
		slot_report(p, t, r);
		command(c, EX_RSET, -1, 0, "RSET");
		conn_next(p, c);
		break;
	case EX_DOT:
		slot_report(p, t, r);
		conn_next(p, c);
		break;
	case EX_RSET:
		if (r->code / 100 != 2)
			conn_fail(p, c, "RSET: %s", r->text);
		break;
	case EX_QUIT:
		conn_quit(p, c);
		break;
	}
}

/* line - one reply line; on_reply() when it ends a reply */
static void
line(struct pipe *p, struct conn *c, const char *s, size_t len)
{
	struct exp	 e;
	int		 last;

	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	if (len < 3 || s[0] < '2' || s[0] > '5' || s[1] < '0' ||
	    s[1] > '9' || s[2] < '0' || s[2] > '9' ||
	    (len > 3 && s[3] != ' ' && s[3] != '-')) {
		conn_fail(p, c, "a reply moot cannot read");
		return;
	}
	if (c->qlen == 0) {
		conn_fail(p, c, "a reply to nothing moot sent");
		return;
	}
	e = c->q[c->qhead];
	last = len == 3 || s[3] == ' ';
	if (c->first_line) {
		c->reply.code = (s[0] - '0') * 100 + (s[1] - '0') * 10 +
		    (s[2] - '0');
		send_printable(c->reply.text, sizeof(c->reply.text), s, len);
	} else if (e.kind == EX_EHLO && len > 4)
		ext(c, s + 4, len - 4);
	c->first_line = last;
	if (!last)
		return;
	c->qhead = (c->qhead + 1) % c->qcap;
	c->qlen--;
	on_reply(p, c, &e);
}

/* conn_read - the replies that came; -1 when the session ended */
static int
conn_read(struct pipe *p, struct conn *c)
{
	ssize_t	 n;
	size_t	 off = 0;
	char	*nl;

	n = read(c->fd, c->in + c->inlen, sizeof(c->in) - c->inlen);
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return (0);
	if (n == 0 && c->qlen == 1 && c->q[c->qhead].kind == EX_QUIT) {
		conn_quit(p, c);	/* closed before its 221: as good */
		return (-1);
	}
	if (n <= 0) {
		conn_fail(p, c, "%s", n == 0 ? "the relay closed the "
		    "connection" : strerror(errno));
		return (-1);
	}
	conn_touch(p, c);
	c->inlen += (size_t)n;
	while (c->fd != -1 && (nl = memchr(c->in + off, '\n',
	    c->inlen - off)) != NULL) {
		size_t	 ll = (size_t)(nl + 1 - (c->in + off));

		line(p, c, c->in + off, ll);
		off += ll;
	}
	if (c->fd == -1)
		return (-1);
	memmove(c->in, c->in + off, c->inlen - off);
	c->inlen -= off;
	if (c->inlen == sizeof(c->in)) {
		conn_fail(p, c, "a reply line too long");
		return (-1);
	}
	return (0);
}

/* conn_connected - the connect() has an outcome */
static void
conn_connected(struct pipe *p, struct conn *c)
{
	int		 e = 0;
	socklen_t	 el = sizeof(e);

	if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &e, &el) == -1)
		e = errno;
	if (e == 0) {
		c->connecting = 0;
		return;
	}
	(void)close(c->fd);
	c->fd = -1;
	c->qlen = 0;
	if (c->ai->ai_next != NULL)
		conn_open(p, c, c->ai->ai_next);
	else
		conn_fail(p, c, "cannot connect: %s", strerror(e));
}

/* conn_event - one session's turn after poll() */
static void
conn_event(struct pipe *p, struct conn *c, short rev, int64_t now)
{
	if (rev == 0) {
		if (now >= c->deadline)
			conn_fail(p, c, "no answer within %llds",
			    (long long)p->conf->relay_timeout);
		return;
	}
	if (c->connecting) {
		conn_connected(p, c);
		return;
	}
	if ((rev & (POLLIN | POLLHUP | POLLERR)) && conn_read(p, c) == -1)
		return;
	(void)conn_flush(p, c);
}

/* pipe_init - the data and the sessions; -1 with err when it cannot be */
static int
pipe_init(struct pipe *p, const struct conf *conf, const struct send_job *job,
    struct vbuf *err)
{
	struct addrinfo	 hints;
	char		 port[16];
	size_t		 split = job->personal != NULL ? job->split : job->len;
	int		 rc;

	memset(p, 0, sizeof(*p));
	p->conf = conf;
	p->job = job;
	p->err = err;
	vbuf_init(&p->head, VBUF_NOMAX);
	vbuf_init(&p->tail, VBUF_NOMAX);
	p->ntxns = (job->nrcpts + job->per_txn - 1) / job->per_txn;
	send_stuff(&p->head, job->data, split);
	send_stuff(&p->tail, job->data + split, job->len - split);
	if (vbuf_err(&p->head) || vbuf_err(&p->tail)) {
		vbuf_printf(err, "out of memory for the message");
		return (-1);
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_ADDRCONFIG;
	(void)snprintf(port, sizeof(port), "%lld",
	    (long long)conf->relay_port);
	if ((rc = getaddrinfo(conf->relay_host, port, &hints, &p->ai)) != 0) {
		vbuf_printf(err, "relay %s: %s", conf->relay_host,
		    gai_strerror(rc));
		return (-1);
	}
	p->nconns = (size_t)conf->relay_conns < p->ntxns ?
	    (size_t)conf->relay_conns : p->ntxns;
	if (p->nconns > PIPE_CONNS_MAX)
		p->nconns = PIPE_CONNS_MAX;
	p->conns = xcalloc(p->nconns, sizeof(*p->conns));
	for (size_t i = 0; i < p->nconns; i++) {
		struct conn	*c = &p->conns[i];

		c->fd = -1;
		vbuf_init(&c->cmd, VBUF_NOMAX);
		for (int s = 0; s < 2; s++) {
			c->slots[s].rcpt = xcalloc(job->per_txn,
			    sizeof(*c->slots[s].rcpt));
			c->slots[s].res = xcalloc(job->per_txn,
			    sizeof(*c->slots[s].res));
		}
	}
	return (0);
}

static void
pipe_release(struct pipe *p)
{
	for (size_t i = 0; i < p->nconns; i++) {
		struct conn	*c = &p->conns[i];

		conn_close(c);
		vbuf_release(&c->cmd);
		free(c->q);
		for (int s = 0; s < 2; s++) {
			free(c->slots[s].rcpt);
			free(c->slots[s].res);
		}
	}
	free(p->conns);
	if (p->ai != NULL)
		freeaddrinfo(p->ai);
	vbuf_release(&p->head);
	vbuf_release(&p->tail);
}

/* pipe_loop - poll() the sessions until none is left */
static void
pipe_loop(struct pipe *p)
{
	struct pollfd	 pfd[PIPE_CONNS_MAX];
	size_t		 idx[PIPE_CONNS_MAX], n;
	int64_t		 now, wait;

	for (;;) {
		if (p->stop)
			for (size_t i = 0; i < p->nconns; i++)
				conn_close(&p->conns[i]);
		now = clock_mono_ms();
		wait = INT32_MAX;
		n = 0;
		for (size_t i = 0; i < p->nconns; i++) {
			struct conn	*c = &p->conns[i];

			if (c->reopen && !p->stop && p->next < p->ntxns) {
				c->reopen = 0;
				conn_open(p, c, p->ai);
			}
			if (c->fd == -1)
				continue;
			(void)conn_flush(p, c);
			if (c->fd == -1)
				continue;
			pfd[n].fd = c->fd;
			pfd[n].events = c->connecting ? POLLOUT : POLLIN |
			    (pending(c) ? POLLOUT : 0);
			pfd[n].revents = 0;
			idx[n++] = i;
			if (c->deadline - now < wait)
				wait = c->deadline - now;
		}
		if (n == 0)
			return;
		if (poll(pfd, (nfds_t)n, wait < 0 ? 0 : (int)wait) == -1 &&
		    errno != EINTR) {
			vbuf_printf(p->err, "poll: %s", strerror(errno));
			p->stop = 1;
			continue;
		}
		now = clock_mono_ms();
		for (size_t j = 0; j < n; j++)
			conn_event(p, &p->conns[idx[j]], pfd[j].revents, now);
	}
}

/* send_pipe_run - see send_int.h */
size_t
send_pipe_run(const struct conf *conf, const struct send_job *job,
    struct vbuf *err)
{
	struct pipe	 p;
	size_t		 missing;

	if (job->nrcpts == 0)
		return (0);
	if (pipe_init(&p, conf, job, err) == -1) {
		missing = p.ntxns;
		pipe_release(&p);
		return (missing);
	}
	/*
	 * One session first; the others once its first transaction is
	 * recorded, so that a relay or a database that fails costs one
	 * transaction, not one on every session (threats A1, A4).
	 */
	conn_open(&p, &p.conns[0], p.ai);
	pipe_loop(&p);
	missing = p.ntxns - p.reported;
	if (missing > 0 && err->len == 0)
		vbuf_printf(err, "relay %s:%lld: no final reply for %zu of "
		    "%zu transactions", conf->relay_host,
		    (long long)conf->relay_port, missing, p.ntxns);
	pipe_release(&p);
	return (missing);
}
