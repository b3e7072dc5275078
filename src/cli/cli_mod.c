/*
 * cli_mod.c - moot held, approve, reject, discard, log and rota
 */
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mail/addr.h"
#include "util/alloc.h"
#include "cli/cli.h"
#include "util/clock.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_list.h"
#include "db/db_asked.h"
#include "db/db_audit.h"
#include "db/db_rota.h"
#include "db/db_spool.h"
#include "list/decision.h"
#include "global/rota.h"
#include "util/vis.h"
#include "global/wake.h"
#include "util/sys_defs.h"

#define ROTA_SHOW_TURNS	6

/* age - "3h", "2d" since t */
static void
age(int64_t t, char *buf, size_t size)
{
	int64_t	s = clock_now() - t;

	if (s < 3600)
		(void)snprintf(buf, size, "%lldm", (long long)(s / 60));
	else if (s < 2 * 86400)
		(void)snprintf(buf, size, "%lldh", (long long)(s / 3600));
	else
		(void)snprintf(buf, size, "%lldd", (long long)(s / 86400));
}

static int
print_held(const struct spool_item *s, void *arg)
{
	struct cli	*c = arg;
	struct vbuf	 v, asked;
	char		 a[32];

	vbuf_init(&v, VBUF_NOMAX);
	vbuf_init(&asked, VBUF_NOMAX);
	(void)asked_names(c->db, s->id, &asked);
	age(s->updated_at, a, sizeof(a));
	printf("%-6lld %-5s %-12s ", (long long)s->id, a, s->list_name);
	vis_append(&v, s->from_addr != NULL ? s->from_addr : s->env_from);
	vbuf_puts(&v, "  ");
	vis_append(&v, s->subject != NULL ? s->subject : "");
	printf("%s\n", vbuf_str(&v));
	vbuf_reset(&v);
	vis_append(&v, s->reason);
	printf("       held: %s; asked: %s\n", vbuf_str(&v),
	    asked.len ? vbuf_str(&asked) : "nobody");
	vbuf_release(&v);
	vbuf_release(&asked);
	return (0);
}

/* cmd_held - moot held [LIST] */
int
cmd_held(struct cli *c, int argc, char **argv)
{
	struct list	*l = NULL;
	int		 rc;

	if (cli_wants_help(argc, argv))
		return (cli_help(cli_command_for(cmd_held), 0));
	if (argc > 2)
		return (cli_help(cli_command_for(cmd_held), 1));
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	if (argc == 2 && (rc = cli_load_list(c, argv[1], &l)) != CLI_OK)
		return (rc);
	rc = spool_each(c->db, SPOOL_HELD, l != NULL ? l->name : NULL, 1000,
	    print_held, c);
	list_free(&l);
	if (rc != DB_OK)
		return (cli_error(CLI_FAIL, "cannot read the spool"));
	return (CLI_OK);
}

/* mod_reply_cli - moot approve / reject / discard ID */
static int
mod_reply_cli(struct cli *c, int argc, char **argv, enum decision d,
    int (*run)(struct cli *, int, char **))
{
	struct passwd		*pw = getpwuid(getuid());
	struct decision_result	 res;
	struct vbuf		 reason;
	struct ctx		 x;
	char			 actor[300], when[32], *end;
	long long		 id;
	int			 rc;

	if (cli_wants_help(argc, argv))
		return (cli_help(cli_command_for(run), 0));
	if (argc < 2 || (d != DECISION_REJECT && argc != 2))
		return (cli_help(cli_command_for(run), 1));
	id = strtoll(argv[1], &end, 10);
	if (*end != '\0' || id < 1)
		return (cli_error(CLI_USAGE, "\"%s\" is not a post id (moot "
		    "held shows them)", argv[1]));
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	vbuf_init(&reason, 2048);
	for (int i = 2; i < argc; i++)
		vbuf_printf(&reason, "%s%s", i > 2 ? " " : "", argv[i]);
	(void)snprintf(actor, sizeof(actor), "cli:%s", pw != NULL ?
	    pw->pw_name : "unknown");
	memset(&x, 0, sizeof(x));
	x.conf = &c->conf;
	x.db = c->db;
	decision_apply(&x, id, d, actor, vbuf_str(&reason), 0, NULL, &res);
	vbuf_release(&reason);
	switch (res.outcome) {
	case DECISION_APPLIED:
		printf("post %lld %s\n", id, d == DECISION_APPROVE ?
		    "approved; mootd sends it" : d == DECISION_REJECT ?
		    "rejected" : "discarded");
		(void)wake_mootd(&c->conf);
		return (CLI_OK);
	case DECISION_ALREADY_MADE:
		clock_iso((time_t)res.at, when, sizeof(when));
		return (cli_error(CLI_USAGE, "post %lld was already %s by %s "
		    "at %s", id, res.state, res.by, when));
	case DECISION_NOT_HELD:
	case DECISION_REPLAYED:
		return (cli_error(CLI_USAGE, "post %lld is not waiting for a "
		    "moderator (moot held shows those that are)", id));
	default:
		return (cli_error(CLI_FAIL, "cannot record the decision; "
		    "try again"));
	}
}

int
cmd_approve(struct cli *c, int argc, char **argv)
{
	return (mod_reply_cli(c, argc, argv, DECISION_APPROVE, cmd_approve));
}

int
cmd_reject(struct cli *c, int argc, char **argv)
{
	return (mod_reply_cli(c, argc, argv, DECISION_REJECT, cmd_reject));
}

int
cmd_discard(struct cli *c, int argc, char **argv)
{
	return (mod_reply_cli(c, argc, argv, DECISION_DISCARD, cmd_discard));
}

static int
print_audit(int64_t at, const char *actor, const char *action,
    int64_t spool_id, const char *detail, void *arg)
{
	struct vbuf	v;
	char		when[32];

	(void)arg;
	vbuf_init(&v, VBUF_NOMAX);
	vis_append(&v, detail);
	clock_iso((time_t)at, when, sizeof(when));
	if (spool_id != 0)
		printf("%s  %-8s post %-6lld by %s%s%s\n", when, action,
		    (long long)spool_id, actor, v.len ? ": " : "",
		    vbuf_str(&v));
	else			/* about a member: the detail is who */
		printf("%s  %-12s %s  by %s\n", when, action, vbuf_str(&v),
		    actor);
	vbuf_release(&v);
	return (0);
}

/* cmd_log - moot log LIST [--limit N] */
int
cmd_log(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct list	*l = NULL;
	long long	 limit = 100;
	char		*end;
	int		 ch, rc;

	/* LIST comes first, --limit after it: start afresh and permute,
	 * as rota set does. */
	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			limit = strtoll(optarg, &end, 10);
			if (*end != '\0' || limit < 1)
				return (cli_error(CLI_USAGE, "--limit: a "
				    "number, please"));
			break;
		case 'h':
			return (cli_help(cli_command_for(cmd_log), 0));
		default:
			return (cli_help(cli_command_for(cmd_log), 1));
		}
	}
	if (optind + 1 != argc)
		return (cli_help(cli_command_for(cmd_log), 1));
	if ((rc = cli_load_list(c, argv[optind], &l)) != CLI_OK)
		return (rc);
	if (audit_each(c->db, l->id, limit, print_audit, NULL) != DB_OK)
		rc = cli_error(CLI_FAIL, "cannot read the audit log");
	list_free(&l);
	return (rc);
}

/* cmd_rota - moot rota LIST: who is on duty now, and the next turns */
int
cmd_rota(struct cli *c, int argc, char **argv)
{
	struct list	*l = NULL;
	struct rota_set	 rs;
	time_t		 now;
	int64_t		 k;
	char		 when[32], until[32];
	long		 on;
	int		 rc;

	if (cli_wants_help(argc, argv))
		return (cli_help(cli_command_for(cmd_rota), 0));
	if (argc != 2)
		return (cli_help(cli_command_for(cmd_rota), 1));
	if ((rc = cli_load_list(c, argv[1], &l)) != CLI_OK)
		return (rc);
	if (rota_set_load(c->db, l->id, (int)l->turn_days, &rs) != DB_OK) {
		list_free(&l);
		return (cli_error(CLI_FAIL, "cannot read the rota"));
	}
	now = clock_now();
	printf("list: %s\nturn: %lld day%s, from Monday 00:00 (%s)\n"
	    "escalate: after %lldh\n", l->name, (long long)l->turn_days,
	    l->turn_days == 1 ? "" : "s", c->conf.timezone,
	    (long long)(l->escalate_after / 3600));
	if (rs.r.n == 0)
		printf("rota: none: held posts go to every moderator\n");
	else {
		on = rota_on_duty(&rs.r, now);
		printf("on duty now: %s\n", on >= 0 ? rs.addrs[on] :
		    "nobody (everyone is away): held posts go to every "
		    "moderator");
		printf("turns:\n");
		k = rota_turn((int)l->turn_days, now);
		for (int i = 0; i < ROTA_SHOW_TURNS; i++, k++) {
			time_t	start = rota_turn_start((int)l->turn_days, k);
			time_t	end = rota_turn_start((int)l->turn_days,
				    k + 1);
			long	own = rota_owner(&rs.r, k);
			long	duty = rota_on_duty(&rs.r, start > now ?
				    start : now);

			clock_iso(start, when, sizeof(when));
			clock_iso(end, until, sizeof(until));
			printf("  %s to %s  %s", when, until, rs.addrs[own]);
			if (duty >= 0 && duty != own)
				printf(" (away: %s)", rs.addrs[duty]);
			printf("\n");
		}
	}
	for (size_t i = 0; i < rs.r.naway; i++) {
		if (rs.away[i].to <= now)
			continue;
		clock_iso(rs.away[i].from, when, sizeof(when));
		clock_iso(rs.away[i].to, until, sizeof(until));
		printf("away: %s from %s to %s\n", rs.away[i].addr, when, until);
	}
	rota_set_free(&rs);
	list_free(&l);
	return (CLI_OK);
}

/*
 * first_turn_now - put addrs (in the order given) where the rota's
 * positions make the turn in progress at now the first name's.  Turns
 * count from a fixed Monday, so the positions are the given order turned
 * round; the order of the turns that follow is the order given.
 */
static void
first_turn_now(char **addrs, size_t n, int turn_days, time_t now)
{
	char	**given;
	int64_t	  t = rota_turn(turn_days, now);
	size_t	  p0;

	if (n < 2)
		return;
	p0 = (size_t)(((t % (int64_t)n) + (int64_t)n) % (int64_t)n);
	given = xcalloc(n, sizeof(*given));
	memcpy(given, addrs, n * sizeof(*given));
	for (size_t i = 0; i < n; i++)
		addrs[(p0 + i) % n] = given[i];
	free(given);
}

/* print_on_duty - "on duty now: ADDR", as moot rota show says it */
static void
print_on_duty(struct cli *c, const struct list *l)
{
	struct rota_set	rs;
	long		on;

	if (rota_set_load(c->db, l->id, (int)l->turn_days, &rs) != DB_OK)
		return;
	if (rs.r.n > 0) {
		on = rota_on_duty(&rs.r, clock_now());
		printf("on duty now: %s\n", on >= 0 ? rs.addrs[on] :
		    "nobody (everyone is away)");
	}
	rota_set_free(&rs);
}

/* cmd_rota_set - moot rota set LIST ADDR... [--turn D] [--escalate D] */
int
cmd_rota_set(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "turn", required_argument, NULL, 't' },
		{ "escalate", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct list	*l = NULL;
	struct member	*m = NULL;
	char		**addrs = NULL;
	int64_t		 turn = 0, esc = 0, n;
	int		 ch, rc;
	size_t		 na = 0;

	/* The addresses come first and the options may follow them: 0
	 * makes glibc start afresh and permute, where moot's own "+" would
	 * stop at the first address. */
	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 't':
			if ((n = conf_parse_duration(optarg)) < 86400 ||
			    n % 86400 != 0 || n > 366 * 86400)
				return (cli_error(CLI_USAGE, "--turn: \"%s\" is "
				    "not a whole number of days or weeks, such "
				    "as 1w or 3d", optarg));
			turn = n / 86400;
			break;
		case 'e':
			if ((n = conf_parse_duration(optarg)) < 60)
				return (cli_error(CLI_USAGE, "--escalate: \"%s\" "
				    "is not a duration such as 24h", optarg));
			esc = n;
			break;
		case 'h':
			return (cli_help(cli_command_for(cmd_rota_set), 0));
		default:
			return (cli_help(cli_command_for(cmd_rota_set), 1));
		}
	}
	if (optind >= argc)
		return (cli_help(cli_command_for(cmd_rota_set), 1));
	if ((rc = cli_load_list(c, argv[optind], &l)) != CLI_OK)
		return (rc);
	addrs = xcalloc((size_t)(argc - optind), sizeof(*addrs));
	for (int i = optind + 1; i < argc; i++) {
		char	*a = addr_canon_new(argv[i]);

		if (member_load(c->db, l->id, a, &m) != DB_OK ||
		    (strcmp(m->role, "moderator") != 0 &&
		    strcmp(m->role, "owner") != 0)) {
			rc = cli_error(CLI_USAGE, "%s is not a moderator or "
			    "owner of %s (moot member add %s %s --role "
			    "moderator)", a, l->name, l->name, a);
			free(a);
			member_free(&m);
			goto out;
		}
		member_free(&m);
		for (size_t k = 0; k < na; k++)
			if (strcmp(addrs[k], a) == 0) {
				rc = cli_error(CLI_USAGE, "%s is in the rota "
				    "twice", a);
				free(a);
				goto out;
			}
		addrs[na++] = a;
	}
	if (turn > 0)
		l->turn_days = turn;
	if (esc > 0)
		l->escalate_after = esc;
	first_turn_now(addrs, na, (int)l->turn_days, clock_now());
	if (db_begin(c->db) != DB_OK || rota_replace(c->db, l->id, addrs,
	    na) != DB_OK || list_update(c->db, l) != DB_OK ||
	    db_commit(c->db) != DB_OK) {
		db_rollback(c->db);
		rc = cli_error(CLI_FAIL, "cannot change the rota");
		goto out;
	}
	printf("rota of %s: %zu moderator%s, turns of %lld day%s\n", l->name,
	    na, na == 1 ? "" : "s", (long long)l->turn_days,
	    l->turn_days == 1 ? "" : "s");
	print_on_duty(c, l);
out:
	for (size_t k = 0; k < na; k++)
		free(addrs[k]);
	free(addrs);
	list_free(&l);
	return (rc);
}

/* cmd_rota_away - moot rota away ADDR FROM TO | ADDR --back */
int
cmd_rota_away(struct cli *c, int argc, char **argv)
{
	time_t	 from, to;
	char	*a;
	int	 rc;

	if (cli_wants_help(argc, argv))
		return (cli_help(cli_command_for(cmd_rota_away), 0));
	if (argc != 4 && !(argc == 3 && strcmp(argv[2], "--back") == 0))
		return (cli_help(cli_command_for(cmd_rota_away), 1));
	if (addr_check(argv[1], &c->err) == -1)
		return (cli_error(CLI_USAGE, "%s: %s", argv[1],
		    vbuf_str(&c->err)));
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	a = addr_canon_new(argv[1]);
	if (argc == 3) {
		rc = rota_away_clear(c->db, a) == DB_OK ? CLI_OK :
		    cli_error(CLI_FAIL, "cannot change the away periods");
		if (rc == CLI_OK)
			printf("%s is back\n", a);
		free(a);
		return (rc);
	}
	if (clock_parse_when(argv[2], &from) == -1 ||
	    clock_parse_when(argv[3], &to) == -1) {
		free(a);
		return (cli_error(CLI_USAGE, "FROM and TO are dates such as "
		    "2026-12-21 (or 2026-12-21 17:00)"));
	}
	if (to <= from) {
		free(a);
		return (cli_error(CLI_USAGE, "TO must come after FROM"));
	}
	rc = rota_away_add(c->db, a, from, to) == DB_OK ? CLI_OK :
	    cli_error(CLI_FAIL, "cannot record the away period");
	if (rc == CLI_OK)
		printf("%s is away from %s to %s\n", a, argv[2], argv[3]);
	free(a);
	return (rc);
}
