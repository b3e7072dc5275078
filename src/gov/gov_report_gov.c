/*
 * gov_report_gov.c - the report's sections on what the partnership
 * decided: its decisions and votes, its priorities, with the
 * task-and-finish groups' activity, and its statements
 * (gov_report_int.h: rows of gov_report.c's table)
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "db/db_decision.h"
#include "db/db_effect.h"
#include "db/db_priority.h"
#include "db/db_report.h"
#include "gov/gov_priority.h"
#include "gov/gov_report_gov.h"
#include "gov/gov_report_int.h"
#include "gov/gov_statement.h"
#include "gov/gov_tally.h"
#include "util/clock.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define STATEMENT_LINES	20	/* of a statement's text; the rest is
				 * with the decision */
#define GROUP_MAX	64	/* bytes of a list's name, and more */

/* What the priorities' section goes through. */
struct prio_acc {
	struct report_ctx	*c;
	struct report_section	*s;
	int			 n, rc;
};

/* day - t as "2026-11-23", or "-" for 0 */
static const char *
day(int64_t t, char *buf, size_t size)
{
	if (t == 0)
		return ("-");
	clock_iso((time_t)t, buf, size);
	buf[strcspn(buf, " ")] = '\0';
	return (buf);
}

/* group_row - one task-and-finish list's posts and meetings in the
 * period */
static int
group_row(struct report_ctx *c, struct report_block *t, const char *list)
{
	int64_t	posts = 0, met = 0;
	int	rc;

	if ((rc = report_count_list(c->db, REPORT_POSTS, list, c->r->p.from,
	    c->r->p.to, &posts)) != DB_OK ||
	    (rc = report_count_list(c->db, REPORT_MEETINGS, list,
	    c->r->p.from, c->r->p.to, &met)) != DB_OK)
		return (rc);
	gov_report_row(t, list, gov_report_num(posts), gov_report_num(met));
	return (DB_OK);
}

/* prio_cb - a priority current at some time in the period: its title,
 * when it was agreed (and retired), and its groups' activity */
static int
prio_cb(const struct priority *p, void *arg)
{
	struct prio_acc		*a = arg;
	struct report_block	*t;
	char			 agreed[32], retired[32], g[GROUP_MAX];
	const char		*l, *e;

	if (p->agreed_at == 0 || p->agreed_at >= a->c->r->p.to ||
	    (p->retired_at != 0 && p->retired_at < a->c->r->p.from))
		return (0);
	a->n++;
	gov_report_says(a->s, RB_HEAD, "%s", p->title);
	if (p->retired_at != 0)
		gov_report_says(a->s, RB_PARA, "Agreed %s, retired %s.",
		    day(p->agreed_at, agreed, sizeof(agreed)),
		    day(p->retired_at, retired, sizeof(retired)));
	else
		gov_report_says(a->s, RB_PARA, "Agreed %s; current.",
		    day(p->agreed_at, agreed, sizeof(agreed)));
	if (*p->lists == '\0') {
		gov_report_says(a->s, RB_PARA, "No task-and-finish group "
		    "works on it.");
		return (0);
	}
	t = gov_report_table(a->s, "lrr", "Task-and-finish group", "Posts",
	    "Meetings held");
	for (l = p->lists; *l != '\0' && a->rc == DB_OK; l = e) {
		e = l + strcspn(l, ",");
		(void)snprintf(g, sizeof(g), "%.*s", (int)(e - l), l);
		a->rc = group_row(a->c, t, g);
		if (*e == ',')
			e++;
	}
	return (a->rc != DB_OK);
}

/* gov_report_priorities - see gov_report_gov.h */
int
gov_report_priorities(struct report_ctx *c, struct report_section *s)
{
	struct prio_acc	a = { c, s, 0, DB_OK };
	int		rc;

	gov_report_says(s, RB_PARA, "The priorities current at some time in "
	    "the period, and what the task-and-finish groups working on "
	    "each did in it.");
	if ((rc = gov_priority_each(c->db, GP_ALL, prio_cb, &a)) != DB_OK)
		return (rc);
	if (a.rc != DB_OK)
		return (a.rc);
	if (a.n == 0)
		gov_report_says(s, RB_PARA, "No priority was current in the "
		    "period.");
	return (DB_OK);
}

/* statement_cb - one statement: its title, when it was agreed, the
 * first lines of its text */
static int
statement_cb(const struct statement *st, void *arg)
{
	struct prio_acc	*a = arg;
	char		 agreed[32];
	const char	*p = st->text;
	int		 lines = 0;

	a->n++;
	gov_report_says(a->s, RB_HEAD, "%s", st->title);
	gov_report_says(a->s, RB_PARA, "Agreed %s.",
	    day(st->agreed_at, agreed, sizeof(agreed)));
	while (*p != '\0' && lines++ < STATEMENT_LINES) {
		size_t	n = strcspn(p, "\n");

		gov_report_says(a->s, RB_LINES, "%.*s", (int)n, p);
		p += n + (p[n] == '\n');
	}
	if (*p != '\0')
		gov_report_says(a->s, RB_LINES, "[...]");
	return (0);
}

/* gov_report_statements - see gov_report_gov.h */
int
gov_report_statements(struct report_ctx *c, struct report_section *s)
{
	struct prio_acc	a = { c, s, 0, DB_OK };
	int		rc;

	if ((rc = gov_statement_each(c->db, c->r->p.from, c->r->p.to,
	    statement_cb, &a)) != DB_OK)
		return (rc);
	if (a.n == 0)
		gov_report_says(s, RB_PARA, "No statement was agreed in the "
		    "period.");
	return (DB_OK);
}

/* decided_cb - one decision that ended in the period: what it was, how
 * it ended, and its counts (no voter: a count is all a ballot leaves) */
static int
decided_cb(const struct decision_row *d, void *arg)
{
	struct prio_acc	*a = arg;
	struct report_block *t = NULL;
	char		 when[32], opt[128], num[24];
	const char	*p, *e, *eq;

	a->n++;
	gov_report_says(a->s, RB_HEAD, "%s: %s", d->list, d->title);
	if (d->kind == DK_CONSENSUS)
		gov_report_says(a->s, RB_PARA, "A proposal, decided %s: %s.",
		    day(d->decided_at, when, sizeof(when)),
		    d->state == DS_PASSED ? "agreed by consensus" :
		    "not agreed");
	else
		gov_report_says(a->s, RB_PARA, "A vote, decided %s: %s, "
		    "with %lld of %lld voting%s.",
		    day(d->decided_at, when, sizeof(when)),
		    d->outcome != NULL ? d->outcome : "-",
		    (long long)d->turnout, (long long)d->electorate,
		    d->casting != NULL ? "; the votes were tied and the "
		    "chair's casting vote decided it" : "");
	for (p = d->result != NULL ? d->result : ""; *p != '\0';
	    p = *e == ',' ? e + 1 : e) {
		e = p + strcspn(p, ",");
		if ((eq = memchr(p, '=', (size_t)(e - p))) == NULL)
			continue;
		if (t == NULL)
			t = gov_report_table(a->s, "lr", "Answer", "Votes");
		(void)snprintf(opt, sizeof(opt), "%.*s", (int)(eq - p), p);
		(void)snprintf(num, sizeof(num), "%.*s", (int)(e - eq - 1),
		    eq + 1);
		gov_report_row(t, opt, num);
	}
	return (0);
}

/* gov_report_decisions - see gov_report_gov.h */
int
gov_report_decisions(struct report_ctx *c, struct report_section *s)
{
	struct prio_acc	a = { c, s, 0, DB_OK };
	int		rc;

	if ((rc = gov_decided_each(c->db, c->r->p.from, c->r->p.to,
	    decided_cb, &a)) != DB_OK)
		return (rc);
	if (a.n == 0)
		gov_report_says(s, RB_PARA, "No proposal or vote ended in the "
		    "period.");
	return (DB_OK);
}
