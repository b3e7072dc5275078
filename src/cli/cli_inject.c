/*
 * cli_inject.c - moot inject: spool a message read from standard input
 *
 * This is what a Postfix pipe(8) transport runs, so its exit status
 * follows sysexits.h (design.md): 0 stored, 75 for anything that may
 * pass later (Postfix retries), 65 for a message that will never be
 * accepted, 64 for a wrong command line.  Postfix bounces on any other
 * status, so nothing here may exit 1 or 2 (style P11).  The message is
 * stored in one transaction, or not at all.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "mail/addr.h"
#include "mail/authres.h"
#include "global/conf.h"
#include "global/listaddr.h"
#include "util/alloc.h"
#include "cli/cli.h"
#include "util/clock.h"
#include "db/db.h"
#include "db/db_list.h"
#include "db/db_spool.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "global/wake.h"
#include "util/sys_defs.h"

#define INJECT_MAX_RCPTS	100

/* The command's row: here, not in commands.c, so that moot(1) links
 * inject without the other commands and their libraries (moot.c). */
const struct cli_command cli_inject_commands[] = {
	{ NULL, "inject", cmd_inject, "inject --to ADDR [--to ADDR]... "
	    "[--from ADDR] [--queue-id ID] [--wait[=TIME]] < message",
	    "spool a message as if received over SMTP" },
};
const size_t cli_ninject_commands = nitems(cli_inject_commands);

/* read_all - standard input, at most max bytes; -1: too big; -2: error */
static int
read_all(struct vbuf *b, size_t max)
{
	char	chunk[65536];
	ssize_t	n;

	vbuf_init(b, max);
	for (;;) {
		n = read(STDIN_FILENO, chunk, sizeof(chunk));
		if (n == 0)
			return (0);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return (-2);
		}
		if (vbuf_cat(b, chunk, (size_t)n) == -1)
			return (-1);
	}
}

/* What one run of moot inject gathers, step by step. */
struct injection {
	const char	*to[INJECT_MAX_RCPTS];	/* borrowed from argv */
	size_t		 nto;
	const char	*from;		/* argv's, or from_canon; may be NULL */
	const char	*queue_id;	/* argv's, or qid */
	char		*from_canon;	/* owned */
	char		 qid[32];
	char		*canon[INJECT_MAX_RCPTS];	/* owned: each to[] */
	struct listaddr	 routes[INJECT_MAX_RCPTS];
	struct spool_rcpt rcpts[INJECT_MAX_RCPTS];
	size_t		 limit;		/* bytes: the largest list's */
	struct vbuf	 msg;		/* owned */
	int64_t		 wait_s;	/* --wait: seconds at most; 0: none */
	int		 woke;		/* a mootd took the wake-up */
};

/* inject_opt - cli_getopt's callback: --to, --from, --queue-id, --wait */
static int
inject_opt(struct cli *c, void *ctx, int val, const char *arg)
{
	struct injection *j = ctx;

	switch (val) {
	case 't':
		if (j->nto == INJECT_MAX_RCPTS)
			return (cli_error(EX_USAGE, "inject: at most %d --to",
			    INJECT_MAX_RCPTS));
		j->to[j->nto++] = arg;
		break;
	case 'f':
		j->from = arg;
		break;
	case 'q':
		j->queue_id = arg;
		break;
	case 'w':
		j->wait_s = arg == NULL ? WAKE_WAIT_MAX_S :
		    conf_parse_duration(arg);
		if (j->wait_s <= 0)
			return (cli_error(EX_USAGE, "inject: --wait=%s: not a "
			    "time such as 90s, 15m or 1h", arg));
		break;
	}
	return (CLI_OK);
}

/* inject_options - the command line into j; EX_OK, CLI_HELPED, or
 * EX_USAGE after saying what is wrong */
static int
inject_options(struct cli *c, int argc, char **argv, struct injection *j)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "from", required_argument, NULL, 'f' },
		{ "queue-id", required_argument, NULL, 'q' },
		{ "wait", optional_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *k = &cli_inject_commands[0];
	struct cli_args	 a = { opts, inject_opt, j, NULL, 0, 0 };
	int		 rc;

	if ((rc = cli_getopt(c, k, argc, argv, 1, &a)) == CLI_HELPED)
		return (CLI_HELPED);
	if (rc == CLI_USAGE)
		return (EX_USAGE);
	if (rc != CLI_OK)
		return (rc);
	if (j->nto == 0) {
		cli_help(k, 1);
		return (EX_USAGE);
	}
	return (EX_OK);
}

/* inject_start - the database, the log, the queue id and the sender */
static int
inject_start(struct cli *c, struct injection *j)
{
	/* Configuration or database trouble is the administrator's to fix:
	 * the MTA keeps the message and tries again (75). */
	if (cli_db(c) != CLI_OK)
		return (EX_TEMPFAIL);
	db_defer_checkpoints(c->db);
	/* Postfix shows our stderr to the sender only when we fail: the
	 * log of what was stored goes to syslog. */
	log_init("moot", LOG_TO_SYSLOG);
	if (j->queue_id == NULL) {
		(void)snprintf(j->qid, sizeof(j->qid), "I%llX%05X",
		    (long long)time(NULL), (unsigned)getpid() & 0xfffff);
		j->queue_id = j->qid;
	}
	log_set_id(j->queue_id);
	if (j->from != NULL && *j->from != '\0') {
		if (addr_check(j->from, &c->err) == -1)
			return (cli_error(EX_DATAERR, "inject: --from %s: %s",
			    j->from, vbuf_str(&c->err)));
		j->from = j->from_canon = addr_canon_new(j->from);
	}
	return (EX_OK);
}

/* inject_route - each --to to its list: the spool's recipients, and the
 * size limit of the largest list */
static int
inject_route(struct cli *c, struct injection *j)
{
	struct list	*l = NULL;
	size_t		 max;
	int		 r;

	for (size_t i = 0; i < j->nto; i++) {
		if (listaddr_route(&c->conf, j->to[i], &j->routes[i]) !=
		    LISTADDR_OK)
			return (cli_error(EX_DATAERR, "inject: %s is not an "
			    "address of a list at %s", j->to[i],
			    c->conf.domain));
		if (!listaddr_kind_taken(j->routes[i].kind))
			return (cli_error(EX_DATAERR, "inject: %s: moot does "
			    "not take mail at this address yet", j->to[i]));
		if ((r = list_load(c->db, j->routes[i].list, &l)) ==
		    DB_NOTFOUND)
			return (cli_error(EX_DATAERR, "inject: no list is "
			    "called %s", j->routes[i].list));
		if (r != DB_OK)
			return (cli_error(EX_TEMPFAIL, "inject: cannot read "
			    "list %s", j->routes[i].list));
		j->canon[i] = addr_canon_new(j->to[i]);
		j->rcpts[i].rcpt = j->canon[i];
		j->rcpts[i].list_name = j->routes[i].list;
		j->rcpts[i].list_id = l->id;
		j->rcpts[i].kind = j->routes[i].kind;
		j->rcpts[i].token = j->routes[i].token[0] != '\0' ?
		    j->routes[i].token : NULL;
		max = (size_t)(l->max_bytes > 0 ? l->max_bytes :
		    c->conf.lim.message_bytes);
		if (max > j->limit)
			j->limit = max;
		list_free(&l);
	}
	return (EX_OK);
}

/* inject_read - the message from standard input, within the limit */
static int
inject_read(struct injection *j)
{
	switch (read_all(&j->msg, j->limit)) {
	case -1:
		return (cli_error(EX_DATAERR, "inject: message larger than "
		    "the limit of %zu bytes", j->limit));
	case -2:
		return (cli_error(EX_TEMPFAIL, "inject: reading the message: "
		    "%s", strerror(errno)));
	}
	if (j->msg.len == 0)
		return (cli_error(EX_DATAERR, "inject: empty message"));
	return (EX_OK);
}

/* inject_store - the message and its recipients, in one transaction */
static int
inject_store(struct cli *c, struct injection *j)
{
	struct spool_in	 in;
	struct vbuf	 ar;
	int64_t		 mid;
	size_t		 forged, rows = 0;
	int		 rc = EX_OK;

	/* Authentication-Results as moot-milter keeps them: those naming
	 * [milter] authserv_id below the MTA's own are not believed. */
	vbuf_init(&ar, VBUF_NOMAX);
	if ((forged = authres_collect(j->msg.data, j->msg.len,
	    c->conf.authserv_id, &ar)) > 0)
		log_info("%zu Authentication-Results field%s naming %s not "
		    "added by this site's MTA: not believed", forged,
		    forged == 1 ? "" : "s", c->conf.authserv_id);
	memset(&in, 0, sizeof(in));
	in.via = "inject";
	in.queue_id = j->queue_id;
	in.env_from = j->from;
	in.raw = j->msg.data;
	in.len = j->msg.len;
	in.rcpts = j->rcpts;
	in.nrcpts = j->nto;
	in.received_at = clock_now();
	in.auth_results = ar.len > 0 ? vbuf_str(&ar) : NULL;
	if (spool_store(c->db, &in, &mid) != DB_OK)
		rc = cli_error(EX_TEMPFAIL, "inject: cannot store the "
		    "message; try again later");
	vbuf_release(&ar);
	if (rc != EX_OK)
		return (rc);
	for (size_t i = 0; i < in.nrcpts; i++)
		rows += !spool_rcpt_repeated(&in, i);
	log_info("stored: message %lld, %zu bytes, spool rows %lld to %lld",
	    (long long)mid, j->msg.len,
	    (long long)(db_last_id(c->db) - (int64_t)rows + 1),
	    (long long)db_last_id(c->db));
	j->woke = wake_mootd(&c->conf);
	return (EX_OK);
}

/*
 * inject_wait - --wait: until mootd has done what is due, this post
 * included (sent to every member, held, or put off to a later try), as
 * `mootd --once` beside a running daemon waits.  The post is stored
 * whatever happens here, so the exit status stays 0 (stored); what the
 * wait found is said on stderr.
 */
static void
inject_wait(struct cli *c, const struct injection *j)
{
	int64_t	start = clock_mono_ms(), waited, n = 1, probe = 1000;

	if (!j->woke) {
		fprintf(stderr, "inject: stored; no mootd is running, so it "
		    "goes out when mootd runs\n");
		return;
	}
	while ((waited = clock_mono_ms() - start) < j->wait_s * 1000) {
		if (spool_due(c->db, clock_now(), &n) == DB_OK && n == 0)
			return;
		/* A daemon that stopped meanwhile would leave us waiting
		 * to the end: ask once a second whether one listens. */
		if (waited >= probe) {
			probe += 1000;
			if (!wake_listening(&c->conf)) {
				fprintf(stderr, "inject: stored; mootd stopped "
				    "before it was done, so it goes out when "
				    "mootd runs again\n");
				return;
			}
		}
		clock_poll_pause(waited);
	}
	fprintf(stderr, "inject: stored; mootd still had work due after "
	    "%lld s (moot spool ls and moot queue show what)\n",
	    (long long)j->wait_s);
}

/* cmd_inject - moot inject --to ADDR [--from ADDR] [--queue-id ID]
 * [--wait[=TIME]] */
int
cmd_inject(struct cli *c, int argc, char **argv)
{
	struct injection j;
	int		 rc;

	memset(&j, 0, sizeof(j));
	vbuf_init(&j.msg, 0);
	if ((rc = inject_options(c, argc, argv, &j)) == EX_OK &&
	    (rc = inject_start(c, &j)) == EX_OK &&
	    (rc = inject_route(c, &j)) == EX_OK &&
	    (rc = inject_read(&j)) == EX_OK &&
	    (rc = inject_store(c, &j)) == EX_OK && j.wait_s > 0)
		inject_wait(c, &j);
	for (size_t i = 0; i < j.nto; i++)
		free(j.canon[i]);
	free(j.from_canon);
	vbuf_release(&j.msg);
	return (rc == CLI_HELPED ? EX_OK : rc);
}
