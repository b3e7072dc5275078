/*
 * cli_decide.c - moot decide: proposals and votes from the command
 * line, and what they came to (gov/)
 *
 * The command line is the site's administrator: they may open a
 * decision on any list.  Opening, closing and counting are gov/'s;
 * here are the options, the listing and the audit.  No command shows
 * who voted how on a secret vote: show gives the counts so far, and
 * each choice only on an open (--open) vote.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "db/db.h"
#include "db/db_decision.h"
#include "db/db_list.h"
#include "global/conf.h"
#include "global/token.h"
#include "gov/gov_effect.h"
#include "gov/gov_open.h"
#include "gov/gov_tally.h"
#include "list/ctx.h"
#include "util/alloc.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

/* What moot decide vote and propose take. */
struct open_args {
	char		*words[2];
	const char	*title, *text, *closes, *options;
	const char	*priorities, *appoint, *as, *of, *term;
	int		 per_org, open_ballot, keep_removed, statement;
};

/* open_opt - one option of decide vote or propose */
static int
open_opt(struct cli *c, void *ctx, int val, const char *arg)
{
	struct open_args	*a = ctx;

	(void)c;
	switch (val) {
	case 't': a->title = arg; break;
	case 'x': a->text = arg; break;
	case 'c': a->closes = arg; break;
	case 'o': a->options = arg; break;
	case 'g': a->per_org = 1; break;
	case 'O': a->open_ballot = 1; break;
	case 'k': a->keep_removed = 1; break;
	case 'p': a->priorities = arg; break;
	case 'a': a->appoint = arg; break;
	case 'A': a->as = arg; break;
	case 'f': a->of = arg; break;
	case 'T': a->term = arg; break;
	case 's': a->statement = 1; break;
	}
	return (CLI_OK);
}

/* read_text - the text file into out (at most GOV_TEXT_MAX bytes, no NUL:
 * it goes into mail); 0 or -1 after saying why */
static int
read_text(const char *path, struct vbuf *out)
{
	if (cli_read_file(path, GOV_TEXT_MAX, "the most a decision's text "
	    "may have", out) == -1)
		return (-1);
	if (memchr(out->data, '\0', out->len) != NULL)
		return (cli_error(CLI_USAGE, "%s: not text (a NUL byte)",
		    path), -1);
	return (0);
}

/* effect_of - the effect a proposal's options give, with its argument in
 * arg; -1 after saying what is wrong */
static int
effect_of(const struct open_args *a, struct vbuf *arg,
    enum gov_effect_kind *k)
{
	int	n = (a->priorities != NULL) + (a->appoint != NULL) +
	    a->statement;
	char	*end;
	long	 years = 3;

	*k = GE_NONE;
	if (n > 1)
		return (cli_error(CLI_USAGE, "a proposal does one of "
		    "--priorities, --appoint and --statement"), -1);
	if ((a->as != NULL || a->of != NULL || a->term != NULL) &&
	    a->appoint == NULL)
		return (cli_error(CLI_USAGE, "--as, --of and --term go with "
		    "--appoint"), -1);
	if (a->priorities != NULL) {
		*k = GE_PRIORITIES;
		vbuf_puts(arg, a->priorities);
	} else if (a->appoint != NULL) {
		if (a->as == NULL)
			return (cli_error(CLI_USAGE, "--appoint needs --as "
			    "organiser or --as chair"), -1);
		if (a->term != NULL && ((years = strtol(a->term, &end, 10)) <
		    1 || (*end != '\0' && strcmp(end, "y") != 0)))
			return (cli_error(CLI_USAGE, "--term: \"%s\" is not a "
			    "number of years such as 3y", a->term), -1);
		*k = GE_APPOINT;
		vbuf_printf(arg, "%s %s %s %ld", a->appoint, a->as,
		    a->of != NULL ? a->of : a->words[0], years);
	} else if (a->statement)
		*k = GE_STATEMENT;
	return (0);
}

/* open_one - decide vote or propose, as kind */
static int
open_one(struct cli *c, int argc, char **argv, enum decision_kind kind,
    const struct option *opts, const struct cli_command *k)
{
	struct open_args	 a;
	struct cli_args		 ca = { opts, open_opt, &a, a.words,
				    nitems(a.words), 0 };
	struct gov_new		 n;
	struct vbuf		 text, arg;
	struct ctx		 x;
	int64_t			 id;
	int			 rc;

	memset(&a, 0, sizeof(a));
	if ((rc = cli_getopt(c, k, argc, argv, 1, &ca)) != CLI_OK)
		return (rc == CLI_HELPED ? CLI_OK : rc);
	if (ca.nwords != 1 || a.title == NULL || a.text == NULL ||
	    a.closes == NULL)
		return (cli_help(k, 1));
	memset(&n, 0, sizeof(n));
	if (gov_parse_when(a.closes, &n.closes_at) == -1)
		return (cli_error(CLI_USAGE, "--closes: \"%s\" is not a time "
		    "such as \"2026-12-01 17:00\" (in the site's zone) or an "
		    "RFC 3339 time", a.closes));
	if (!cli_plain_text(a.title))
		return (cli_error(CLI_USAGE, "--title: one line, please"));
	vbuf_init(&text, GOV_TEXT_MAX + 1);
	vbuf_init(&arg, 1024);
	rc = CLI_USAGE;
	if (read_text(a.text, &text) == -1 ||
	    effect_of(&a, &arg, &n.effect) == -1)
		goto out;
	if ((rc = cli_db(c)) != CLI_OK)
		goto out;
	/* The ballots' tokens are made here, under the site's key. */
	vbuf_reset(&c->err);
	if (token_load_key(c->conf.secret, &c->err) == -1) {
		rc = cli_error(CLI_FAIL, "%s", vbuf_str(&c->err));
		goto out;
	}
	n.list = a.words[0];
	n.kind = kind;
	n.title = a.title;
	n.text = vbuf_str(&text);
	n.proposer = "admin";
	n.options = a.options;
	n.per_org = a.per_org;
	n.open_ballot = a.open_ballot;
	n.keep_removed = a.keep_removed;
	n.effect_arg = vbuf_str(&arg);
	x.conf = &c->conf;
	x.db = c->db;
	x.stop = NULL;
	vbuf_reset(&c->err);
	if (gov_open(&x, &n, &id, &c->err) == -1)
		rc = cli_error(CLI_USAGE, "%s: %s", a.words[0],
		    vbuf_str(&c->err));
	else
		printf("%lld\n", (long long)id);
out:
	vbuf_release(&text);
	vbuf_release(&arg);
	return (rc);
}

/* cmd_decide_vote - moot decide vote LIST --title T --text FILE
 * --closes WHEN [--options A,B] [--per-org] [--open] [--keep-removed] */
int
cmd_decide_vote(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "title", required_argument, NULL, 't' },
		{ "text", required_argument, NULL, 'x' },
		{ "closes", required_argument, NULL, 'c' },
		{ "options", required_argument, NULL, 'o' },
		{ "per-org", no_argument, NULL, 'g' },
		{ "open", no_argument, NULL, 'O' },
		{ "keep-removed", no_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};

	return (open_one(c, argc, argv, DK_VOTE, opts,
	    cli_command_for(cmd_decide_vote)));
}

/* cmd_decide_propose - moot decide propose LIST --title T --text FILE
 * --closes WHEN [--priorities IDS | --appoint ADDR --as ROLE [--of LIST]
 * [--term 3y] | --statement] */
int
cmd_decide_propose(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "title", required_argument, NULL, 't' },
		{ "text", required_argument, NULL, 'x' },
		{ "closes", required_argument, NULL, 'c' },
		{ "priorities", required_argument, NULL, 'p' },
		{ "appoint", required_argument, NULL, 'a' },
		{ "as", required_argument, NULL, 'A' },
		{ "of", required_argument, NULL, 'f' },
		{ "term", required_argument, NULL, 'T' },
		{ "statement", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};

	return (open_one(c, argc, argv, DK_CONSENSUS, opts,
	    cli_command_for(cmd_decide_propose)));
}

/* escaped - s, escaped for the terminal (vis.h), into a static buffer
 * that the next call reuses */
static const char *
escaped(const char *s)
{
	static struct vbuf	v;

	if (v.data == NULL)
		vbuf_init(&v, VBUF_NOMAX);
	vbuf_reset(&v);
	vis_append(&v, s != NULL ? s : "-");
	return (vbuf_str(&v));
}

/* ls_one - a line of decide ls */
static int
ls_one(const struct decision_row *d, void *arg)
{
	char	when[32];

	(void)arg;
	(void)cli_when(d->closes_at, when, sizeof(when));
	printf("%lld\t%s\t%s\t%s\t%s\t%s\n", (long long)d->id, d->list,
	    decision_kind_name(d->kind), decision_state_name(d->state), when,
	    escaped(d->title));
	return (0);
}

/* cmd_decide_ls - moot decide ls [LIST] */
int
cmd_decide_ls(struct cli *c, int argc, char **argv)
{
	const struct cli_command	*k = cli_command_for(cmd_decide_ls);
	struct list			*l = NULL;
	int64_t				 list_id = 0;
	int				 rc;

	if (cli_wants_help(argc, argv))
		return (cli_help(k, 0), CLI_OK);
	if (argc > 2)
		return (cli_help(k, 1));
	if (argc == 2) {
		if ((rc = cli_load_list(c, argv[1], &l)) != CLI_OK)
			return (rc);
		list_id = l->id;
		list_free(&l);
	} else if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	if (decision_each(c->db, list_id, -1, ls_one, NULL) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot read the decisions"));
	return (CLI_OK);
}

/* load_arg - decision argv[1] into *d; CLI_OK or an exit status, said */
static int
load_arg(struct cli *c, int argc, char **argv, const struct cli_command *k,
    struct decision_row **d)
{
	char		*end;
	long long	 id;
	int		 rc;

	if (cli_wants_help(argc, argv))
		return (cli_help(k, 0), CLI_HELPED);
	if (argc != 2)
		return (cli_help(k, 1));
	id = strtoll(argv[1], &end, 10);
	if (*argv[1] == '\0' || *end != '\0' || id <= 0)
		return (cli_error(CLI_USAGE, "\"%s\" is not a decision id",
		    argv[1]));
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	if ((rc = decision_load(c->db, (int64_t)id, d)) == DB_NOTFOUND)
		return (cli_error(CLI_USAGE, "no decision has id %lld", id));
	if (rc != DB_OK)
		return (cli_error(CLI_FAIL, "cannot read the decisions"));
	return (CLI_OK);
}

/* open_choice - a line of an open vote's choices */
static int
open_choice(const char *addr, const char *choice, const char *reason,
    void *arg)
{
	(void)arg;
	printf("choice: %s %s", addr, escaped(choice));
	if (reason != NULL)
		printf(" %s", escaped(reason));
	printf("\n");
	return (0);
}

/* show_fields - what decide show says of d, before its counts */
static void
show_fields(const struct decision_row *d)
{
	char	when[32];

	printf("id: %lld\nlist: %s\nkind: %s\nstate: %s\n", (long long)d->id,
	    d->list, decision_kind_name(d->kind),
	    decision_state_name(d->state));
	printf("title: %s\n", escaped(d->title));
	printf("proposer: %s\n", escaped(d->proposer));
	printf("options: %s\n", escaped(d->options));
	printf("ballots: %s%s%s\n", d->open_ballot ? "open" : "secret",
	    d->per_org ? ", one vote per organisation" : "",
	    d->keep_removed ? ", kept by voters who leave" : "");
	if (d->parent_id != 0)
		printf("follows: %lld\n", (long long)d->parent_id);
	printf("opened: %s\n", cli_when(d->opened_at, when, sizeof(when)));
	printf("closes: %s\n", cli_when(d->closes_at, when, sizeof(when)));
	if (d->chair != NULL)
		printf("chair: %s\n", d->chair);
	printf("electorate: %lld\n", (long long)d->electorate);
}

/* cmd_decide_show - moot decide show ID */
int
cmd_decide_show(struct cli *c, int argc, char **argv)
{
	struct decision_row	*d = NULL;
	struct gov_tally	 t;
	struct vbuf		 v;
	char			 when[32];
	int			 rc;

	if ((rc = load_arg(c, argc, argv, cli_command_for(cmd_decide_show),
	    &d)) != CLI_OK)
		return (rc == CLI_HELPED ? CLI_OK : rc);
	show_fields(d);
	vbuf_init(&v, 1024);
	if (d->state == DS_OPEN) {
		if (gov_tally_count(c->db, d, &t) == -1)
			rc = cli_error(CLI_FAIL, "cannot count the ballots");
		else {
			gov_tally_format(&t, &v);
			printf("so far: %s\nballots: %lld\n", escaped(
			    vbuf_str(&v)), (long long)t.cast);
		}
	} else {
		printf("result: %s\n", escaped(d->result));
		printf("turnout: %lld\n", (long long)d->turnout);
		if (d->outcome != NULL)
			printf("outcome: %s\n", escaped(d->outcome));
		if (d->casting != NULL)
			printf("casting vote: %s\n", escaped(d->casting));
		if (d->decided_at != 0)
			printf("decided: %s\n", cli_when(d->decided_at, when,
			    sizeof(when)));
	}
	if (rc == CLI_OK && d->open_ballot &&
	    ballot_each_open(c->db, d->id, open_choice, NULL) != DB_OK)
		rc = cli_error(CLI_FAIL, "cannot read the ballots");
	vbuf_release(&v);
	decision_free(&d);
	return (rc);
}

/* cmd_decide_audit - moot decide audit ID: recount the stored ballots and
 * compare with the recorded result; exit 1 if they differ, or if a
 * closed secret vote's ballots still name their voters */
int
cmd_decide_audit(struct cli *c, int argc, char **argv)
{
	struct decision_row	*d = NULL;
	struct gov_tally	 t;
	struct vbuf		 v;
	int64_t			 named = 0;
	int			 rc;

	if ((rc = load_arg(c, argc, argv, cli_command_for(cmd_decide_audit),
	    &d)) != CLI_OK)
		return (rc == CLI_HELPED ? CLI_OK : rc);
	vbuf_init(&v, 1024);
	if (gov_tally_count(c->db, d, &t) == -1 ||
	    ballot_named(c->db, d->id, &named) != DB_OK) {
		rc = cli_error(CLI_FAIL, "cannot count the ballots");
		goto out;
	}
	gov_tally_format(&t, &v);
	printf("recount: %s\nballots: %lld\n", escaped(vbuf_str(&v)),
	    (long long)t.cast);
	if (d->state == DS_OPEN) {
		printf("audit: open; nothing recorded yet to compare\n");
		goto out;
	}
	printf("recorded: %s\nturnout: %lld\n", escaped(d->result),
	    (long long)d->turnout);
	if (d->result == NULL || strcmp(d->result, vbuf_str(&v)) != 0 ||
	    d->turnout != t.cast)
		rc = cli_error(CLI_USAGE, "decision %lld: the recount differs "
		    "from the recorded result", (long long)d->id);
	else if (!d->open_ballot && named > 0)
		rc = cli_error(CLI_USAGE, "decision %lld: %lld ballot(s) still "
		    "name their voter", (long long)d->id, (long long)named);
	else
		printf("audit: the recount matches the recorded result\n");
out:
	vbuf_release(&v);
	decision_free(&d);
	return (rc);
}
