/*
 * cli_list.c - moot list ... and moot member ...
 */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/addr.h"
#include "global/listaddr.h"
#include "util/alloc.h"
#include "cli/cli.h"
#include "util/clock.h"
#include "db/db.h"
#include "list/ctx.h"
#include "db/db_list.h"
#include "db/db_spool.h"
#include "list/membership.h"
#include "global/tmpl.h"
#include "util/vis.h"
#include "util/sys_defs.h"

/* valid_digest_at - "Mon 10:00" .. "Sun 23:59", or "daily 10:00" */
static int
valid_digest_at(const char *s)
{
	static const char *const days[] = { "mon", "tue", "wed", "thu", "fri",
	    "sat", "sun", "daily" };
	size_t	dl = strcspn(s, " ");
	int	h, m;
	char	tail;

	for (size_t i = 0; i < nitems(days); i++)
		if (strlen(days[i]) == dl && strncasecmp(s, days[i], dl) == 0 &&
		    sscanf(s + dl, " %2d:%2d%c", &h, &m, &tail) == 2 &&
		    h >= 0 && h < 24 && m >= 0 && m < 60)
			return (1);
	return (0);
}

enum {
	O_MODERATED = 256, O_NO_MODERATED, O_MEMBERS_ONLY, O_NO_MEMBERS_ONLY,
	O_DESCRIPTION, O_REQUIRES, O_NO_REQUIRES, O_DIGEST, O_NO_DIGEST,
	O_PREFIX, O_MAX_SIZE, O_LANGUAGE, O_ENDS, O_NO_ENDS, O_FORCE,
	O_ROLE, O_LANG, O_MODE_DIGEST, O_MODE_MAIL, O_MODE_NOMAIL, O_NAME,
	O_TERM_START, O_TERM_END, O_HELP, O_NONMEMBER, O_HOLD_SIZE,
	O_MAX_RCPTS, O_AUTOMATED, O_NOTIFY_HELD, O_NO_NOTIFY_HELD, O_ESCALATE,
	O_TURN, O_WHO, O_APPROVE_JOINS, O_NO_APPROVE_JOINS, O_HIDDEN,
	O_NO_HIDDEN, O_BULK, O_NO_BULK,
};

static const struct option list_opts[] = {
	{ "moderated", no_argument, NULL, O_MODERATED },
	{ "no-moderated", no_argument, NULL, O_NO_MODERATED },
	{ "members-only", no_argument, NULL, O_MEMBERS_ONLY },
	{ "no-members-only", no_argument, NULL, O_NO_MEMBERS_ONLY },
	{ "description", required_argument, NULL, O_DESCRIPTION },
	{ "requires", required_argument, NULL, O_REQUIRES },
	{ "no-requires", no_argument, NULL, O_NO_REQUIRES },
	{ "digest", required_argument, NULL, O_DIGEST },
	{ "no-digest", no_argument, NULL, O_NO_DIGEST },
	{ "subject-prefix", required_argument, NULL, O_PREFIX },
	{ "max-size", required_argument, NULL, O_MAX_SIZE },
	{ "language", required_argument, NULL, O_LANGUAGE },
	{ "ends", required_argument, NULL, O_ENDS },
	{ "no-ends", no_argument, NULL, O_NO_ENDS },
	{ "force", no_argument, NULL, O_FORCE },
	{ "nonmember", required_argument, NULL, O_NONMEMBER },
	{ "hold-size", required_argument, NULL, O_HOLD_SIZE },
	{ "max-recipients", required_argument, NULL, O_MAX_RCPTS },
	{ "automated", required_argument, NULL, O_AUTOMATED },
	{ "notify-held", no_argument, NULL, O_NOTIFY_HELD },
	{ "no-notify-held", no_argument, NULL, O_NO_NOTIFY_HELD },
	{ "escalate", required_argument, NULL, O_ESCALATE },
	{ "turn", required_argument, NULL, O_TURN },
	{ "who", required_argument, NULL, O_WHO },
	{ "approve-joins", no_argument, NULL, O_APPROVE_JOINS },
	{ "no-approve-joins", no_argument, NULL, O_NO_APPROVE_JOINS },
	{ "hidden", no_argument, NULL, O_HIDDEN },
	{ "no-hidden", no_argument, NULL, O_NO_HIDDEN },
	{ "bulk", no_argument, NULL, O_BULK },
	{ "no-bulk", no_argument, NULL, O_NO_BULK },
	{ "help", no_argument, NULL, O_HELP },
	{ NULL, 0, NULL, 0 },
};

/* set_word - *field = optarg if it is one of the two words */
static int
set_word(char **field, const char *opt, const char *a, const char *b)
{
	if (strcmp(optarg, a) != 0 && strcmp(optarg, b) != 0)
		return (cli_error(CLI_USAGE, "--%s: \"%s\" is not %s or %s",
		    opt, optarg, a, b));
	free(*field);
	*field = xstrdup(optarg);
	return (CLI_OK);
}

/*
 * list_options - apply the options of list create / list set to l.
 * Returns CLI_OK, or an exit status after saying what is wrong.  The
 * requires option needs the database, so it is resolved here too.
 */
static int
list_options(struct cli *c, int argc, char **argv, struct list *l,
    int (*run)(struct cli *, int, char **), int *force)
{
	struct list	*req = NULL;
	int64_t		 n;
	time_t		 t;
	char		*end;
	int		 ch, rc;

	while ((ch = getopt_long(argc, argv, "h", list_opts, NULL)) != -1) {
		switch (ch) {
		case O_MODERATED: l->moderated = 1; break;
		case O_NO_MODERATED: l->moderated = 0; break;
		case O_MEMBERS_ONLY: l->members_only = 1; break;
		case O_NO_MEMBERS_ONLY: l->members_only = 0; break;
		case O_DESCRIPTION:
			if (!cli_plain_text(optarg))
				return (cli_error(CLI_USAGE, "--description: "
				    "no control characters, please"));
			free(l->description);
			l->description = xstrdup(optarg);
			break;
		case O_REQUIRES:
			if ((rc = cli_db(c)) != CLI_OK)
				return (rc);
			if (list_load(c->db, optarg, &req) != DB_OK)
				return (cli_error(CLI_USAGE, "--requires: no "
				    "list is called %s", optarg));
			if (strcmp(req->name, l->name) == 0) {
				list_free(&req);
				return (cli_error(CLI_USAGE, "--requires: a "
				    "list cannot require itself"));
			}
			l->requires_id = req->id;
			list_free(&req);
			break;
		case O_NO_REQUIRES: l->requires_id = 0; break;
		case O_DIGEST:
			if (!valid_digest_at(optarg))
				return (cli_error(CLI_USAGE, "--digest: \"%s\" "
				    "is not a day and time such as \"Mon 10:00\" "
				    "or \"daily 18:00\"", optarg));
			free(l->digest_at);
			l->digest_at = xstrdup(optarg);
			break;
		case O_NO_DIGEST:
			free(l->digest_at);
			l->digest_at = NULL;
			break;
		case O_PREFIX:
			if (!cli_plain_text(optarg) || strlen(optarg) > 40)
				return (cli_error(CLI_USAGE, "--subject-prefix: "
				    "at most 40 characters, no controls"));
			free(l->subject_prefix);
			l->subject_prefix = xstrdup(optarg);
			break;
		case O_MAX_SIZE:
			if ((n = conf_parse_size(optarg)) < 1024)
				return (cli_error(CLI_USAGE, "--max-size: \"%s\" "
				    "is not a size of at least 1k, such as 512k "
				    "or 10M", optarg));
			l->max_bytes = n;
			break;
		case O_LANGUAGE:
			if ((rc = cli_conf(c)) != CLI_OK)
				return (rc);
			if (!tmpl_has_language(&c->conf, optarg))
				return (cli_error(CLI_USAGE, "--language: moot "
				    "has no templates in \"%s\" (see %s)",
				    optarg, c->conf.templates));
			free(l->language);
			l->language = xstrdup(optarg);
			break;
		case O_ENDS:
			/* Dates are in the site's zone: the conf says which. */
			if ((rc = cli_conf(c)) != CLI_OK)
				return (rc);
			if (clock_parse_when(optarg, &t) == -1)
				return (cli_error(CLI_USAGE, "--ends: \"%s\" is "
				    "not a date such as 2027-03-31", optarg));
			l->ends_at = t;
			break;
		case O_NO_ENDS: l->ends_at = 0; break;
		case O_NONMEMBER:
			if ((rc = set_word(&l->nonmember, "nonmember", "hold",
			    "reject")) != CLI_OK)
				return (rc);
			break;
		case O_AUTOMATED:
			if ((rc = set_word(&l->automated, "automated", "hold",
			    "drop")) != CLI_OK)
				return (rc);
			break;
		case O_HOLD_SIZE:
			if ((n = conf_parse_size(optarg)) < 0)
				return (cli_error(CLI_USAGE, "--hold-size: \"%s\" "
				    "is not a size such as 512k (0: none)",
				    optarg));
			l->hold_bytes = n;
			break;
		case O_MAX_RCPTS:
			n = strtoll(optarg, &end, 10);
			if (*end != '\0' || n < 1 || n > 10000)
				return (cli_error(CLI_USAGE, "--max-recipients: "
				    "a number from 1 to 10000"));
			l->max_recipients = n;
			break;
		case O_NOTIFY_HELD: l->notify_held = 1; break;
		case O_NO_NOTIFY_HELD: l->notify_held = 0; break;
		case O_ESCALATE:
			if ((n = conf_parse_duration(optarg)) < 60)
				return (cli_error(CLI_USAGE, "--escalate: \"%s\" "
				    "is not a duration of a minute or more, such "
				    "as 24h", optarg));
			l->escalate_after = n;
			break;
		case O_TURN:
			if ((n = conf_parse_duration(optarg)) < 86400 ||
			    n % 86400 != 0 || n > 366 * 86400)
				return (cli_error(CLI_USAGE, "--turn: \"%s\" is "
				    "not a whole number of days or weeks, such "
				    "as 1w or 3d", optarg));
			l->turn_days = n / 86400;
			break;
		case O_WHO:
			if ((rc = set_word(&l->who, "who", "nobody",
			    "members")) != CLI_OK)
				return (rc);
			break;
		case O_APPROVE_JOINS: l->approve_joins = 1; break;
		case O_NO_APPROVE_JOINS: l->approve_joins = 0; break;
		case O_HIDDEN: l->hidden = 1; break;
		case O_NO_HIDDEN: l->hidden = 0; break;
		case O_BULK: l->bulk = 1; break;
		case O_NO_BULK: l->bulk = 0; break;
		case O_FORCE:
			if (force == NULL)
				return (cli_help(cli_command_for(run), 1));
			*force = 1;
			break;
		case O_HELP:
		case 'h':
			return ((cli_help(cli_command_for(run), 0), CLI_HELPED));
		default:
			return (cli_help(cli_command_for(run), 1));
		}
	}
	return (CLI_OK);
}

/* cmd_list_create - moot list create NAME [options] */
int
cmd_list_create(struct cli *c, int argc, char **argv)
{
	struct list	 l;
	int		 rc;

	memset(&l, 0, sizeof(l));
	if (argc < 2 || argv[1][0] == '-') {
		if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
		    strcmp(argv[1], "-h") == 0))
			return (cli_help(cli_command_for(cmd_list_create), 0));
		return (cli_help(cli_command_for(cmd_list_create), 1));
	}
	if (listaddr_name_check(argv[1], &c->err) == -1)
		return (cli_error(CLI_USAGE, "%s: %s", argv[1],
		    vbuf_str(&c->err)));
	l.name = xstrdup(argv[1]);
	l.description = xstrdup("");
	optind = 2;
	if ((rc = list_options(c, argc, argv, &l, cmd_list_create, NULL)) !=
	    CLI_OK)
		goto out;
	if (optind != argc) {
		rc = cli_help(cli_command_for(cmd_list_create), 1);
		goto out;
	}
	if ((rc = cli_db(c)) != CLI_OK)
		goto out;
	switch (list_insert(c->db, &l)) {
	case DB_OK:
		printf("list %s created: %s@%s\n", l.name, l.name,
		    c->conf.domain);
		rc = CLI_OK;
		break;
	case DB_CONFLICT:
		rc = cli_error(CLI_USAGE, "a list called %s exists already",
		    l.name);
		break;
	default:
		rc = cli_error(CLI_FAIL, "cannot create the list");
	}
out:
	free(l.name);
	free(l.description);
	free(l.subject_prefix);
	free(l.language);
	free(l.digest_at);
	free(l.nonmember);
	free(l.automated);
	free(l.who);
	return (rc == CLI_HELPED ? CLI_OK : rc);
}

/* wants_help - argv[1] is -h or --help */
static int
wants_help(int argc, char **argv)
{
	return (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0));
}

/* cmd_list_set - moot list set NAME [options] */
int
cmd_list_set(struct cli *c, int argc, char **argv)
{
	struct list	*l = NULL;
	int		 rc;

	if (wants_help(argc, argv))
		return (cli_help(cli_command_for(cmd_list_set), 0));
	if (argc < 3)
		return (cli_help(cli_command_for(cmd_list_set), 1));
	if ((rc = cli_load_list(c, argv[1], &l)) != CLI_OK)
		return (rc);
	optind = 2;
	if ((rc = list_options(c, argc, argv, l, cmd_list_set, NULL)) !=
	    CLI_OK)
		goto out;
	if (optind != argc) {
		rc = cli_help(cli_command_for(cmd_list_set), 1);
		goto out;
	}
	if (list_update(c->db, l) != DB_OK)
		rc = cli_error(CLI_FAIL, "cannot change list %s", l->name);
	else
		printf("list %s changed\n", l->name);
out:
	list_free(&l);
	return (rc == CLI_HELPED ? CLI_OK : rc);
}

/* cmd_list_show - moot list show NAME */
int
cmd_list_show(struct cli *c, int argc, char **argv)
{
	struct list	*l = NULL;
	struct vbuf	 v;
	int64_t		 n = 0;
	char		 when[32], prefix[64];
	int		 rc;

	if (wants_help(argc, argv))
		return (cli_help(cli_command_for(cmd_list_show), 0));
	if (argc != 2)
		return (cli_help(cli_command_for(cmd_list_show), 1));
	if ((rc = cli_load_list(c, argv[1], &l)) != CLI_OK)
		return (rc);
	(void)member_count(c->db, l->id, &n);
	vbuf_init(&v, VBUF_NOMAX);
	vis_append(&v, l->description);
	printf("name: %s\n", l->name);
	printf("address: %s@%s\n", l->name, c->conf.domain);
	printf("description: %s\n", vbuf_str(&v));
	printf("moderated: %s\n", cli_yes(l->moderated));
	printf("members-only: %s\n", cli_yes(l->members_only));
	vbuf_reset(&v);
	vis_append(&v, l->subject_prefix != NULL ? l->subject_prefix :
	    (snprintf(prefix, sizeof(prefix), "[%s]", l->name), prefix));
	printf("subject-prefix: %s\n", vbuf_str(&v));
	printf("max-size: %lld\n", (long long)(l->max_bytes > 0 ?
	    l->max_bytes : c->conf.lim.message_bytes));
	printf("language: %s\n", l->language != NULL ? l->language :
	    c->conf.language);
	printf("requires: %s\n", l->requires_name != NULL ?
	    l->requires_name : "-");
	printf("digest: %s\n", l->digest_at != NULL ? l->digest_at : "-");
	printf("ends: %s\n", cli_when(l->ends_at, when, sizeof(when)));
	printf("nonmember: %s\n", l->nonmember);
	printf("hold-size: %lld\n", (long long)l->hold_bytes);
	printf("max-recipients: %lld\n", (long long)(l->max_recipients > 0 ?
	    l->max_recipients : LIST_DEFAULT_MAX_RCPTS));
	printf("automated: %s\n", l->automated);
	printf("notify-held: %s\n", cli_yes(l->notify_held));
	printf("turn: %lldd\n", (long long)l->turn_days);
	printf("escalate: %llds\n", (long long)l->escalate_after);
	printf("who: %s\n", l->who);
	printf("approve-joins: %s\n", cli_yes(l->approve_joins));
	printf("hidden: %s\n", cli_yes(l->hidden));
	printf("bulk: %s\n", cli_yes(l->bulk));
	printf("members: %lld\n", (long long)n);
	vbuf_release(&v);
	list_free(&l);
	return (CLI_OK);
}

static int
print_list_line(const struct list *l, void *arg)
{
	struct cli	*c = arg;
	struct vbuf	 v;
	int64_t		 n = 0;

	(void)member_count(c->db, l->id, &n);
	vbuf_init(&v, VBUF_NOMAX);
	vis_append(&v, l->description);
	printf("%-28s %6lld  %s%s%s\n", l->name, (long long)n,
	    l->moderated ? "moderated " : "",
	    l->members_only ? "members-only " : "", vbuf_str(&v));
	vbuf_release(&v);
	return (0);
}

/* cmd_list_ls - moot list ls */
int
cmd_list_ls(struct cli *c, int argc, char **argv)
{
	int	rc;

	if (wants_help(argc, argv))
		return (cli_help(cli_command_for(cmd_list_ls), 0));
	if (argc != 1)
		return (cli_help(cli_command_for(cmd_list_ls), 1));
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	if (list_each(c->db, print_list_line, c) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot read the lists"));
	return (CLI_OK);
}

/* cmd_list_rm - moot list rm NAME [--force] */
int
cmd_list_rm(struct cli *c, int argc, char **argv)
{
	struct list	*l = NULL;
	int64_t		 n = 0;
	int		 rc, force = 0;

	if (wants_help(argc, argv))
		return (cli_help(cli_command_for(cmd_list_rm), 0));
	if (argc < 2)
		return (cli_help(cli_command_for(cmd_list_rm), 1));
	if ((rc = cli_load_list(c, argv[1], &l)) != CLI_OK)
		return (rc);
	optind = 2;
	if ((rc = list_options(c, argc, argv, l, cmd_list_rm, &force)) !=
	    CLI_OK || optind != argc) {
		list_free(&l);
		if (rc == CLI_HELPED)
			return (CLI_OK);
		return (rc != CLI_OK ? rc :
		    cli_help(cli_command_for(cmd_list_rm), 1));
	}
	(void)member_count(c->db, l->id, &n);
	if (n > 0 && !force) {
		rc = cli_error(CLI_USAGE, "list %s has %lld members; add "
		    "--force to remove it and them", l->name, (long long)n);
	} else if (list_delete(c->db, l->id) != DB_OK)
		rc = cli_error(CLI_FAIL, "cannot remove list %s", l->name);
	else
		printf("list %s removed\n", l->name);
	list_free(&l);
	return (rc);
}

static const struct option member_opts[] = {
	{ "role", required_argument, NULL, O_ROLE },
	{ "lang", required_argument, NULL, O_LANG },
	{ "digest", no_argument, NULL, O_MODE_DIGEST },
	{ "mail", no_argument, NULL, O_MODE_MAIL },
	{ "nomail", no_argument, NULL, O_MODE_NOMAIL },
	{ "name", required_argument, NULL, O_NAME },
	{ "term-start", required_argument, NULL, O_TERM_START },
	{ "term-end", required_argument, NULL, O_TERM_END },
	{ "help", no_argument, NULL, O_HELP },
	{ NULL, 0, NULL, 0 },
};

/* member_options - apply member add / set options to m */
static int
member_options(struct cli *c, int argc, char **argv, struct member *m,
    int (*run)(struct cli *, int, char **))
{
	time_t	t;
	int	ch, rc;

	while ((ch = getopt_long(argc, argv, "h", member_opts, NULL)) != -1) {
		switch (ch) {
		case O_ROLE:
			if (!member_role_ok(optarg))
				return (cli_error(CLI_USAGE, "--role: \"%s\" is "
				    "not one of member, moderator, owner, "
				    "organiser, chair", optarg));
			free(m->role);
			m->role = xstrdup(optarg);
			break;
		case O_LANG:
			if ((rc = cli_conf(c)) != CLI_OK)
				return (rc);
			if (!tmpl_has_language(&c->conf, optarg))
				return (cli_error(CLI_USAGE, "--lang: moot has "
				    "no templates in \"%s\"", optarg));
			free(m->language);
			m->language = xstrdup(optarg);
			break;
		case O_MODE_DIGEST:
		case O_MODE_MAIL:
		case O_MODE_NOMAIL:
			free(m->mode);
			m->mode = xstrdup(ch == O_MODE_DIGEST ? "digest" :
			    ch == O_MODE_MAIL ? "mail" : "nomail");
			break;
		case O_NAME:
			if (!cli_plain_text(optarg))
				return (cli_error(CLI_USAGE, "--name: no "
				    "control characters, please"));
			free(m->name);
			m->name = xstrdup(optarg);
			break;
		case O_TERM_START:
		case O_TERM_END:
			if ((rc = cli_conf(c)) != CLI_OK)
				return (rc);
			if (clock_parse_when(optarg, &t) == -1)
				return (cli_error(CLI_USAGE, "--%s: \"%s\" is "
				    "not a date such as 2027-03-31",
				    ch == O_TERM_START ? "term-start" :
				    "term-end", optarg));
			if (ch == O_TERM_START)
				m->term_start = t;
			else
				m->term_end = t;
			break;
		case O_HELP:
		case 'h':
			return ((cli_help(cli_command_for(run), 0), CLI_HELPED));
		default:
			return (cli_help(cli_command_for(run), 1));
		}
	}
	vbuf_reset(&c->err);
	if (membership_term(m, clock_now(), &c->err) == -1)
		return (cli_error(CLI_USAGE, "%s: %s", m->addr,
		    vbuf_str(&c->err)));
	return (CLI_OK);
}

/* member_target - the list (argv[1]) and canonical address (argv[2]) */
static int
member_target(struct cli *c, int argc, char **argv,
    int (*run)(struct cli *, int, char **), struct list **l, char **addr)
{
	int	rc;

	if (wants_help(argc, argv))
		return ((cli_help(cli_command_for(run), 0), CLI_HELPED));
	if (argc < 3 || argv[2][0] == '-')
		return (cli_help(cli_command_for(run), 1));
	if (addr_check(argv[2], &c->err) == -1)
		return (cli_error(CLI_USAGE, "%s: %s", argv[2],
		    vbuf_str(&c->err)));
	if ((rc = cli_load_list(c, argv[1], l)) != CLI_OK)
		return (rc);
	*addr = addr_canon_new(argv[2]);
	return (CLI_OK);
}

/* cmd_member_add - moot member add LIST ADDR [options] */
int
cmd_member_add(struct cli *c, int argc, char **argv)
{
	struct list	*l = NULL;
	struct member	 m;
	int		 rc;

	memset(&m, 0, sizeof(m));
	if ((rc = member_target(c, argc, argv, cmd_member_add, &l, &m.addr)) !=
	    CLI_OK)
		return (rc == CLI_HELPED ? CLI_OK : rc);
	m.list_id = l->id;
	optind = 3;
	if ((rc = member_options(c, argc, argv, &m, cmd_member_add)) != CLI_OK)
		goto out;
	if (optind != argc) {
		rc = cli_help(cli_command_for(cmd_member_add), 1);
		goto out;
	}
	switch (membership_refusal(c->db, l, m.addr)) {
	case JOIN_ENDED:
		rc = cli_error(CLI_USAGE, "list %s has ended: it takes no new "
		    "members (moot list set %s --no-ends to open it again)",
		    l->name, l->name);
		goto out;
	case JOIN_REQUIRES:
		rc = cli_error(CLI_USAGE, "%s is not a member of %s, which %s "
		    "requires (add them to %s first)", m.addr,
		    l->requires_name, l->name, l->requires_name);
		goto out;
	case JOIN_OK:
		break;
	}
	{
		struct ctx	x = { &c->conf, c->db, NULL };

		if (db_begin(c->db) != DB_OK) {
			rc = cli_error(CLI_FAIL, "cannot lock the database");
			goto out;
		}
		if ((rc = membership_add(&x, l, &m)) == DB_OK &&
		    (rc = audit_add(c->db, l->id, 0, "cli", "join", m.addr)) ==
		    DB_OK)
			rc = db_commit(c->db);
		else
			db_rollback(c->db);
	}
	switch (rc) {
	case DB_OK:
		rc = CLI_OK;
		printf("%s added to %s as %s\n", m.addr, l->name,
		    m.role != NULL ? m.role : "member");
		break;
	case DB_CONFLICT:
		rc = cli_error(CLI_USAGE, "%s is already on %s (use member "
		    "set to change it)", m.addr, l->name);
		break;
	default:
		rc = cli_error(CLI_FAIL, "cannot add %s", m.addr);
	}
out:
	free(m.addr);
	free(m.name);
	free(m.role);
	free(m.language);
	free(m.mode);
	free(m.leave_token);
	list_free(&l);
	return (rc == CLI_HELPED ? CLI_OK : rc);
}

/* cmd_member_set - moot member set LIST ADDR [options] */
int
cmd_member_set(struct cli *c, int argc, char **argv)
{
	struct list	*l = NULL;
	struct member	*m = NULL;
	char		*addr = NULL;
	int		 rc;

	if ((rc = member_target(c, argc, argv, cmd_member_set, &l, &addr)) !=
	    CLI_OK)
		return (rc == CLI_HELPED ? CLI_OK : rc);
	if ((rc = member_load(c->db, l->id, addr, &m)) != DB_OK) {
		rc = rc == DB_NOTFOUND ? cli_error(CLI_USAGE, "%s is not on "
		    "%s", addr, l->name) : cli_error(CLI_FAIL, "cannot read "
		    "member %s", addr);
		goto out;
	}
	optind = 3;
	if ((rc = member_options(c, argc, argv, m, cmd_member_set)) != CLI_OK)
		goto out;
	if (optind != argc) {
		rc = cli_help(cli_command_for(cmd_member_set), 1);
		goto out;
	}
	if (member_update(c->db, m) != DB_OK)
		rc = cli_error(CLI_FAIL, "cannot change member %s", addr);
	else
		printf("%s on %s changed\n", addr, l->name);
out:
	member_free(&m);
	free(addr);
	list_free(&l);
	return (rc == CLI_HELPED ? CLI_OK : rc);
}

/* cmd_member_rm - moot member rm LIST ADDR */
int
cmd_member_rm(struct cli *c, int argc, char **argv)
{
	struct list	*l = NULL;
	char		*addr = NULL;
	int		 rc;

	if ((rc = member_target(c, argc, argv, cmd_member_rm, &l, &addr)) !=
	    CLI_OK)
		return (rc == CLI_HELPED ? CLI_OK : rc);
	if (argc != 3) {
		rc = cli_help(cli_command_for(cmd_member_rm), 1);
		goto out;
	}
	if (db_begin(c->db) != DB_OK) {
		rc = cli_error(CLI_FAIL, "cannot lock the database");
		goto out;
	}
	vbuf_reset(&c->err);
	{
		struct ctx	x = { &c->conf, c->db, NULL };

		/* Leaving a list leaves those that require it (issue 6). */
		if ((rc = membership_remove(&x, l, addr, "cli", &c->err)) ==
		    DB_OK)
			rc = db_commit(c->db);
		else
			db_rollback(c->db);
	}
	switch (rc) {
	case DB_OK:
		rc = CLI_OK;
		printf("%s removed from %s\n", addr, l->name);
		if (c->err.len > 0)
			printf("%s also removed from %s (they require %s); "
			    "told by mail\n", addr, vbuf_str(&c->err),
			    l->name);
		break;
	case DB_NOTFOUND:
		rc = cli_error(CLI_USAGE, "%s is not on %s", addr, l->name);
		break;
	default:
		rc = cli_error(CLI_FAIL, "cannot remove %s", addr);
	}
out:
	free(addr);
	list_free(&l);
	return (rc);
}

static int
print_member(const struct member *m, void *arg)
{
	struct vbuf	 v;
	char		 when[32], start[32];

	(void)arg;
	vbuf_init(&v, VBUF_NOMAX);
	vis_append(&v, m->name);
	printf("%-40s %-9s %-6s %-5s %s", m->addr, m->role, m->mode,
	    m->language != NULL ? m->language : "-", vbuf_str(&v));
	if (m->term_end > 0) {
		time_t	now = clock_now();

		(void)snprintf(start, sizeof(start), "-");
		if (m->term_start > 0) {
			clock_iso((time_t)m->term_start, start, sizeof(start));
			start[10] = '\0';
		}
		clock_iso((time_t)m->term_end, when, sizeof(when));
		when[10] = '\0';
		printf("%sterm %s to %s%s", v.len > 0 ? "; " : "", start, when,
		    now >= m->term_end ? " (ENDED)" : now + TERM_WARN_DAYS *
		    86400LL >= m->term_end ? " (ends soon)" : "");
	}
	printf("\n");
	vbuf_release(&v);
	return (0);
}

/* cmd_member_ls - moot member ls LIST */
int
cmd_member_ls(struct cli *c, int argc, char **argv)
{
	struct list	*l = NULL;
	int		 rc;

	if (wants_help(argc, argv))
		return (cli_help(cli_command_for(cmd_member_ls), 0));
	if (argc != 2)
		return (cli_help(cli_command_for(cmd_member_ls), 1));
	if ((rc = cli_load_list(c, argv[1], &l)) != CLI_OK)
		return (rc);
	if (member_each(c->db, l->id, print_member, NULL) != DB_OK)
		rc = cli_error(CLI_FAIL, "cannot read the members");
	list_free(&l);
	return (rc);
}
