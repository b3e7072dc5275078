/*
 * gov_report.c - what the report says; see gov_report.h
 *
 * The sections are a table: each row names a section and the function
 * that collects it from the database into blocks (gov_report_int.h).
 * Decisions, votes, priorities and statements come as rows of their
 * own, where the table says.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal/cal_attend.h"
#include "cal/cal_time.h"
#include "db/db.h"
#include "db/db_agenda.h"
#include "db/db_list.h"
#include "db/db_meeting.h"
#include "db/db_notes.h"
#include "db/db_report.h"
#include "global/conf.h"
#include "gov/gov_report.h"
#include "gov/gov_report_gov.h"
#include "gov/gov_report_int.h"
#include "util/alloc.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define NOTE_LINES	8	/* of a meeting's notes; then how many more */
#define NOTE_LINE_MAX	400	/* bytes of one of those lines */
#define MONTHS_MAX	120	/* a chart of ten years is enough */

/* held_in - m was held in the report's period, by now */
static int
held_in(const struct report_ctx *c, const struct meeting *m)
{
	return (m->state == MEETING_SCHEDULED &&
	    m->start_at >= c->r->p.from && m->start_at < c->r->p.to &&
	    m->start_at <= (int64_t)c->now);
}

/* What a meeting's notes come to in the report. */
struct notes_acc {
	struct vbuf	 v;
	int		 n;
};

/* note_lines - a note's first lines, and how many more there are */
static int
note_lines(const struct meeting_note *n, void *arg)
{
	struct notes_acc *a = arg;
	const char	*p = n->text;
	size_t		 k;
	int		 line = 0, more = 0;

	if (a->n++ > 0)
		vbuf_putc(&a->v, '\n');
	vbuf_printf(&a->v, "From %s:\n", n->sender != NULL &&
	    *n->sender != '\0' ? n->sender : "(no sender)");
	while (p != NULL && *p != '\0') {
		k = strcspn(p, "\n");
		if (line++ < NOTE_LINES) {
			size_t	cut = k;

			/* A line of a page, not a page: cut at a character. */
			if (cut > NOTE_LINE_MAX) {
				cut = NOTE_LINE_MAX;
				while (cut > 0 &&
				    ((unsigned char)p[cut] & 0xc0) == 0x80)
					cut--;
			}
			vbuf_cat(&a->v, p, cut);
			vbuf_puts(&a->v, cut < k ? "...\n" : "\n");
		} else
			more++;
		p += k + (p[k] == '\n');
	}
	if (more > 0)
		vbuf_printf(&a->v, "(%d more line%s)\n", more,
		    more == 1 ? "" : "s");
	return (0);
}

/* A group and how many meetings it held. */
struct grp_count {
	const char	*grp;
	int64_t		 n;
};

/* meeting_entry - a meeting's heading and the first lines of its
 * approved notes */
static int
meeting_entry(struct report_ctx *c, struct report_section *s,
    const struct meeting *m)
{
	struct notes_acc a;
	int		 rc;

	gov_report_says(s, RB_HEAD, "%s, %s%s%s (meeting %lld)", m->grp,
	    m->start_local, m->location != NULL ? ", " : "",
	    m->location != NULL ? m->location : "", (long long)m->id);
	vbuf_init(&a.v, VBUF_NOMAX);
	a.n = 0;
	rc = notes_of_meeting(c->db, m->id, note_lines, &a);
	if (rc == DB_OK && a.n > 0)
		gov_report_says(s, RB_LINES, "%s", vbuf_str(&a.v));
	else if (rc == DB_OK)
		gov_report_says(s, RB_PARA, "No notes were kept.");
	vbuf_release(&a.v);
	return (rc);
}

/* sec_meetings - how many meetings each group held in the period, then
 * each meeting, by start, with the first lines of its notes */
static int
sec_meetings(struct report_ctx *c, struct report_section *s)
{
	struct meeting		**m = NULL;
	struct grp_count	 *g = NULL;
	struct report_block	 *t;
	size_t			  n = 0, ng = 0, j;
	int			  rc;

	if ((rc = meeting_list(c->db, NULL, &m, &n)) != DB_OK)
		return (rc);
	for (size_t i = 0; i < n; i++) {
		if (!held_in(c, m[i]))
			continue;
		for (j = 0; j < ng && strcmp(g[j].grp, m[i]->grp) != 0; j++)
			;
		if (j == ng) {
			g = xreallocarray(g, ng + 1, sizeof(*g));
			g[ng].grp = m[i]->grp;
			g[ng++].n = 0;
		}
		g[j].n++;
	}
	if (ng == 0)
		gov_report_says(s, RB_PARA, "No meeting was held in the period.");
	else {
		t = gov_report_table(s, "lr", "Group", "Meetings held");
		for (j = 0; j < ng; j++)
			gov_report_row(t, g[j].grp, gov_report_num(g[j].n));
	}
	for (size_t i = 0; i < n && rc == DB_OK; i++)
		if (held_in(c, m[i]))
			rc = meeting_entry(c, s, m[i]);
	free(g);
	meeting_list_free(&m, n);
	return (rc);
}

/* sec_attendance - each group's attendance by organisation over the
 * meetings held in the period */
static int
sec_attendance(struct report_ctx *c, struct report_section *s)
{
	struct cal_attend	 a;
	struct report_block	*t;
	struct list		*l = NULL;
	int			 rc = DB_OK, any = 0;
	int64_t			 until = c->r->p.to - 1;

	if (until > (int64_t)c->now)
		until = c->now;
	for (size_t g = 0; g < c->nlists && rc == DB_OK; g++) {
		if ((rc = list_load(c->db, c->lists[g], &l)) != DB_OK)
			break;
		rc = cal_attend_tally(c->db, l, c->r->p.from, until, -1, &a);
		if (rc == DB_OK && a.held > 0) {
			any = 1;
			gov_report_says(s, RB_HEAD, "%s: %lld meeting%s held",
			    l->name, (long long)a.held, a.held == 1 ? "" :
			    "s");
			/* A member with no organisation counts alone. */
			t = gov_report_table(s, "lr", "Organisation or member",
			    "Meetings attended");
			for (size_t i = 0; i < a.n; i++)
				gov_report_row(t, a.row[i].name,
				    gov_report_num(a.row[i].attended));
		}
		cal_attend_release(&a);
		list_free(&l);
	}
	if (rc == DB_OK && !any)
		gov_report_says(s, RB_PARA, "No attendance was recorded.");
	return (rc);
}

/* What a board meeting's seats come to. */
struct seats_acc {
	struct vbuf	 v;
	int		 n;
};

/* seat_add - one seat's holder */
static int
seat_add(const char *addr, void *arg)
{
	struct seats_acc *a = arg;

	vbuf_printf(&a->v, "%s%s", a->n++ > 0 ? ", " : "", addr);
	return (0);
}

/* sec_seats - the board's meetings in the period and the partnership's
 * seats at each */
static int
sec_seats(struct report_ctx *c, struct report_section *s)
{
	struct meeting		**m = NULL;
	struct report_block	 *t = NULL;
	struct seats_acc	  a;
	size_t			  n = 0;
	int			  rc;
	char			  filled[32];

	if ((rc = meeting_list(c->db, "board", &m, &n)) != DB_OK)
		return (rc);
	for (size_t i = 0; i < n && rc == DB_OK; i++) {
		if (m[i]->state != MEETING_SCHEDULED ||
		    m[i]->start_at < c->r->p.from ||
		    m[i]->start_at >= c->r->p.to)
			continue;
		if (t == NULL)
			t = gov_report_table(s, "lrl", "Board meeting",
			    "Seats filled", "Taken by");
		vbuf_init(&a.v, VBUF_NOMAX);
		a.n = 0;
		if ((rc = seat_each(c->db, m[i]->id, seat_add, &a)) == DB_OK) {
			(void)snprintf(filled, sizeof(filled), "%d of %d",
			    a.n, SEATS_MAX);
			gov_report_row(t, m[i]->start_local, filled,
			    a.n > 0 ? vbuf_str(&a.v) : "-");
		}
		vbuf_release(&a.v);
	}
	meeting_list_free(&m, n);
	if (rc == DB_OK && t == NULL)
		gov_report_says(s, RB_PARA, "The board did not meet in the period.");
	return (rc);
}

/* What a group's membership comes to. */
struct members_acc {
	struct report_block	*t;
	const char		*deflang;
	int64_t			 now, joined, left;
};

/* lang_row - one language's figures */
static int
lang_row(const struct report_lang_count *k, void *arg)
{
	struct members_acc *a = arg;

	if (k->now == 0 && k->joined == 0 && k->left == 0)
		return (0);
	gov_report_row(a->t, *k->lang != '\0' ? k->lang : a->deflang, gov_report_num(k->now),
	    gov_report_num(k->joined), gov_report_num(k->left));
	a->now += k->now;
	a->joined += k->joined;
	a->left += k->left;
	return (0);
}

/* sec_membership - each group's members at the end of the period, who
 * joined and who left in it, by language */
static int
sec_membership(struct report_ctx *c, struct report_section *s)
{
	struct members_acc	 a;
	struct list		*l = NULL;
	int			 rc = DB_OK;

	gov_report_says(s, RB_PARA, "Members when the period ends, and those "
	    "who joined and left in it, by the language moot writes to "
	    "them in.");
	for (size_t g = 0; g < c->nlists && rc == DB_OK; g++) {
		if ((rc = list_load(c->db, c->lists[g], &l)) != DB_OK)
			break;
		memset(&a, 0, sizeof(a));
		a.deflang = c->conf->language != NULL ? c->conf->language :
		    "en";
		gov_report_says(s, RB_HEAD, "%s", l->name);
		a.t = gov_report_table(s, "lrrr", "Language", "Members", "Joined",
		    "Left");
		rc = report_members_by_lang(c->db, l->id, c->r->p.from,
		    c->r->p.to, lang_row, &a);
		gov_report_row(a.t, "all", gov_report_num(a.now), gov_report_num(a.joined),
		    gov_report_num(a.left));
		list_free(&l);
	}
	return (rc);
}

/* sec_activity - posts, meetings and new members per month: the chart,
 * then its figures */
static int
sec_activity(struct report_ctx *c, struct report_section *s)
{
	struct report		*r = c->r;
	struct report_block	*t;
	struct cal_local	 l;
	int64_t			 a, b;
	int			 y, mo, rc = DB_OK;
	char			 ym[16];

	cal_local_from_utc((time_t)r->p.from, &l);
	y = l.year;
	mo = l.month;
	for (a = gov_report_month_start(y, mo); a < r->p.to && r->nmonth < MONTHS_MAX;
	    a = b) {
		struct report_month *m;

		r->month = xreallocarray(r->month, r->nmonth + 1,
		    sizeof(*r->month));
		m = &r->month[r->nmonth++];
		memset(m, 0, sizeof(*m));
		m->year = y;
		m->month = mo;
		if (++mo > 12) {
			mo = 1;
			y++;
		}
		b = gov_report_month_start(y, mo);
		/* The period's own ends cut its first and last months. */
		int64_t from = a < r->p.from ? r->p.from : a;
		int64_t to = b > r->p.to ? r->p.to : b;
		int64_t held_to = to > (int64_t)c->now ? (int64_t)c->now + 1 :
		    to;

		if ((rc = report_count(c->db, REPORT_POSTS, from, to,
		    &m->posts)) != DB_OK ||
		    (rc = report_count(c->db, REPORT_MEETINGS, from, held_to,
		    &m->meetings)) != DB_OK ||
		    (rc = report_count(c->db, REPORT_JOINED, from, to,
		    &m->joined)) != DB_OK)
			return (rc);
	}
	gov_report_block(s, RB_CHART);
	t = gov_report_table(s, "lrrr", "Month", "Posts", "Meetings",
	    "New members");
	for (size_t i = 0; i < r->nmonth; i++) {
		(void)snprintf(ym, sizeof(ym), "%04d-%02d",
		    r->month[i].year % 10000, r->month[i].month);
		gov_report_row(t, ym, gov_report_num(r->month[i].posts),
		    gov_report_num(r->month[i].meetings), gov_report_num(r->month[i].joined));
	}
	return (rc);
}

/*
 * The sections, in the order the report has them.  A section is a row
 * whose function, here or in a module of its own (gov_report_gov.c),
 * builds its blocks with gov_report_int.h over c->r->p.
 */
static const struct section_def {
	const char	*id;
	const char	*title;
	int		(*collect)(struct report_ctx *, struct report_section *);
} sections[] = {
	{ "meetings", "Meetings held", sec_meetings },
	{ "attendance", "Attendance by organisation", sec_attendance },
	{ "decisions", "Decisions and votes", gov_report_decisions },
	{ "priorities", "Priorities and task-and-finish groups",
	    gov_report_priorities },
	{ "seats", "The partnership's seats on the board", sec_seats },
	{ "membership", "Membership by group", sec_membership },
	{ "activity", "Activity per month", sec_activity },
	{ "statements", "Statements for council publications",
	    gov_report_statements },
};

/* keep_name - a list's name, for the sections to go through */
static int
keep_name(const struct list *l, void *arg)
{
	struct report_ctx	*c = arg;

	c->lists = xreallocarray(c->lists, c->nlists + 1, sizeof(*c->lists));
	c->lists[c->nlists++] = xstrdup(l->name);
	return (0);
}

/* gov_report_collect - see gov_report.h */
int
gov_report_collect(struct db *db, const struct conf *conf,
    const struct report_period *p, time_t now, struct report **out)
{
	struct report_ctx	c;
	int		rc;

	*out = NULL;
	memset(&c, 0, sizeof(c));
	c.db = db;
	c.conf = conf;
	c.now = now;
	c.r = xcalloc(1, sizeof(*c.r));
	c.r->site = xstrdup(conf->domain != NULL ? conf->domain : "");
	c.r->p = *p;
	c.r->made_at = now;
	c.r->sec = xcalloc(nitems(sections), sizeof(*c.r->sec));
	rc = list_each(db, keep_name, &c);
	for (size_t i = 0; rc == DB_OK && i < nitems(sections); i++) {
		struct report_section *s = &c.r->sec[c.r->nsec++];

		s->id = sections[i].id;
		s->title = sections[i].title;
		rc = sections[i].collect(&c, s);
	}
	for (size_t i = 0; i < c.nlists; i++)
		free(c.lists[i]);
	free(c.lists);
	if (rc != DB_OK)
		gov_report_free(&c.r);
	*out = c.r;
	return (rc);
}

/* gov_report_free - see gov_report.h */
void
gov_report_free(struct report **rp)
{
	struct report	*r = *rp;

	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nsec; i++) {
		for (size_t j = 0; j < r->sec[i].nb; j++) {
			struct report_block *b = &r->sec[i].b[j];

			free(b->text);
			for (size_t k = 0; k < b->nrows * b->ncols; k++)
				free(b->cell[k]);
			free(b->cell);
		}
		free(r->sec[i].b);
	}
	free(r->sec);
	free(r->month);
	free(r->site);
	free(r);
	*rp = NULL;
}

/* The formats, by name. */
static const char *const format_names[] = {
	[REPORT_TEXT] = "text",
	[REPORT_HTML] = "html",
	[REPORT_PDF] = "pdf",
};

/* gov_report_format_parse - see gov_report.h */
int
gov_report_format_parse(const char *s, enum report_format *f)
{
	for (size_t i = 0; i < nitems(format_names); i++)
		if (strcmp(s, format_names[i]) == 0) {
			*f = (enum report_format)i;
			return (0);
		}
	return (-1);
}
