/*
 * cli_meeting.c - moot meeting: the partnership's calendar
 *
 * The commands only read their arguments and say what src/cal/ did;
 * cal_meeting.c decides what a meeting, a move or a rule does, each in
 * one transaction, and hands back every change, the follow-on ones of
 * the rules included, for these to print once it is committed.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cal/cal_meeting.h"
#include "cal/cal_rrule.h"
#include "cal/cal_time.h"
#include "cli/cli.h"
#include "db/db.h"
#include "db/db_meeting.h"
#include "global/conf.h"
#include "mail/addr.h"
#include "util/alloc.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

/* A location is a line in a list and, later, in an invitation. */
#define LOCATION_MAX	200
/* A meeting is at least a minute long and at most a week. */
#define DURATION_MIN	60
#define DURATION_MAX	(7 * 86400)
#define DURATION_DEFAULT (2 * 3600)

/* What moot meeting add reads. */
struct add_args {
	const char	*duration;	/* NULL: DURATION_DEFAULT */
	const char	*location;
	const char	*notes_taker;
	const char	*rrule;
	char		*words[3];	/* LIST START, START maybe in two */
};

/* start_arg - START from words[i] ("2018-03-14 10:00" as one argument,
 * or as two when unquoted); how many words it took, or -1, said */
static int
start_arg(char *const *words, size_t nwords, size_t i, struct cal_local *l)
{
	char	joined[64];

	if (nwords == i + 2) {
		(void)snprintf(joined, sizeof(joined), "%s %s", words[i],
		    words[i + 1]);
		if (cal_local_parse(joined, l) == 0)
			return (2);
		return (cli_error(CLI_USAGE, "\"%s\" is not a start: a local "
		    "time YYYY-MM-DD HH:MM, please", joined), -1);
	}
	if (nwords == i + 1 && cal_local_parse(words[i], l) == 0)
		return (1);
	return (cli_error(CLI_USAGE, "\"%s\" is not a start: a local time "
	    "YYYY-MM-DD HH:MM, please", nwords > i ? words[i] : ""), -1);
}

/* say_changes - what a call did, a line a change */
static void
say_changes(const struct cal_changes *ch, int skip_added)
{
	static const char *const verbs[] = {
		[CAL_ADDED] = "added", [CAL_MADE] = "made",
		[CAL_MOVED] = "moved", [CAL_CANCELLED] = "cancelled",
	};

	for (size_t i = 0; i < ch->n; i++) {
		const struct cal_change *x = &ch->v[i];

		if (skip_added && x->what == CAL_ADDED)
			continue;
		printf("%s: %lld %s ", verbs[x->what], (long long)x->id,
		    x->grp);
		if (x->what == CAL_MOVED)
			printf("%s -> ", x->from);
		printf("%s", x->to);
		if (x->follows > 0)
			printf(" (follows meeting %lld)",
			    (long long)x->follows);
		printf("\n");
	}
}

/* cal_status - the exit status for a cal_*() result, said */
static int
cal_status(struct cli *c, int rc)
{
	if (rc == CAL_OK)
		return (CLI_OK);
	return (cli_error(rc == CAL_BAD ? CLI_USAGE : CLI_FAIL, "%s",
	    vbuf_str(&c->err)));
}

/* add_opt - cli_getopt's callback for moot meeting add */
static int
add_opt(struct cli *c, void *ctx, int val, const char *arg)
{
	struct add_args	*a = ctx;

	switch (val) {
	case 'd': a->duration = arg; break;
	case 'l': a->location = arg; break;
	case 'n': a->notes_taker = arg; break;
	case 'r': a->rrule = arg; break;
	}
	return (CLI_OK);
}

/* add_check - the options of moot meeting add into m; CLI_OK or an
 * exit status, said.  *canon is the notes-taker's, the caller's. */
static int
add_check(struct cli *c, const struct add_args *a, struct cal_new *m,
    char **canon)
{
	int64_t	d = DURATION_DEFAULT;

	if (a->duration != NULL && ((d = conf_parse_duration(a->duration)) <
	    DURATION_MIN || d > DURATION_MAX || d % 60 != 0))
		return (cli_error(CLI_USAGE, "--duration: \"%s\" is not a "
		    "duration from 1m to 1w, such as 2h or 90m", a->duration));
	if (a->location != NULL && (!cli_plain_text(a->location) ||
	    strlen(a->location) > LOCATION_MAX || *a->location == '\0'))
		return (cli_error(CLI_USAGE, "--location: one line of at most "
		    "%d bytes, please", LOCATION_MAX));
	if (a->notes_taker != NULL) {
		vbuf_reset(&c->err);
		if (addr_check(a->notes_taker, &c->err) == -1)
			return (cli_error(CLI_USAGE, "--notes-taker: %s",
			    vbuf_str(&c->err)));
		*canon = addr_canon_new(a->notes_taker);
	}
	m->grp = a->words[0];
	m->duration = d;
	m->location = a->location;
	m->notes_taker = *canon;
	return (CLI_OK);
}

/* add_starts - START, or the starts --rrule gives from it, into v */
static int
add_starts(struct cli *c, const struct add_args *a, size_t nwords,
    struct cal_local *v, size_t *n)
{
	if (start_arg(a->words, nwords, 1, &v[0]) == -1)
		return (CLI_USAGE);
	*n = 1;
	if (a->rrule == NULL)
		return (CLI_OK);
	vbuf_reset(&c->err);
	if (cal_rrule_expand(a->rrule, &v[0], v, CAL_RRULE_MAX, n,
	    &c->err) == -1)
		return (cli_error(CLI_USAGE, "%s", vbuf_str(&c->err)));
	return (CLI_OK);
}

/* cmd_meeting_add - moot meeting add LIST START [--duration 2h]... */
int
cmd_meeting_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "duration", required_argument, NULL, 'd' },
		{ "location", required_argument, NULL, 'l' },
		{ "notes-taker", required_argument, NULL, 'n' },
		{ "rrule", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *k = cli_command_for(cmd_meeting_add);
	struct add_args		 a;
	struct cli_args		 ca = { opts, add_opt, &a, a.words,
				    nitems(a.words), 0 };
	struct cal_new		 m;
	struct cal_changes	 ch = { NULL, 0, 0 };
	struct cal_local	*starts;
	int64_t			*ids;
	size_t			 n = 0;
	char			*canon = NULL;
	int			 rc;

	memset(&a, 0, sizeof(a));
	if ((rc = cli_getopt(c, k, argc, argv, 1, &ca)) != CLI_OK)
		return (rc == CLI_HELPED ? CLI_OK : rc);
	if (ca.nwords < 2)
		return (cli_help(k, 1));
	starts = xcalloc(CAL_RRULE_MAX, sizeof(*starts));
	ids = xcalloc(CAL_RRULE_MAX, sizeof(*ids));
	if ((rc = add_check(c, &a, &m, &canon)) == CLI_OK &&
	    (rc = add_starts(c, &a, ca.nwords, starts, &n)) == CLI_OK &&
	    (rc = cli_db(c)) == CLI_OK) {
		vbuf_reset(&c->err);
		rc = cal_status(c, cal_add(c->db, c->conf.timezone, &m,
		    starts, n, ids, &ch, &c->err));
	}
	if (rc == CLI_OK) {
		/* The new ids first, a line each, for scripts. */
		for (size_t i = 0; i < n; i++)
			printf("%lld\n", (long long)ids[i]);
		say_changes(&ch, 1);
	}
	cal_changes_free(&ch);
	free(canon);
	free(starts);
	free(ids);
	return (rc);
}

/* id_arg - s as a positive id; -1 after saying so */
static int
id_arg(const char *s, const char *what, int64_t *id)
{
	char		*end;
	long long	 v;

	v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 1)
		return (cli_error(CLI_USAGE, "\"%s\" is not a %s id", s, what),
		    -1);
	*id = v;
	return (0);
}

/* local_of - the start of m in the site's zone, "YYYY-MM-DD HH:MM" */
static void
local_of(int64_t t, char *buf)
{
	struct cal_local	l;

	cal_local_from_utc((time_t)t, &l);
	cal_local_format(&l, buf);
}

/* cmd_meeting_ls - moot meeting ls [LIST] */
int
cmd_meeting_ls(struct cli *c, int argc, char **argv)
{
	struct meeting	**v = NULL;
	struct vbuf	  dur, loc;
	char		  start[CAL_LOCAL_SIZE];
	size_t		  n = 0;
	int		  rc;

	if (cli_wants_help(argc, argv))
		return (cli_help(cli_command_for(cmd_meeting_ls), 0));
	if (argc > 2 || (argc == 2 && argv[1][0] == '-'))
		return (cli_help(cli_command_for(cmd_meeting_ls), 1));
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	if (meeting_list(c->db, argc == 2 ? argv[1] : NULL, &v, &n) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot read the meetings"));
	vbuf_init(&dur, VBUF_NOMAX);
	vbuf_init(&loc, VBUF_NOMAX);
	for (size_t i = 0; i < n; i++) {
		vbuf_reset(&dur);
		vbuf_reset(&loc);
		conf_format_duration(v[i]->duration, &dur);
		vis_append(&loc, v[i]->location != NULL ? v[i]->location :
		    "-");
		local_of(v[i]->start_at, start);
		printf("%-5lld %-12s %s %-5s %-9s %s\n", (long long)v[i]->id,
		    v[i]->grp, start, vbuf_str(&dur),
		    meeting_state_name(v[i]->state), vbuf_str(&loc));
	}
	vbuf_release(&dur);
	vbuf_release(&loc);
	meeting_list_free(&v, n);
	return (CLI_OK);
}

/* load_arg - the meeting of the one argument ID, for show */
static int
load_arg(struct cli *c, int argc, char **argv,
    int (*run)(struct cli *, int, char **), struct meeting **m)
{
	int64_t	id;
	int	rc;

	if (cli_wants_help(argc, argv))
		return (cli_help(cli_command_for(run), 0), CLI_HELPED);
	if (argc != 2)
		return (cli_help(cli_command_for(run), 1));
	if (id_arg(argv[1], "meeting", &id) == -1)
		return (CLI_USAGE);
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	switch (meeting_load(c->db, id, m)) {
	case DB_OK:
		return (CLI_OK);
	case DB_NOTFOUND:
		return (cli_error(CLI_USAGE, "no meeting has id %lld",
		    (long long)id));
	default:
		return (cli_error(CLI_FAIL, "cannot read the meetings"));
	}
}

/* show_links - which rule made m, and which meetings follow it */
static int
show_links(struct cli *c, const struct meeting *m)
{
	struct meeting_rule *r = NULL;
	int64_t		*ids = NULL;
	size_t		 n = 0;

	if (m->rule_id > 0 && meeting_rule_load(c->db, m->rule_id, &r) ==
	    DB_OK) {
		printf("made-by: rule %lld (%s %s before %s), from meeting "
		    "%lld\n", (long long)r->id, r->grp, r->given,
		    r->before_grp, (long long)m->source_id);
		meeting_rule_free(&r);
	} else
		printf("made-by: -\n");
	if (meeting_followers(c->db, m->id, &ids, &n) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot read the meetings"));
	printf("followed-by:");
	for (size_t i = 0; i < n; i++)
		printf(" %lld", (long long)ids[i]);
	printf("%s\n", n == 0 ? " -" : "");
	free(ids);
	return (CLI_OK);
}

/* cmd_meeting_show - moot meeting show ID */
int
cmd_meeting_show(struct cli *c, int argc, char **argv)
{
	struct meeting		*m = NULL;
	struct cal_local	 l;
	struct vbuf		 v;
	char			 start[CAL_LOCAL_SIZE], end[CAL_LOCAL_SIZE];
	char			 buf[64];
	struct tm		 tm;
	time_t			 utc;
	int			 rc;

	if ((rc = load_arg(c, argc, argv, cmd_meeting_show, &m)) != CLI_OK)
		return (rc == CLI_HELPED ? CLI_OK : rc);
	vbuf_init(&v, VBUF_NOMAX);
	cal_local_from_utc((time_t)m->start_at, &l);
	cal_local_format(&l, start);
	local_of(m->start_at + m->duration, end);
	printf("id: %lld\n", (long long)m->id);
	cli_field("group", m->grp);
	printf("start: %s (%s)\n", start, cal_local_weekday(&l));
	printf("end: %s\n", end);
	utc = (time_t)m->start_at;
	if (gmtime_r(&utc, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		(void)snprintf(buf, sizeof(buf), "-");
	printf("start-utc: %s\n", buf);
	cli_field("zone", c->conf.timezone);
	conf_format_duration(m->duration, &v);
	cli_field("duration", vbuf_str(&v));
	cli_field("location", m->location);
	cli_field("notes-taker", m->notes_taker);
	cli_field("state", meeting_state_name(m->state));
	(void)snprintf(buf, sizeof(buf), "%lld", (long long)m->sequence);
	cli_field("sequence", buf);
	rc = show_links(c, m);
	if (rc == CLI_OK)
		rc = cli_attend_show(c, m->id);
	if (rc == CLI_OK)
		rc = cli_notes_show(c, m->id);
	if (rc == CLI_OK)
		rc = cli_agenda_show(c, m->id);
	vbuf_release(&v);
	meeting_free(&m);
	return (rc);
}

/* cmd_meeting_move - moot meeting move ID START */
int
cmd_meeting_move(struct cli *c, int argc, char **argv)
{
	const struct cli_command *k = cli_command_for(cmd_meeting_move);
	struct cal_changes	 ch = { NULL, 0, 0 };
	struct cal_local	 to;
	int64_t			 id;
	int			 rc;

	if (cli_wants_help(argc, argv))
		return (cli_help(k, 0));
	if (argc < 3 || argc > 4)
		return (cli_help(k, 1));
	if (id_arg(argv[1], "meeting", &id) == -1 ||
	    start_arg(argv + 1, (size_t)argc - 1, 1, &to) == -1)
		return (CLI_USAGE);
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	vbuf_reset(&c->err);
	rc = cal_status(c, cal_move(c->db, c->conf.timezone, id, &to, &ch,
	    &c->err));
	if (rc == CLI_OK)
		say_changes(&ch, 0);
	cal_changes_free(&ch);
	return (rc);
}

/* cmd_meeting_cancel - moot meeting cancel ID */
int
cmd_meeting_cancel(struct cli *c, int argc, char **argv)
{
	const struct cli_command *k = cli_command_for(cmd_meeting_cancel);
	struct cal_changes	 ch = { NULL, 0, 0 };
	int64_t			 id;
	int			 rc;

	if (cli_wants_help(argc, argv))
		return (cli_help(k, 0));
	if (argc != 2)
		return (cli_help(k, 1));
	if (id_arg(argv[1], "meeting", &id) == -1)
		return (CLI_USAGE);
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	vbuf_reset(&c->err);
	rc = cal_status(c, cal_cancel(c->db, id, &ch, &c->err));
	if (rc == CLI_OK)
		say_changes(&ch, 0);
	cal_changes_free(&ch);
	return (rc);
}

/* rule_ls - moot meeting rule ls */
static int
rule_ls(struct cli *c, int argc, char **argv)
{
	struct meeting_rule **v = NULL;
	size_t		n = 0;
	int		rc;

	if (argc != 2)
		return (cli_help(cli_command_for(cmd_meeting_rule), 1));
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	if (meeting_rule_list(c->db, NULL, &v, &n) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot read the rules"));
	for (size_t i = 0; i < n; i++)
		printf("%-4lld %-12s %-4s before %-12s meetings made: %lld\n",
		    (long long)v[i]->id, v[i]->grp, v[i]->given,
		    v[i]->before_grp, (long long)v[i]->nmade);
	meeting_rule_list_free(&v, n);
	return (CLI_OK);
}

/* rule_rm - moot meeting rule rm ID */
static int
rule_rm(struct cli *c, int argc, char **argv)
{
	int64_t	id, kept = 0;
	int	rc;

	if (argc != 3)
		return (cli_help(cli_command_for(cmd_meeting_rule), 1));
	if (id_arg(argv[2], "rule", &id) == -1)
		return (CLI_USAGE);
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	vbuf_reset(&c->err);
	if ((rc = cal_status(c, cal_rule_rm(c->db, id, &kept, &c->err))) ==
	    CLI_OK)
		printf("rule %lld removed; the %lld meetings it made stay, "
		    "following no other\n", (long long)id, (long long)kept);
	return (rc);
}

/* rule_opt - cli_getopt's callback: --before */
static int
rule_opt(struct cli *c, void *ctx, int val, const char *arg)
{
	*(const char **)ctx = arg;
	return (CLI_OK);
}

/* cmd_meeting_rule - moot meeting rule GROUP --before OTHER OFFSET, and
 * moot meeting rule ls | rm ID (so no group is called ls or rm here) */
int
cmd_meeting_rule(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "before", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *k = cli_command_for(cmd_meeting_rule);
	const char		*before = NULL;
	char			*words[2];
	struct cli_args		 ca = { opts, rule_opt, &before, words,
				    nitems(words), 0 };
	struct cal_changes	 ch = { NULL, 0, 0 };
	int64_t			 id;
	int			 rc;

	if (argc >= 2 && strcmp(argv[1], "ls") == 0)
		return (rule_ls(c, argc, argv));
	if (argc >= 2 && strcmp(argv[1], "rm") == 0)
		return (rule_rm(c, argc, argv));
	if ((rc = cli_getopt(c, k, argc, argv, 1, &ca)) != CLI_OK)
		return (rc == CLI_HELPED ? CLI_OK : rc);
	if (ca.nwords != 2 || before == NULL)
		return (cli_help(k, 1));
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	vbuf_reset(&c->err);
	rc = cal_status(c, cal_rule_add(c->db, c->conf.timezone, words[0],
	    before, words[1], &id, &ch, &c->err));
	if (rc == CLI_OK) {
		printf("rule %lld: %s meets %s before each %s meeting\n",
		    (long long)id, words[0], words[1], before);
		say_changes(&ch, 0);
	}
	cal_changes_free(&ch);
	return (rc);
}
