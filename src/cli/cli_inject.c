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

/* cmd_inject - moot inject --to ADDR [--from ADDR] [--queue-id ID] */
int
cmd_inject(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "from", required_argument, NULL, 'f' },
		{ "queue-id", required_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct spool_rcpt	 rcpts[INJECT_MAX_RCPTS];
	struct listaddr		 routes[INJECT_MAX_RCPTS];
	char			*canon[INJECT_MAX_RCPTS], qid[32];
	struct spool_in		 in;
	struct list		*l = NULL;
	struct vbuf		 msg;
	const char		*to[INJECT_MAX_RCPTS], *from = NULL;
	const char		*queue_id = NULL;
	char			*from_canon = NULL;
	size_t			 nto = 0, i, limit = 0;
	int64_t			 mid;
	int			 ch, rc = EX_TEMPFAIL, r;

	vbuf_init(&msg, 0);
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 't':
			if (nto == INJECT_MAX_RCPTS)
				return (cli_error(EX_USAGE, "inject: at most "
				    "%d --to", INJECT_MAX_RCPTS));
			to[nto++] = optarg;
			break;
		case 'f': from = optarg; break;
		case 'q': queue_id = optarg; break;
		case 'h':
			cli_help(cli_command_for(cmd_inject), 0);
			return (EX_OK);
		default:
			cli_help(cli_command_for(cmd_inject), 1);
			return (EX_USAGE);
		}
	}
	if (nto == 0 || optind != argc) {
		cli_help(cli_command_for(cmd_inject), 1);
		return (EX_USAGE);
	}
	/* Configuration or database trouble is the administrator's to fix:
	 * the MTA keeps the message and tries again (75). */
	if (cli_db(c) != CLI_OK)
		return (EX_TEMPFAIL);
	/* Postfix shows our stderr to the sender only when we fail: the
	 * log of what was stored goes to syslog. */
	log_init("moot", LOG_TO_SYSLOG);
	if (queue_id == NULL) {
		(void)snprintf(qid, sizeof(qid), "I%llX%05X",
		    (long long)time(NULL), (unsigned)getpid() & 0xfffff);
		queue_id = qid;
	}
	log_set_id(queue_id);
	if (from != NULL && *from != '\0') {
		if (addr_check(from, &c->err) == -1)
			return (cli_error(EX_DATAERR, "inject: --from %s: %s",
			    from, vbuf_str(&c->err)));
		from = from_canon = addr_canon_new(from);
	}
	memset(canon, 0, sizeof(canon));
	for (i = 0; i < nto; i++) {
		if (listaddr_route(&c->conf, to[i], &routes[i]) != LISTADDR_OK) {
			rc = cli_error(EX_DATAERR, "inject: %s is not an "
			    "address of a list at %s", to[i], c->conf.domain);
			goto out;
		}
		r = list_load(c->db, routes[i].list, &l);
		if (r == DB_NOTFOUND) {
			rc = cli_error(EX_DATAERR, "inject: no list is called "
			    "%s", routes[i].list);
			goto out;
		}
		if (r != DB_OK) {
			rc = cli_error(EX_TEMPFAIL, "inject: cannot read list "
			    "%s", routes[i].list);
			goto out;
		}
		canon[i] = addr_canon_new(to[i]);
		rcpts[i].rcpt = canon[i];
		rcpts[i].list_name = routes[i].list;
		rcpts[i].list_id = l->id;
		rcpts[i].kind = routes[i].kind;
		rcpts[i].token = routes[i].token[0] != '\0' ?
		    routes[i].token : NULL;
		if ((size_t)(l->max_bytes > 0 ? l->max_bytes :
		    c->conf.lim.message_bytes) > limit)
			limit = (size_t)(l->max_bytes > 0 ? l->max_bytes :
			    c->conf.lim.message_bytes);
		list_free(&l);
	}
	switch (read_all(&msg, limit)) {
	case -1:
		rc = cli_error(EX_DATAERR, "inject: message larger than the "
		    "limit of %zu bytes", limit);
		goto out;
	case -2:
		rc = cli_error(EX_TEMPFAIL, "inject: reading the message: %s",
		    strerror(errno));
		goto out;
	}
	if (msg.len == 0) {
		rc = cli_error(EX_DATAERR, "inject: empty message");
		goto out;
	}
	memset(&in, 0, sizeof(in));
	in.via = "inject";
	in.queue_id = queue_id;
	in.env_from = from;
	in.raw = msg.data;
	in.len = msg.len;
	in.rcpts = rcpts;
	in.nrcpts = nto;
	in.received_at = clock_now();
	switch (spool_store(c->db, &in, &mid)) {
	case DB_OK:
		log_info("stored: message %lld, %zu bytes, spool rows %lld to "
		    "%lld", (long long)mid, msg.len,
		    (long long)(db_last_id(c->db) - (int64_t)nto + 1),
		    (long long)db_last_id(c->db));
		rc = EX_OK;
		wake_mootd(&c->conf);
		break;
	default:
		rc = cli_error(EX_TEMPFAIL, "inject: cannot store the "
		    "message; try again later");
	}
out:
	for (i = 0; i < nto; i++)
		free(canon[i]);
	free(from_canon);
	vbuf_release(&msg);
	return (rc);
}
