/*
 * cli_queue.c - moot queue [ls] and moot queue flush: what waits to go
 * out, for whom and why, and making it due now
 */
#include <stdio.h>

#include "cli/cli.h"
#include "db/db.h"
#include "db/db_queue.h"
#include "global/wake.h"
#include "util/clock.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

/* The words of enum queue_kind, in its order. */
static const char *const kind_words[] = {
	[QUEUE_POST] = "post", [QUEUE_NOTICE] = "notice",
};

/*
 * print_row - "KIND ID LIST next WHEN defers N" then, for a post, how
 * many copies were deferred and its subject, for a notice its recipient
 * and purpose, and the last reason; what came in mail escaped
 */
static int
print_row(const struct queue_row *r, void *arg)
{
	struct vbuf	v;
	char		when[32];

	(void)arg;
	vbuf_init(&v, VBUF_NOMAX);
	if (r->kind == QUEUE_POST) {
		vbuf_printf(&v, "deferred %lld  ", (long long)r->deferred);
		vis_append(&v, r->what);
	} else {
		vis_append(&v, r->rcpt != NULL ? r->rcpt : "");
		vbuf_printf(&v, "  %s", r->what);
	}
	if (r->reason != NULL && *r->reason != '\0') {
		vbuf_puts(&v, "  (");
		vis_append(&v, r->reason);
		vbuf_puts(&v, ")");
	}
	printf("%-6s %-6lld %-12s next %s  defers %lld  %s\n",
	    kind_words[r->kind], (long long)r->id, *r->list != '\0' ?
	    r->list : "-", r->next_try > 0 ? cli_when(r->next_try, when,
	    sizeof(when)) : "now", (long long)r->defers, vbuf_str(&v));
	vbuf_release(&v);
	return (0);
}

/* cmd_queue - moot queue [ls] */
int
cmd_queue(struct cli *c, int argc, char **argv)
{
	const struct cli_command *k = cli_command_for(cmd_queue);
	int	rc;

	if (cli_wants_help(argc, argv))
		return (cli_help(k, 0));
	if (argc > 1)
		return (cli_help(k, 1));
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	if (queue_each(c->db, print_row, NULL) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot read the queue"));
	return (CLI_OK);
}

/* cmd_queue_flush - moot queue flush: all of it due now, mootd woken */
int
cmd_queue_flush(struct cli *c, int argc, char **argv)
{
	const struct cli_command *k = cli_command_for(cmd_queue_flush);
	int64_t	n = 0;
	int	rc;

	if (cli_wants_help(argc, argv))
		return (cli_help(k, 0));
	if (argc > 1)
		return (cli_help(k, 1));
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	if (queue_flush(c->db, clock_now(), &n) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot change the queue"));
	printf("%lld waiting now due\n", (long long)n);
	(void)wake_mootd(&c->conf);
	return (CLI_OK);
}
