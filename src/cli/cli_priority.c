/*
 * cli_priority.c - the partnership's priorities: moot priority add, ls,
 * retire and lists
 *
 * The rules are gov/gov_priority.h's; here they are asked for and
 * printed.  When the current priorities number fewer than three or more
 * than four after a change, the change is made and moot says so on
 * standard error: the partnership agrees three or four, but a year may
 * need a fifth for a while.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "db/db.h"
#include "gov/gov_priority.h"
#include "util/clock.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

/* warn_count - the three-or-four warning, after a change */
static void
warn_count(struct cli *c)
{
	struct vbuf	w;

	vbuf_init(&w, 512);
	if (gov_priority_warning(c->db, &w) == 1)
		fprintf(stderr, "moot: warning: %s\n", vbuf_str(&w));
	vbuf_release(&w);
}

/* id_arg - s is a priority's id; CLI_OK or after saying why */
static int
id_arg(const char *s, int64_t *id)
{
	char		*end;
	long long	 v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v <= 0 || errno != 0)
		return (cli_error(CLI_USAGE, "\"%s\" is not a priority's id",
		    s));
	*id = v;
	return (CLI_OK);
}

/*
 * finish - commit what rc (0 or -1 with c->err) did, or roll it back
 * and say why; then the warning.  An exit status.
 */
static int
finish(struct cli *c, int rc)
{
	if (rc == -1) {
		db_rollback(c->db);
		return (cli_error(CLI_USAGE, "%s", vbuf_str(&c->err)));
	}
	if (db_commit(c->db) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot write the priorities"));
	warn_count(c);
	return (CLI_OK);
}

struct add_args {
	const char	*text_file;
	const char	*lists;
	int		 proposed;
	char		*words[2];
};

/* add_opt - cli_getopt's callback for moot priority add */
static int
add_opt(struct cli *c, void *ctx, int val, const char *arg)
{
	struct add_args	*a = ctx;

	(void)c;
	switch (val) {
	case 't': a->text_file = arg; break;
	case 'l': a->lists = arg; break;
	case 'p': a->proposed = 1; break;
	}
	return (CLI_OK);
}

/* cmd_priority_add - moot priority add TITLE [--text FILE] [--lists
 * L,L] [--proposed] */
int
cmd_priority_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "text", required_argument, NULL, 't' },
		{ "lists", required_argument, NULL, 'l' },
		{ "proposed", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *k = cli_command_for(cmd_priority_add);
	struct add_args	 a;
	struct cli_args	 ca = { opts, add_opt, &a, a.words,
			    nitems(a.words), 0 };
	struct vbuf	 text;
	int64_t		 id = 0;
	int		 rc;

	memset(&a, 0, sizeof(a));
	if ((rc = cli_getopt(c, k, argc, argv, 1, &ca)) != CLI_OK)
		return (rc == CLI_HELPED ? CLI_OK : rc);
	if (ca.nwords != 1)
		return (cli_help(k, 1));
	vbuf_init(&text, VBUF_NOMAX);
	if (a.text_file != NULL && cli_read_file(a.text_file,
	    GOV_PRIORITY_TEXT_MAX, "too long for a priority's text", &text) ==
	    -1) {
		vbuf_release(&text);
		return (CLI_USAGE);
	}
	if ((rc = cli_db(c)) != CLI_OK || db_begin(c->db) != DB_OK) {
		vbuf_release(&text);
		return (rc != CLI_OK ? rc : cli_error(CLI_FAIL, "cannot write "
		    "the priorities"));
	}
	vbuf_reset(&c->err);
	rc = gov_priority_add(c->db, a.words[0], vbuf_str(&text), a.proposed,
	    clock_now(), &id, &c->err);
	if (rc == 0 && a.lists != NULL)
		rc = gov_priority_set_lists(c->db, id, a.lists, &c->err);
	vbuf_release(&text);
	if ((rc = finish(c, rc)) == CLI_OK)
		printf("%lld\n", (long long)id);
	return (rc);
}

/* print_one - "ID STATE AGREED LISTS TITLE", the title last and
 * escaped: it may hold anything a person typed */
static int
print_one(const struct priority *p, void *arg)
{
	struct vbuf	v;
	char		when[32];

	(void)arg;
	vbuf_init(&v, VBUF_NOMAX);
	vis_append(&v, p->title);
	if (p->agreed_at != 0) {
		clock_iso((time_t)p->agreed_at, when, sizeof(when));
		when[10] = '\0';		/* the date */
	} else
		(void)snprintf(when, sizeof(when), "-");
	printf("%-5lld %-8s %-10s %-16s %s\n", (long long)p->id, p->state,
	    when, *p->lists != '\0' ? p->lists : "-", vbuf_str(&v));
	vbuf_release(&v);
	return (0);
}

/* not_retired - print_one, for the current and proposed ones */
static int
not_retired(const struct priority *p, void *arg)
{
	return (strcmp(p->state, "retired") == 0 ? 0 : print_one(p, arg));
}

/* ls_opt - cli_getopt's callback: --all */
static int
ls_opt(struct cli *c, void *ctx, int val, const char *arg)
{
	(void)c;
	(void)val;
	(void)arg;
	*(int *)ctx = 1;
	return (CLI_OK);
}

/* cmd_priority_ls - moot priority ls [--all] */
int
cmd_priority_ls(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *k = cli_command_for(cmd_priority_ls);
	char		*words[1];
	int		 all = 0, rc;
	struct cli_args	 ca = { opts, ls_opt, &all, words, 0, 0 };

	if ((rc = cli_getopt(c, k, argc, argv, 1, &ca)) != CLI_OK)
		return (rc == CLI_HELPED ? CLI_OK : rc);
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	if (gov_priority_each(c->db, GP_ALL, all ? print_one : not_retired,
	    NULL) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot read the priorities"));
	return (CLI_OK);
}

/*
 * change_begin - the start of a command that changes priority ID (its
 * first argument; nargs arguments in all, the command's name counted):
 * help, the id, the database, a transaction open and c->err empty.
 * CLI_OK, CLI_HELPED, or an exit status after saying why.
 */
static int
change_begin(struct cli *c, int argc, char **argv,
    int (*run)(struct cli *, int, char **), int nargs, int64_t *id)
{
	const struct cli_command *k = cli_command_for(run);
	int	rc;

	if (cli_wants_help(argc, argv)) {
		(void)cli_help(k, 0);
		return (CLI_HELPED);
	}
	if (argc != nargs)
		return (cli_help(k, 1));
	if ((rc = id_arg(argv[1], id)) != CLI_OK || (rc = cli_db(c)) !=
	    CLI_OK)
		return (rc);
	if (db_begin(c->db) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot write the priorities"));
	vbuf_reset(&c->err);
	return (CLI_OK);
}

/* cmd_priority_retire - moot priority retire ID */
int
cmd_priority_retire(struct cli *c, int argc, char **argv)
{
	int64_t	id;
	int	rc;

	if ((rc = change_begin(c, argc, argv, cmd_priority_retire, 2,
	    &id)) != CLI_OK)
		return (rc == CLI_HELPED ? CLI_OK : rc);
	if ((rc = finish(c, gov_priority_retire(c->db, id, clock_now(),
	    &c->err))) == CLI_OK)
		printf("priority %lld retired\n", (long long)id);
	return (rc);
}

/* cmd_priority_lists - moot priority lists ID LIST,LIST ("" for none) */
int
cmd_priority_lists(struct cli *c, int argc, char **argv)
{
	int64_t	id;
	int	rc;

	if ((rc = change_begin(c, argc, argv, cmd_priority_lists, 3,
	    &id)) != CLI_OK)
		return (rc == CLI_HELPED ? CLI_OK : rc);
	if ((rc = finish(c, gov_priority_set_lists(c->db, id, argv[2],
	    &c->err))) == CLI_OK)
		printf("priority %lld: lists %s\n", (long long)id,
		    *argv[2] != '\0' ? argv[2] : "-");
	return (rc);
}
