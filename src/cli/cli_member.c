/*
 * cli_member.c - moot member ...: add, set, rm, ls
 *
 * Owns: the table of a member's settings (member_settings), one row a
 * setting, as cli_list.c has for a list's; who may join and an
 * organiser's term are membership.c's rules.  Import and export are
 * cli_csv.c's.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/addr.h"
#include "cli/cli.h"
#include "cli/cli_setting.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "db/db.h"
#include "list/ctx.h"
#include "db/db_list.h"
#include "db/db_audit.h"
#include "db/db_spool.h"
#include "list/membership.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

#define ROLES	"member|moderator|owner|organiser|chair"
#define M(f)	offsetof(struct member, f)

/* set_digest_plain - --digest-plain: digest mode, the digest as RFC
 * 1153 plain text (the mode word "plain": db_list.h) */
static int
set_digest_plain(struct cli *c, const struct cli_setting *s, void *rec,
    const char *arg, int on)
{
	cli_set_string(rec, s, "plain");
	return (CLI_OK);
}

/* set_org - --org NAME, kept without the white space around it (the
 * rule is membership.h's); --no-org clears it */
static int
set_org(struct cli *c, const struct cli_setting *s, void *rec,
    const char *arg, int on)
{
	const char	*p;
	char		*v;
	size_t		 n;

	if (!on) {
		cli_set_string(rec, s, NULL);
		return (CLI_OK);
	}
	p = membership_org_trim(arg, &n);
	if (n == 0 || n > MEMBERSHIP_ORG_MAX || !cli_plain_text(arg))
		return (cli_setting_bad(c, s, arg));
	v = xstrndup(p, n);
	cli_set_string(rec, s, v);
	free(v);
	return (CLI_OK);
}

/* A member's settings, in the order of the usage lines; the three that
 * set the mode share a pair of brackets there. */
static const struct cli_setting member_rows[] = {
	{ .name = "role", .has_arg = required_argument, .off = M(role),
	    .set = cli_set_choice, .choices = ROLES, .arg = "ROLE",
	    .arg_new = ROLES },
	{ .name = "lang", .has_arg = required_argument, .off = M(language),
	    .set = cli_set_lang, .arg = "CODE",
	    .want = "moot has no templates in \"{arg}\"" },
	{ .name = "digest", .off = M(mode), .set = cli_set_word },
	{ .name = "digest-plain", .off = M(mode), .set = set_digest_plain },
	{ .name = "mail", .off = M(mode), .set = cli_set_word,
	    .hide_new = 1 },
	{ .name = "nomail", .off = M(mode), .set = cli_set_word },
	{ .name = "name", .has_arg = required_argument, .off = M(name),
	    .set = cli_set_text, .arg = "NAME",
	    .want = "no control characters, please" },
	{ .name = "term-start", .has_arg = required_argument,
	    .off = M(term_start), .set = cli_set_date, .arg = "WHEN",
	    .want = "\"{arg}\" is not a date such as 2027-03-31" },
	{ .name = "term-end", .has_arg = required_argument,
	    .off = M(term_end), .set = cli_set_date, .arg = "WHEN",
	    .want = "\"{arg}\" is not a date such as 2027-03-31" },
	/* a newsletter list's weekly update alone (its default) */
	{ .name = "update", .off = M(mode), .set = cli_set_word },
	{ .name = "org", .has_arg = required_argument, .off = M(org),
	    .set = set_org, .arg = "NAME", .unset = 1,
	    .want = "an organisation's name, without control characters, "
	    "at most 200 bytes" },
};
#undef M

const struct cli_settings member_settings = {
	member_rows, nitems(member_rows), NULL
};

/* member_options - apply member add / set options, from argv[3] on, to
 * m; then the rules of an organiser's term */
static int
member_options(struct cli *c, int argc, char **argv, struct member *m,
    int (*run)(struct cli *, int, char **))
{
	int	rc;

	if ((rc = cli_settings_parse(c, cli_command_for(run),
	    &member_settings, m, argc, argv, 3, NULL)) != CLI_OK)
		return (rc);
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

	if (cli_wants_help(argc, argv))
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

/* member_join - m joins l, with its line in the audit log, and the
 * transaction the caller began ends: committed, or rolled back; a DB_
 * code */
static int
member_join(struct cli *c, struct list *l, struct member *m)
{
	struct ctx	x = { &c->conf, c->db, NULL };
	int		rc;

	if ((rc = membership_add(&x, l, m)) == DB_OK &&
	    (rc = audit_add(c->db, l->id, 0, "cli", "join", m->addr)) ==
	    DB_OK)
		rc = db_commit(c->db);
	else
		db_rollback(c->db);
	return (rc);
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
	if ((rc = member_options(c, argc, argv, &m, cmd_member_add)) != CLI_OK)
		goto out;
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
	if (db_begin(c->db) != DB_OK) {
		rc = cli_error(CLI_FAIL, "cannot lock the database");
		goto out;
	}
	switch (member_join(c, l, &m)) {
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
	member_release(&m);
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
	if (argc < 4) {
		/* Nothing to set is a mistake, as it is for list set. */
		rc = cli_help(cli_command_for(cmd_member_set), 1);
		goto out;
	}
	if ((rc = member_load(c->db, l->id, addr, &m)) != DB_OK) {
		rc = rc == DB_NOTFOUND ? cli_error(CLI_USAGE, "%s is not on "
		    "%s", addr, l->name) : cli_error(CLI_FAIL, "cannot read "
		    "member %s", addr);
		goto out;
	}
	if ((rc = member_options(c, argc, argv, m, cmd_member_set)) != CLI_OK)
		goto out;
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
	/* The organisation after the name, before the term: the columns
	 * before the name stay where scripts look for them. */
	if (m->org != NULL) {
		if (v.len > 0)
			vbuf_puts(&v, "; ");
		vbuf_puts(&v, "org ");
		vis_append(&v, m->org);
	}
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

	if (cli_wants_help(argc, argv))
		return (cli_help(cli_command_for(cmd_member_ls), 0));
	if (argc == 3 && (strcmp(argv[2], "--attendance") == 0 ||
	    strcmp(argv[2], "--bounces") == 0)) {
		if ((rc = cli_load_list(c, argv[1], &l)) != CLI_OK)
			return (rc);
		rc = argv[2][2] == 'a' ? cli_attendance(c, l) :
		    cli_member_bounces(c, l);
		list_free(&l);
		return (rc);
	}
	if (argc != 2)
		return (cli_help(cli_command_for(cmd_member_ls), 1));
	if ((rc = cli_load_list(c, argv[1], &l)) != CLI_OK)
		return (rc);
	if (member_each(c->db, l->id, print_member, NULL) != DB_OK)
		rc = cli_error(CLI_FAIL, "cannot read the members");
	list_free(&l);
	return (rc);
}
