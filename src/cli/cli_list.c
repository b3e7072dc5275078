/*
 * cli_list.c - moot list ...: create, set, show, ls, rm
 *
 * Owns: the table of a list's settings (list_settings), one row a
 * setting: its option, its check, its usage words and its line in
 * `moot list show`.  A new setting is a row here and a column in
 * db/db_list.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"
#include "cli/cli.h"
#include "cli/cli_setting.h"
#include "db/db.h"
#include "db/db_list.h"
#include "global/conf.h"
#include "cal/cal_invite.h"
#include "global/listaddr.h"
#include "global/schedule.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

/* set_digest - --digest "Mon 10:00", --no-digest; and a schedule
 * alike: --newsletter "Mon 10:00", --newsletter none */
static int
set_digest(struct cli *c, const struct cli_setting *s, void *rec,
    const char *arg, int on)
{
	struct schedule	 sch;

	/* "none" is --no-digest, so that one option can take it away */
	if (on && strcasecmp(arg, "none") == 0)
		on = 0;
	if (on && schedule_parse(arg, &sch) == -1)
		return (cli_setting_bad(c, s, arg));
	cli_set_string(rec, s, on ? arg : NULL);
	return (CLI_OK);
}

/* set_reminders - --meeting-reminders 14d,2d (or none),
 * --no-meeting-reminders: the default again */
static int
set_reminders(struct cli *c, const struct cli_setting *s, void *rec,
    const char *arg, int on)
{
	int		days[CAL_REMIND_MAX];
	size_t		n;
	struct vbuf	err;
	int		bad;

	vbuf_init(&err, 256);
	bad = on && cal_reminders_parse(arg, days, &n, &err) == -1;
	vbuf_release(&err);
	if (bad)
		return (cli_setting_bad(c, s, arg));
	cli_set_string(rec, s, on ? arg : NULL);
	return (CLI_OK);
}

/* show_reminders - the list's, or the default */
static void
show_reminders(const struct cli *c, const struct cli_setting *s,
    const void *rec, struct vbuf *out)
{
	const struct list *l = rec;

	(void)c;
	(void)s;
	vbuf_puts(out, l->meeting_reminders != NULL ? l->meeting_reminders :
	    CAL_REMIND_DEFAULT);
}

/* set_requires - --requires LIST (which must exist, and not be this
 * one), --no-requires */
static int
set_requires(struct cli *c, const struct cli_setting *s, void *rec,
    const char *arg, int on)
{
	struct list	*l = rec, *req = NULL;
	int		 rc;

	if (!on) {
		l->requires_id = 0;
		return (CLI_OK);
	}
	if ((rc = cli_load_list(c, arg, &req)) != CLI_OK)
		return (rc);		/* it said: no list is called ... */
	rc = strcmp(req->name, l->name) == 0 ? cli_error(CLI_USAGE,
	    "--requires: a list cannot require itself") : CLI_OK;
	if (rc == CLI_OK)
		l->requires_id = req->id;
	list_free(&req);
	return (rc);
}

#define NOTES_TO_MAX	8	/* lists named by --notes-to */

/* set_notes_to - --notes-to LIST[,LIST] (each an existing list, up to
 * NOTES_TO_MAX), whose weekly update carries this group's approved
 * notes; --no-notes-to: none */
static int
set_notes_to(struct cli *c, const struct cli_setting *s, void *rec,
    const char *arg, int on)
{
	struct list	*other = NULL;
	char		 name[LIST_NAME_MAX + 1];
	const char	*p, *comma;
	size_t		 n = 0, len;
	int		 rc;

	if (!on) {
		cli_set_string(rec, s, NULL);
		return (CLI_OK);
	}
	for (p = arg; ; p = comma + 1) {
		comma = strchr(p, ',');
		len = comma != NULL ? (size_t)(comma - p) : strlen(p);
		if (len == 0 || len > LIST_NAME_MAX || ++n > NOTES_TO_MAX)
			return (cli_setting_bad(c, s, arg));
		memcpy(name, p, len);
		name[len] = '\0';
		if ((rc = cli_load_list(c, name, &other)) != CLI_OK)
			return (rc);	/* it said: no list is called ... */
		list_free(&other);
		if (comma == NULL)
			break;
	}
	cli_set_string(rec, s, arg);
	return (CLI_OK);
}

/* set_approve_joins - --approve-joins, the older spelling of --joins
 * approve; --no-approve-joins undoes only that, to confirm */
static int
set_approve_joins(struct cli *c, const struct cli_setting *s, void *rec,
    const char *arg, int on)
{
	struct list	*l = rec;

	if (on)
		cli_set_string(rec, s, "approve");
	else if (list_joins(l) == JOINS_APPROVE)
		cli_set_string(rec, s, "confirm");
	return (CLI_OK);
}

/* set_footer - --footer (the default), --no-footer: kept as footer_off,
 * so that a list made before schema 20, and a new one, have one */
static int
set_footer(struct cli *c, const struct cli_setting *s, void *rec,
    const char *arg, int on)
{
	*CLI_FIELD(rec, s, int) = !on;
	return (CLI_OK);
}

static void
show_footer(const struct cli *c, const struct cli_setting *s,
    const void *rec, struct vbuf *out)
{
	vbuf_puts(out, cli_yes(!*CLI_CFIELD(rec, s, int)));
}

/* The values as list show prints them, by the field's type. */
static void
show_yes(const struct cli *c, const struct cli_setting *s, const void *l,
    struct vbuf *out)
{
	vbuf_puts(out, cli_yes(*CLI_CFIELD(l, s, int)));
}

static void
show_word(const struct cli *c, const struct cli_setting *s, const void *l,
    struct vbuf *out)
{
	const char	*v = *CLI_CFIELD(l, s, char *);

	vbuf_puts(out, v != NULL ? v : "-");
}

static void
show_text(const struct cli *c, const struct cli_setting *s, const void *l,
    struct vbuf *out)
{
	vis_append(out, *CLI_CFIELD(l, s, char *));
}

static void
show_number(const struct cli *c, const struct cli_setting *s, const void *l,
    struct vbuf *out)
{
	vbuf_printf(out, "%lld", (long long)*CLI_CFIELD(l, s, int64_t));
}

/* show_given - the value as it was given (--escalate 24h is 24h), or 0
 * if it never was (a default, or a list from before schema 7) */
static int
show_given(const struct cli_setting *s, const void *l, struct vbuf *out)
{
	const char *const *given;

	if (s->given == 0)
		return (0);
	given = (const char *const *)(const void *)((const char *)l +
	    s->given);
	if (*given == NULL)
		return (0);
	vbuf_puts(out, *given);
	return (1);
}

/* Durations as they were given; those never given (defaults) as the
 * options take them, in their largest exact unit: 7d is shown 1w. */
static void
show_seconds(const struct cli *c, const struct cli_setting *s,
    const void *l, struct vbuf *out)
{
	if (!show_given(s, l, out))
		conf_format_duration(*CLI_CFIELD(l, s, int64_t), out);
}

static void
show_days(const struct cli *c, const struct cli_setting *s, const void *l,
    struct vbuf *out)
{
	if (!show_given(s, l, out))
		conf_format_duration(*CLI_CFIELD(l, s, int64_t) * 86400, out);
}

static void
show_date(const struct cli *c, const struct cli_setting *s, const void *l,
    struct vbuf *out)
{
	char	when[32];

	vbuf_puts(out, cli_when(*CLI_CFIELD(l, s, int64_t), when,
	    sizeof(when)));
}

/* ... and those whose unset value means something else. */
static void
show_prefix(const struct cli *c, const struct cli_setting *s,
    const void *rec, struct vbuf *out)
{
	const struct list *l = rec;

	if (l->subject_prefix != NULL)
		vis_append(out, l->subject_prefix);
	else {
		vbuf_putc(out, '[');
		vis_append(out, l->name);
		vbuf_putc(out, ']');
	}
}

static void
show_max_size(const struct cli *c, const struct cli_setting *s,
    const void *rec, struct vbuf *out)
{
	const struct list *l = rec;

	vbuf_printf(out, "%lld", (long long)(l->max_bytes > 0 ?
	    l->max_bytes : c->conf.lim.message_bytes));
}

static void
show_language(const struct cli *c, const struct cli_setting *s,
    const void *rec, struct vbuf *out)
{
	const struct list *l = rec;

	vbuf_puts(out, l->language != NULL ? l->language : c->conf.language);
}

static void
show_requires(const struct cli *c, const struct cli_setting *s,
    const void *rec, struct vbuf *out)
{
	const struct list *l = rec;

	vbuf_puts(out, l->requires_name != NULL ? l->requires_name : "-");
}

static void
show_max_rcpts(const struct cli *c, const struct cli_setting *s,
    const void *rec, struct vbuf *out)
{
	const struct list *l = rec;

	vbuf_printf(out, "%lld", (long long)(l->max_recipients > 0 ?
	    l->max_recipients : LIST_DEFAULT_MAX_RCPTS));
}

/* set_bounce_threshold, set_bounce_period - --bounce-threshold N and
 * --bounce-period DURATION, within the bounds [bounces] has in
 * moot.conf; --no-bounce-...: the site's value again */
static int
set_bounce_threshold(struct cli *c, const struct cli_setting *s,
    void *rec, const char *arg, int on)
{
	if (on)
		return (cli_set_count(c, s, rec, arg, on));
	*CLI_FIELD(rec, s, int64_t) = 0;
	return (CLI_OK);
}

static int
set_bounce_period(struct cli *c, const struct cli_setting *s, void *rec,
    const char *arg, int on)
{
	struct list	*l = rec;

	if (on)
		return (cli_set_seconds(c, s, rec, arg, on));
	l->bounce_period = 0;
	free(l->bounce_period_given);
	l->bounce_period_given = NULL;
	return (CLI_OK);
}

/* show_bounce_threshold, show_bounce_period - the list's, or the
 * site's [bounces] value, which is what scoring uses */
static void
show_bounce_threshold(const struct cli *c, const struct cli_setting *s,
    const void *rec, struct vbuf *out)
{
	vbuf_printf(out, "%lld", (long long)list_bounce_threshold(rec,
	    c->conf.bounce_threshold));
}

static void
show_bounce_period(const struct cli *c, const struct cli_setting *s,
    const void *rec, struct vbuf *out)
{
	const struct list *l = rec;

	if (l->bounce_period_given != NULL)
		vbuf_puts(out, l->bounce_period_given);
	else
		conf_format_duration(list_bounce_period(l,
		    c->conf.bounce_period), out);
}

#define L(f)	offsetof(struct list, f)

/* A list's settings, in the order of the usage lines (and of man/moot.1's
 * SYNOPSIS); show_at is the order of list show. */
static const struct cli_setting list_rows[] = {
	{ .name = "moderated", .off = L(moderated), .set = cli_set_flag,
	    .unset = 1, .show_at = 2, .show = show_yes },
	{ .name = "members-only", .off = L(members_only), .set = cli_set_flag,
	    .unset = 1, .show_at = 3, .show = show_yes },
	{ .name = "description", .has_arg = required_argument,
	    .off = L(description), .set = cli_set_text, .arg = "TEXT",
	    .want = "no control characters, please",
	    .show_at = 1, .show = show_text },
	{ .name = "requires", .has_arg = required_argument,
	    .off = L(requires_id), .set = set_requires, .unset = 1,
	    .arg = "LIST", .show_at = 7, .show = show_requires },
	{ .name = "digest", .has_arg = required_argument, .off = L(digest_at),
	    .set = set_digest, .unset = 1, .arg = "WHEN",
	    .arg_new = "\"Mon 10:00\"",
	    .want = "\"{arg}\" is not a day and time such as \"Mon 10:00\" "
	    "or \"daily 18:00\"", .show_at = 8, .show = show_word },
	{ .name = "digest-empty", .off = L(digest_empty),
	    .set = cli_set_flag, .unset = 1, .show_at = 8,
	    .show = show_yes },
	{ .name = "subject-prefix", .has_arg = required_argument,
	    .off = L(subject_prefix), .set = cli_set_text, .max = 40,
	    .arg = "TEXT", .want = "at most 40 characters, no controls",
	    .show_at = 4, .show = show_prefix },
	{ .name = "max-size", .has_arg = required_argument,
	    .off = L(max_bytes), .set = cli_set_size, .min = 1024,
	    .arg = "SIZE", .want = "\"{arg}\" is not a size of at least 1k, "
	    "such as 512k or 10M", .show_at = 5, .show = show_max_size },
	{ .name = "language", .has_arg = required_argument,
	    .off = L(language), .set = cli_set_lang, .arg = "CODE",
	    .want = "moot has no templates in \"{arg}\" (see {templates})",
	    .show_at = 6, .show = show_language },
	{ .name = "ends", .has_arg = required_argument, .off = L(ends_at),
	    .set = cli_set_date, .unset = 1, .arg = "WHEN",
	    .want = "\"{arg}\" is not a date such as 2027-03-31",
	    .show_at = 9, .show = show_date },
	{ .name = "nonmember", .has_arg = required_argument,
	    .off = L(nonmember), .set = cli_set_choice,
	    .choices = "hold|reject", .show_at = 10, .show = show_word },
	{ .name = "from-check", .has_arg = required_argument,
	    .off = L(from_check), .set = cli_set_choice,
	    .choices = LIST_FROM_CHECK_CHOICES, .show_at = 21,
	    .show = show_word },
	{ .name = "hold-size", .has_arg = required_argument,
	    .off = L(hold_bytes), .set = cli_set_size, .min = 0,
	    .arg = "SIZE", .want = "\"{arg}\" is not a size such as 512k "
	    "(0: none)", .show_at = 11, .show = show_number },
	{ .name = "max-recipients", .has_arg = required_argument,
	    .off = L(max_recipients), .set = cli_set_count, .min = 1,
	    .max = 10000, .arg = "N", .want = "a number from 1 to 10000",
	    .show_at = 12, .show = show_max_rcpts },
	{ .name = "automated", .has_arg = required_argument,
	    .off = L(automated), .set = cli_set_choice,
	    .choices = "hold|drop", .show_at = 13, .show = show_word },
	{ .name = "notify-held", .off = L(notify_held), .set = cli_set_flag,
	    .unset = 1, .show_at = 14, .show = show_yes },
	{ .name = "escalate", .has_arg = required_argument,
	    .off = L(escalate_after), .set = cli_set_seconds, .min = 60,
	    .given = L(escalate_given),
	    .arg = "DURATION", .want = "\"{arg}\" is not a duration of a "
	    "minute or more, such as 24h", .show_at = 16,
	    .show = show_seconds },
	{ .name = "hold-days", .has_arg = required_argument,
	    .off = L(hold_days), .set = cli_set_count, .min = 1, .max = 365,
	    .arg = "N", .want = "a number of days from 1 to 365",
	    .show_at = 22, .show = show_number },
	{ .name = "turn", .has_arg = required_argument, .off = L(turn_days),
	    .given = L(turn_given),
	    .set = cli_set_days, .min = 86400, .max = 366 * 86400,
	    .arg = "DURATION", .want = "\"{arg}\" is not a whole number of "
	    "days or weeks, such as 1w or 3d", .show_at = 15,
	    .show = show_days },
	{ .name = "who", .has_arg = required_argument, .off = L(who),
	    .set = cli_set_choice, .choices = "nobody|members",
	    .show_at = 17, .show = show_word },
	{ .name = "joins", .has_arg = required_argument, .off = L(joins),
	    .set = cli_set_choice, .choices = LIST_JOINS_CHOICES,
	    .show_at = 18, .show = show_word },
	{ .name = "approve-joins", .off = L(joins), .set = set_approve_joins,
	    .unset = 1, .alias = 1 },
	{ .name = "hidden", .off = L(hidden), .set = cli_set_flag,
	    .unset = 1, .show_at = 19, .show = show_yes },
	{ .name = "bulk", .off = L(bulk), .set = cli_set_flag, .unset = 1,
	    .show_at = 20, .show = show_yes },
	{ .name = "meeting-reminders", .has_arg = required_argument,
	    .off = L(meeting_reminders), .set = set_reminders, .unset = 1,
	    .arg = "OFFSETS", .want = "\"{arg}\" is not up to 4 offsets "
	    "such as 14d,2d (days or weeks), or none", .show_at = 22,
	    .show = show_reminders },
	{ .name = "notes-to", .has_arg = required_argument,
	    .off = L(notes_to), .set = set_notes_to, .unset = 1,
	    .arg = "LIST[,LIST]", .want = "\"{arg}\" is not up to 8 list "
	    "names with commas between", .show_at = 23, .show = show_word },
	/* the weekly update: mootd/news.c */
	{ .name = "newsletter", .has_arg = required_argument,
	    .off = L(newsletter_at), .set = set_digest, .unset = 1,
	    .arg = "WHEN", .arg_new = "\"Mon 10:00\"",
	    .want = "\"{arg}\" is not a day and time such as \"Mon 10:00\" "
	    "or none", .show_at = 23, .show = show_word },
	{ .name = "agenda-days", .has_arg = required_argument,
	    .off = L(agenda_days), .set = cli_set_count, .min = 1, .max = 90,
	    .arg = "N", .want = "a number of days from 1 to 90",
	    .show_at = 23, .show = show_number },
	/* the From: of the members' copy: mootd/rewrite.c */
	{ .name = "dmarc", .has_arg = required_argument, .off = L(dmarc),
	    .set = cli_set_choice, .choices = LIST_DMARC_CHOICES,
	    .show_at = 24, .show = show_word },
	{ .name = "dmarc-author", .has_arg = required_argument,
	    .off = L(dmarc_author), .set = cli_set_choice,
	    .choices = LIST_DMARC_AUTHOR_CHOICES, .show_at = 24,
	    .show = show_word },
	{ .name = "footer", .off = L(footer_off), .set = set_footer,
	    .unset = 1, .show_at = 24, .show = show_footer },
	/* returned mail: list/bounce_score.c; the bounds of [bounces] */
	{ .name = "bounce-threshold", .has_arg = required_argument,
	    .off = L(bounce_threshold), .set = set_bounce_threshold,
	    .unset = 1, .min = 1, .max = 1000, .arg = "N",
	    .want = "\"{arg}\" is not a number from 1 to 1000", .show_at = 25,
	    .show = show_bounce_threshold },
	{ .name = "bounce-period", .has_arg = required_argument,
	    .off = L(bounce_period), .set = set_bounce_period, .unset = 1,
	    .min = 86400, .max = 365 * 86400, .given = L(bounce_period_given),
	    .arg = "DURATION", .want = "\"{arg}\" is not a duration from a "
	    "day to a year, such as 30d", .show_at = 25,
	    .show = show_bounce_period },
};
#undef L

/* list rm takes --force; list create and list set refuse it. */
const struct cli_settings list_settings = {
	list_rows, nitems(list_rows), "force"
};

/* list_options - the options from argv[first] on, into l; see
 * cli_settings_parse() */
static int
list_options(struct cli *c, int argc, char **argv, int first,
    struct list *l, int (*run)(struct cli *, int, char **), int *force)
{
	int	rc;

	if ((rc = cli_settings_parse(c, cli_command_for(run), &list_settings,
	    l, argc, argv, first, force)) != CLI_OK)
		return (rc);
	/* Both would send a digest member every post twice a week. */
	if (l->digest_at != NULL && l->newsletter_at != NULL)
		return (cli_error(CLI_USAGE, "list %s: a newsletter's weekly "
		    "update already gathers its posts, so it has no digest "
		    "(--digest none, or --newsletter none)", l->name));
	return (CLI_OK);
}

/*
 * warn_no_owner - a moderated list without an owner: the owners are
 * those who hear of its trouble, and its -owner mail has nobody there
 * but [moot] admin.  Said on stderr; the change stands (moot check says
 * it again).
 */
static void
warn_no_owner(struct cli *c, const struct list *l)
{
	int64_t	n = 0;

	if (!l->moderated || member_count_role(c->db, l->id, "owner", &n) !=
	    DB_OK || n > 0)
		return;
	(void)fflush(stdout);		/* after what the command printed */
	(void)cli_error(CLI_OK, "warning: list %s is moderated and has no "
	    "owner; mail to %s-owner %s (moot member add %s ADDR --role "
	    "owner)", l->name, l->name, c->conf.admin != NULL ?
	    "goes to [moot] admin" : "fails", l->name);
}

/*
 * warn_from_check - a list that takes only authenticated From: fields
 * on a site that names no authserv-id: no post counts as a member's.
 * Said on stderr; the change stands (moot check says it again).
 */
static void
warn_from_check(struct cli *c, const struct list *l)
{
	if (list_from_check(l) != FROM_CHECK_AUTHENTICATED ||
	    (c->conf.authserv_id != NULL && *c->conf.authserv_id != '\0'))
		return;
	(void)fflush(stdout);
	(void)cli_error(CLI_OK, "warning: list %s has --from-check "
	    "authenticated but [milter] authserv_id is not set: no post "
	    "counts as a member's", l->name);
}

/* cmd_list_create - moot list create NAME [options] */
int
cmd_list_create(struct cli *c, int argc, char **argv)
{
	const struct cli_command *k = cli_command_for(cmd_list_create);
	struct list	 l;
	int		 rc;

	memset(&l, 0, sizeof(l));
	if (argc < 2 || argv[1][0] == '-')
		return (cli_help(k, !cli_wants_help(argc, argv)));
	l.name = xstrdup(argv[1]);
	listaddr_fold(l.name);		/* Info and info are one list */
	l.description = xstrdup("");
	if (listaddr_name_check(l.name, &c->err) == -1) {
		rc = cli_error(CLI_USAGE, "%s: %s", argv[1],
		    vbuf_str(&c->err));
		goto out;
	}
	if ((rc = list_options(c, argc, argv, 2, &l, cmd_list_create,
	    NULL)) != CLI_OK || (rc = cli_db(c)) != CLI_OK)
		goto out;
	switch (list_insert(c->db, &l)) {
	case DB_OK:
		printf("list %s created: %s@%s\n", l.name, l.name,
		    c->conf.domain);
		warn_no_owner(c, &l);
		warn_from_check(c, &l);
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
	list_release(&l);
	return (rc == CLI_HELPED ? CLI_OK : rc);
}

/* cmd_list_set - moot list set NAME [options] */
int
cmd_list_set(struct cli *c, int argc, char **argv)
{
	struct list	*l = NULL;
	int		 rc;

	if (cli_wants_help(argc, argv))
		return (cli_help(cli_command_for(cmd_list_set), 0));
	if (argc < 3)
		return (cli_help(cli_command_for(cmd_list_set), 1));
	if ((rc = cli_load_list(c, argv[1], &l)) != CLI_OK)
		return (rc);
	if ((rc = list_options(c, argc, argv, 2, l, cmd_list_set, NULL)) !=
	    CLI_OK)
		goto out;
	if (list_update(c->db, l) != DB_OK)
		rc = cli_error(CLI_FAIL, "cannot change list %s", l->name);
	else {
		printf("list %s changed\n", l->name);
		warn_no_owner(c, l);
		warn_from_check(c, l);
	}
out:
	list_free(&l);
	return (rc == CLI_HELPED ? CLI_OK : rc);
}

/* show_settings - list show's line of each setting, in show_at order */
static void
show_settings(const struct cli *c, const struct list *l)
{
	struct vbuf	v;

	vbuf_init(&v, VBUF_NOMAX);
	for (int at = 1; at <= (int)nitems(list_rows); at++)
		for (size_t i = 0; i < nitems(list_rows); i++) {
			if (list_rows[i].show_at != at)
				continue;
			vbuf_reset(&v);
			list_rows[i].show(c, &list_rows[i], l, &v);
			printf("%s: %s\n", list_rows[i].name, vbuf_str(&v));
		}
	vbuf_release(&v);
}

/* cmd_list_show - moot list show NAME */
int
cmd_list_show(struct cli *c, int argc, char **argv)
{
	struct list	*l = NULL;
	int64_t		 n = 0;
	int		 rc;

	if (cli_wants_help(argc, argv))
		return (cli_help(cli_command_for(cmd_list_show), 0));
	if (argc != 2)
		return (cli_help(cli_command_for(cmd_list_show), 1));
	if ((rc = cli_load_list(c, argv[1], &l)) != CLI_OK)
		return (rc);
	(void)member_count(c->db, l->id, &n);
	printf("name: %s\n", l->name);
	printf("address: %s@%s\n", l->name, c->conf.domain);
	show_settings(c, l);
	printf("members: %lld\n", (long long)n);
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

	if (cli_wants_help(argc, argv))
		return (cli_help(cli_command_for(cmd_list_ls), 0));
	if (argc != 1)
		return (cli_help(cli_command_for(cmd_list_ls), 1));
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	if (list_each(c->db, print_list_line, c) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot read the lists"));
	return (CLI_OK);
}

/* rm_opt - cli_getopt's callback for list rm: --force, the one option */
static int
rm_opt(struct cli *c, void *ctx, int val, const char *arg)
{
	(void)c;
	(void)arg;
	if (val == 'f')
		*(int *)ctx = 1;
	return (CLI_OK);
}

/* cmd_list_rm - moot list rm NAME [--force] */
int
cmd_list_rm(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *k = cli_command_for(cmd_list_rm);
	struct list	*l = NULL;
	char		*name[1];
	struct cli_args	 a = { opts, rm_opt, NULL, name, 1, 0 };
	int64_t		 n = 0;
	int		 rc, force = 0;

	/* Only --force: a list setting here would change nothing. */
	a.ctx = &force;
	if ((rc = cli_getopt(c, k, argc, argv, 1, &a)) != CLI_OK)
		return (rc == CLI_HELPED ? CLI_OK : rc);
	if (a.nwords != 1)
		return (cli_help(k, 1));
	if ((rc = cli_load_list(c, name[0], &l)) != CLI_OK)
		return (rc);
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
