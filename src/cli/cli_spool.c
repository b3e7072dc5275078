/*
 * cli_spool.c - moot spool: what came in, and what became of it
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/clock.h"
#include "db/db.h"
#include "db/db_delivery.h"
#include "db/db_purge.h"
#include "db/db_spool.h"
#include "global/listaddr.h"
#include "util/vis.h"
#include "global/wake.h"
#include "util/sys_defs.h"

static int
print_row(const struct spool_item *s, void *arg)
{
	struct vbuf	v;
	char		when[32];

	(void)arg;
	vbuf_init(&v, VBUF_NOMAX);
	vis_append(&v, s->from_addr != NULL ? s->from_addr : s->env_from);
	vbuf_puts(&v, "  ");
	vis_append(&v, s->subject != NULL ? s->subject : "");
	if (s->reason != NULL) {
		vbuf_puts(&v, "  (");
		vis_append(&v, s->reason);
		vbuf_puts(&v, ")");
	}
	printf("%-6lld %-12s %s  %-12s %-8s %s\n", (long long)s->id,
	    spool_state_name(s->state), cli_when(s->created_at, when,
	    sizeof(when)), s->list_name, listaddr_kind_name(s->kind),
	    vbuf_str(&v));
	vbuf_release(&v);
	return (0);
}

/* state_error - --state named no state: say which there are */
static int
state_error(const char *arg)
{
	struct vbuf	v;
	int		rc;

	vbuf_init(&v, VBUF_NOMAX);
	for (int i = 0; i < SPOOL_NSTATES; i++)
		vbuf_printf(&v, "%s%s", i > 0 ? ", " : "",
		    spool_state_name((enum spool_state)i));
	rc = cli_error(CLI_USAGE, "--state: \"%s\" is not a state (%s)", arg,
	    vbuf_str(&v));
	vbuf_release(&v);
	return (rc);
}

/* cmd_spool - moot spool [ls] [--state STATE] [--list LIST] [--limit N] */
int
cmd_spool(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "state", required_argument, NULL, 's' },
		{ "list", required_argument, NULL, 'l' },
		{ "limit", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char		*list = NULL;
	enum spool_state	 state = SPOOL_ANY;
	long long		 limit = 100;
	char			*end;
	int			 ch, rc;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 's':
			if (spool_state_parse(optarg, &state) == -1)
				return (state_error(optarg));
			break;
		case 'l': list = optarg; break;
		case 'n':
			limit = strtoll(optarg, &end, 10);
			if (*end != '\0' || limit < 1)
				return (cli_error(CLI_USAGE, "--limit: a "
				    "number, please"));
			break;
		case 'h':
			return (cli_help(cli_command_for(cmd_spool), 0));
		default:
			return (cli_help(cli_command_for(cmd_spool), 1));
		}
	}
	if (optind != argc)
		return (cli_help(cli_command_for(cmd_spool), 1));
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	if (spool_each(c->db, state, list, limit, print_row, NULL) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot read the spool"));
	return (CLI_OK);
}

/* spool_id_arg - the ID argument of spool show / retry */
static int
spool_id_arg(struct cli *c, int argc, char **argv,
    int (*run)(struct cli *, int, char **), struct spool_item **s)
{
	long long	 id;
	char		*end;
	int		 rc;

	if (argc == 2 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0))
		return (cli_help(cli_command_for(run), 0), CLI_HELPED);
	if (argc != 2)
		return (cli_help(cli_command_for(run), 1));
	id = strtoll(argv[1], &end, 10);
	if (*end != '\0' || id < 1)
		return (cli_error(CLI_USAGE, "\"%s\" is not a spool id",
		    argv[1]));
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	switch (spool_load(c->db, id, s)) {
	case DB_OK:
		return (CLI_OK);
	case DB_NOTFOUND:
		return (cli_error(CLI_USAGE, "no spooled message has id %lld",
		    id));
	default:
		return (cli_error(CLI_FAIL, "cannot read the spool"));
	}
}

/* cmd_spool_show - moot spool show ID */
int
cmd_spool_show(struct cli *c, int argc, char **argv)
{
	struct spool_item	*s = NULL;
	int64_t			 sent = 0, failed = 0, deferred = 0;
	char			 when[32], num[32], client[600];
	int			 rc;

	if ((rc = spool_id_arg(c, argc, argv, cmd_spool_show, &s)) != CLI_OK)
		return (rc == CLI_HELPED ? CLI_OK : rc);
	(void)snprintf(num, sizeof(num), "%lld", (long long)s->id);
	cli_field("id", num);
	cli_field("state", spool_state_name(s->state));
	cli_field("reason", s->reason);
	cli_field("decided-by", s->decided_by);
	cli_field("list", s->list_name);
	cli_field("kind", listaddr_kind_name(s->kind));
	cli_field("rcpt", s->rcpt);
	cli_field("queue-id", s->queue_id);
	cli_field("via", s->via);
	/* As Postfix logs a client: name[address] */
	if (s->client_addr != NULL)
		(void)snprintf(client, sizeof(client), "%s[%s]",
		    s->client_name != NULL && *s->client_name != '\0' ?
		    s->client_name : "unknown", s->client_addr);
	cli_field("client", s->client_addr != NULL ? client : NULL);
	cli_field("env-from", s->env_from == NULL ? NULL : *s->env_from == '\0' ?
	    "<>" : s->env_from);
	cli_field("from", s->from_addr);
	cli_field("subject", s->subject);
	cli_field("message-id", s->msgid);
	cli_field("received", cli_when(s->received_at, when, sizeof(when)));
	(void)snprintf(num, sizeof(num), "%lld", (long long)s->size);
	cli_field("size", num);
	cli_field("next-try", s->next_try > 0 ? cli_when(s->next_try, when,
	    sizeof(when)) : NULL);
	(void)delivery_count(c->db, s->id, DELIVERY_SENT, &sent);
	(void)delivery_count(c->db, s->id, DELIVERY_FAILED, &failed);
	(void)delivery_count(c->db, s->id, DELIVERY_DEFERRED, &deferred);
	printf("deliveries: sent=%lld failed=%lld deferred=%lld\n",
	    (long long)sent, (long long)failed, (long long)deferred);
	spool_item_free(&s);
	return (CLI_OK);
}

/* cmd_spool_retry - moot spool retry ID */
int
cmd_spool_retry(struct cli *c, int argc, char **argv)
{
	struct spool_item	*s = NULL;
	enum spool_state	 to;
	int			 rc;

	if ((rc = spool_id_arg(c, argc, argv, cmd_spool_retry, &s)) != CLI_OK)
		return (rc == CLI_HELPED ? CLI_OK : rc);
	/* A failed post starts again from the top; one that was being
	 * distributed goes on where it stopped, now. */
	if (s->state == SPOOL_FAILED)
		to = SPOOL_SPOOLED;
	else if (s->state == SPOOL_DISTRIBUTING)
		to = SPOOL_DISTRIBUTING;
	else {
		rc = cli_error(CLI_USAGE, "message %lld is %s; only failed or "
		    "distributing messages can be retried", (long long)s->id,
		    spool_state_name(s->state));
		spool_item_free(&s);
		return (rc);
	}
	if (spool_retry(c->db, s->id, to) != DB_OK)
		rc = cli_error(CLI_FAIL, "cannot requeue message %lld",
		    (long long)s->id);
	else {
		printf("message %lld will be processed again by mootd\n",
		    (long long)s->id);
		(void)wake_mootd(&c->conf);
	}
	spool_item_free(&s);
	return (rc);
}

/* The records removed in one transaction of `moot spool purge`. */
#define PURGE_STEP	1000

/* purge_all - every record [retention] keeps no longer, step by step */
static int
purge_all(struct cli *c, const struct purge_rules *r, int64_t n[PURGE_NKINDS])
{
	int	rc, more;

	do {
		if ((rc = purge_batch(c->db, r, PURGE_STEP, n, &more)) !=
		    DB_OK)
			return (rc);
	} while (more);
	return (DB_OK);
}

/* cmd_spool_purge - moot spool purge [--dry-run] */
int
cmd_spool_purge(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct purge_rules	 r;
	int64_t			 n[PURGE_NKINDS] = { 0 };
	int			 ch, dry = 0, rc;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'n': dry = 1; break;
		case 'h':
			return (cli_help(cli_command_for(cmd_spool_purge), 0));
		default:
			return (cli_help(cli_command_for(cmd_spool_purge), 1));
		}
	}
	if (optind != argc)
		return (cli_help(cli_command_for(cmd_spool_purge), 1));
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	purge_rules(&c->conf, clock_now(), &r);
	rc = dry ? purge_count(c->db, &r, n) : purge_all(c, &r, n);
	/* What went before an error is gone: say it either way. */
	for (int k = 0; k < PURGE_NKINDS; k++)
		printf("%s %s %lld\n", dry ? "would remove" : "removed",
		    purge_kind_name((enum purge_kind)k), (long long)n[k]);
	if (rc != DB_OK)
		return (cli_error(CLI_FAIL, "cannot remove old records%s",
		    rc == DB_TEMP ? ": the database is busy, try again" : ""));
	return (CLI_OK);
}
