/*
 * send_esmtp.c - SMTP through libesmtp, for a relay reached with
 * STARTTLS (send.c chooses); see send.h
 */
#include <sys/socket.h>
#include <sys/stat.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libesmtp.h>

#include "util/alloc.h"
#include "global/conf.h"
#include "mootd/send.h"
#include "mootd/send_int.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

struct txn {
	struct session	*sess;
	smtp_message_t	 msg;
	size_t		 first, n;	/* its recipients in the job */
	int		 given;		/* the data was handed out */
	int		 reported;	/* cb has had its results */
};

struct session {
	const struct conf	*conf;
	const struct send_job	*job;
	struct txn		*txns;	/* owned */
	size_t			 ntxns;
	struct send_result	*results;	/* owned; per_txn of them */
	int			 stop;	/* cb asked to stop */
	struct vbuf		*err;
};

/*
 * msg_cb - libesmtp reads the message: in one piece, or, for a personal
 * copy, in three (the bytes before split, the recipient's own fields,
 * the rest)
 */
static const char *
msg_cb(void **ctx, int *len, void *arg)
{
	struct txn		*t = arg;
	const struct send_job	*job = t->sess->job;
	const char		*p = NULL;

	(void)ctx;		/* libesmtp frees *ctx: we keep it NULL */
	if (len == NULL) {	/* rewind */
		t->given = 0;
		return (NULL);
	}
	if (job->personal == NULL) {
		*len = t->given++ ? 0 : (int)job->len;
		return (t->given == 1 ? job->data : NULL);
	}
	switch (t->given++) {
	case 0:
		*len = (int)job->split;
		p = job->data;
		break;
	case 1:
		p = job->personal[t->first];
		*len = (int)strlen(p);
		break;
	case 2:
		*len = (int)(job->len - job->split);
		p = job->data + job->split;
		break;
	default:
		*len = 0;
	}
	return (p);
}

/* reply_of - "452 4.5.3 text": libesmtp's status as one printable line */
static void
reply_of(struct send_reply *r, const smtp_status_t *st)
{
	char	text[sizeof(r->text)];
	int	n;

	r->code = st->code;
	/* libesmtp parses the enhanced code out of the text: put it back. */
	if (st->enh_class > 0)
		n = snprintf(text, sizeof(text), "%d %d.%d.%d %s", st->code,
		    st->enh_class, st->enh_subject, st->enh_detail,
		    st->text != NULL ? st->text : "");
	else
		n = snprintf(text, sizeof(text), "%d %s", st->code,
		    st->text != NULL ? st->text : "");
	if (n < 0)
		n = 0;
	send_printable(r->text, sizeof(r->text), text,
	    (size_t)n < sizeof(text) ? (size_t)n : sizeof(text) - 1);
}

struct rcpt_walk {
	struct session		*s;
	struct txn		*t;
	const smtp_status_t	*mail;	/* MAIL FROM reply */
	const smtp_status_t	*data;	/* final DATA reply */
	size_t			 i;
};

/* rcpt_result - one recipient's outcome, by send_outcome()'s rule */
static void
rcpt_result(smtp_recipient_t r, const char *mailbox, void *arg)
{
	struct rcpt_walk	*w = arg;
	struct send_result	*res = &w->s->results[w->i];
	struct send_reply	 mail, rcpt, data;

	if (w->i >= w->t->n)
		return;
	(void)mailbox;
	res->addr = w->s->job->rcpts[w->t->first + w->i];
	reply_of(&mail, w->mail);
	reply_of(&rcpt, smtp_recipient_status(r));
	reply_of(&data, w->data);
	send_outcome(res, &mail, &rcpt, &data);
	w->i++;
}

/* nodelay - TCP_NODELAY on a socket to the relay */
static void
nodelay(int fd)
{
	int	one = 1;

	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

/*
 * cut - end the session on a socket to the relay: libesmtp has no call
 * that stops a session, and would otherwise go on sending the
 * transactions left after the caller asked to stop (a database that
 * cannot record them: each would be sent again later).  A transaction
 * cut before the end of its data is not delivered (RFC 5321 4.1.1.4).
 */
static void
cut(int fd)
{
	(void)shutdown(fd, SHUT_RDWR);
}

/* relay_socks - fn on each of our connected TCP sockets to the relay */
static void
relay_socks(const struct conf *c, void (*fn)(int))
{
	for (int fd = 0; fd < 1024; fd++) {
		struct sockaddr_storage	 ss;
		struct stat		 st;
		socklen_t		 sl = sizeof(ss);
		int			 port;

		if (fstat(fd, &st) == -1 || !S_ISSOCK(st.st_mode))
			continue;
		if (getpeername(fd, (struct sockaddr *)&ss, &sl) == -1)
			continue;
		if (ss.ss_family == AF_INET)
			port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
		else if (ss.ss_family == AF_INET6)
			port = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
		else
			continue;
		if (port == c->relay_port)
			fn(fd);
	}
}

/* txn_done - a transaction has its final reply: give cb the results */
static void
txn_done(struct session *s, smtp_message_t m)
{
	struct txn		*t = smtp_message_get_application_data(m);
	struct rcpt_walk	 w;

	if (t == NULL || t->reported || s->stop)
		return;
	t->reported = 1;
	memset(&w, 0, sizeof(w));
	w.s = s;
	w.t = t;
	w.mail = smtp_reverse_path_status(m);
	w.data = smtp_message_transfer_status(m);
	smtp_enumerate_recipients(m, rcpt_result, &w);
	if (s->job->cb(s->job->arg, s->results, w.i) == -1) {
		s->stop = 1;
		vbuf_printf(s->err, "stopped by the caller");
		relay_socks(s->conf, cut);
	}
}

/* event_cb - libesmtp tells us what happened */
static void
event_cb(smtp_session_t session, int ev, void *arg, ...)
{
	struct session	*s = arg;
	va_list		 ap;

	(void)session;
	va_start(ap, arg);
	switch (ev) {
	case SMTP_EV_CONNECT:
		relay_socks(s->conf, nodelay);
		break;
	case SMTP_EV_MESSAGESENT:
		txn_done(s, va_arg(ap, smtp_message_t));
		break;
	case SMTP_EV_EXTNA_8BITMIME:
		/* libesmtp then quits: say why, for the deferral reason. */
		if (s->err->len == 0)
			vbuf_printf(s->err, "the relay does not offer 8BITMIME, "
			    "which this 8-bit message needs");
		break;
	default:
		break;
	}
	va_end(ap);
}

/* esmtp_session - one libesmtp session for all of job; *stopped when cb
 * asked to stop */
static size_t
esmtp_session(const struct conf *c, const struct send_job *job,
    struct vbuf *err, int *stopped)
{
	struct session	 s;
	smtp_session_t	 ss;
	char		 server[300], ebuf[256];
	size_t		 i, missing = 0;
	long		 ms = (long)c->relay_timeout * 1000;
	static const enum starttls_option tls[] = {
		[RELAY_TLS_NO] = Starttls_DISABLED,
		[RELAY_TLS_TRY] = Starttls_ENABLED,
		[RELAY_TLS_REQUIRE] = Starttls_REQUIRED,
	};

	memset(&s, 0, sizeof(s));
	s.conf = c;
	s.job = job;
	s.err = err;
	if (job->nrcpts == 0)
		return (0);
	s.ntxns = (job->nrcpts + job->per_txn - 1) / job->per_txn;
	s.txns = xcalloc(s.ntxns, sizeof(*s.txns));
	s.results = xcalloc(job->per_txn, sizeof(*s.results));

	if ((ss = smtp_create_session()) == NULL) {
		vbuf_printf(err, "libesmtp: cannot create a session");
		missing = s.ntxns;
		goto out;
	}
	(void)snprintf(server, sizeof(server), "%s:%lld", c->relay_host,
	    (long long)c->relay_port);
	if (!smtp_set_server(ss, server) ||
	    !smtp_set_hostname(ss, c->relay_helo) ||
	    !smtp_starttls_enable(ss, tls[c->relay_starttls]) ||
	    !smtp_set_eventcb(ss, event_cb, &s) ||
	    smtp_set_timeout(ss, Timeout_GREETING |
	    Timeout_OVERRIDE_RFC2822_MINIMUM, ms) < 0 ||
	    smtp_set_timeout(ss, Timeout_ENVELOPE |
	    Timeout_OVERRIDE_RFC2822_MINIMUM, ms) < 0 ||
	    smtp_set_timeout(ss, Timeout_DATA |
	    Timeout_OVERRIDE_RFC2822_MINIMUM, ms) < 0 ||
	    smtp_set_timeout(ss, Timeout_TRANSFER |
	    Timeout_OVERRIDE_RFC2822_MINIMUM, ms) < 0 ||
	    smtp_set_timeout(ss, Timeout_DATA2 |
	    Timeout_OVERRIDE_RFC2822_MINIMUM, ms) < 0) {
		vbuf_printf(err, "libesmtp: %s", smtp_strerror(smtp_errno(),
		    ebuf, sizeof(ebuf)));
		missing = s.ntxns;
		goto out;
	}
	for (i = 0; i < s.ntxns; i++) {
		struct txn	*t = &s.txns[i];
		size_t		 k;

		t->sess = &s;
		t->first = i * job->per_txn;
		t->n = job->nrcpts - t->first < job->per_txn ?
		    job->nrcpts - t->first : job->per_txn;
		if ((t->msg = smtp_add_message(ss)) == NULL ||
		    !smtp_set_reverse_path(t->msg, job->env_froms != NULL ?
		    job->env_froms[t->first] : job->env_from) ||
		    !smtp_set_messagecb(t->msg, msg_cb, t) ||
		    (job->eightbit &&
		    !smtp_8bitmime_set_body(t->msg, E8bitmime_8BITMIME))) {
			vbuf_printf(err, "libesmtp: %s",
			    smtp_strerror(smtp_errno(), ebuf, sizeof(ebuf)));
			missing = s.ntxns;
			goto out;
		}
		smtp_message_set_application_data_release(t->msg, t, NULL);
		for (k = 0; k < t->n; k++)
			if (smtp_add_recipient(t->msg,
			    job->rcpts[t->first + k]) == NULL) {
				vbuf_printf(err, "libesmtp: %s",
				    smtp_strerror(smtp_errno(), ebuf,
				    sizeof(ebuf)));
				missing = s.ntxns;
				goto out;
			}
	}
	if (!smtp_start_session(ss))
		vbuf_printf(err, "relay %s: %s", server,
		    smtp_strerror(smtp_errno(), ebuf, sizeof(ebuf)));
	for (i = 0; i < s.ntxns; i++)
		if (!s.txns[i].reported)
			missing++;
	if (missing > 0 && err->len == 0)
		vbuf_printf(err, "relay %s: no final reply for %zu of %zu "
		    "transactions", server, missing, s.ntxns);
out:
	if (ss != NULL)
		smtp_destroy_session(ss);
	free(s.txns);
	free(s.results);
	*stopped = s.stop;
	return (missing);
}

/*
 * send_esmtp_run - see send_int.h: a session for each [relay]
 * max_transactions transactions, one after another; after one that
 * failed, the rest wait too
 */
size_t
send_esmtp_run(const struct conf *c, const struct send_job *job,
    struct vbuf *err)
{
	size_t	per = job->per_txn * (size_t)c->relay_max_txns;
	size_t	ntxns = (job->nrcpts + job->per_txn - 1) / job->per_txn;
	size_t	done = 0, missing;
	int	stopped = 0;

	for (size_t off = 0; off < job->nrcpts; off += per) {
		struct send_job	 sub = *job;
		size_t		 n = job->nrcpts - off < per ?
		    job->nrcpts - off : per;

		sub.rcpts = job->rcpts + off;
		sub.nrcpts = n;
		if (job->personal != NULL)
			sub.personal = job->personal + off;
		if (job->env_froms != NULL)
			sub.env_froms = job->env_froms + off;
		missing = esmtp_session(c, &sub, err, &stopped);
		done += (n + job->per_txn - 1) / job->per_txn - missing;
		if (missing > 0 || stopped)
			break;
	}
	return (ntxns - done);
}
