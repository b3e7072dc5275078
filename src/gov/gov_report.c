/*
 * gov_report.c - what the report says; see gov_report.h
 *
 * The sections are a table: each row names a section and the function
 * that collects it from the database into blocks.  Decisions, votes,
 * priorities and statements come as rows of their own, where the
 * table says.
 */
#include <ctype.h>
#include <stdarg.h>
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
#include "util/alloc.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define NOTE_LINES	8	/* of a meeting's notes; then how many more */
#define MONTHS_MAX	120	/* a chart of ten years is enough */

/* What a section's function works with. */
struct rctx {
	struct db		*db;
	const struct conf	*conf;
	struct report		*r;
	time_t			 now;
	char			**lists;	/* every list's name, by id */
	size_t			 nlists;
};

/* --- the period -------------------------------------------------------- */

/* day_parse - "YYYY-MM-DD", a real date, to its local midnight's UTC */
static int
day_parse(const char *s, int64_t *t)
{
	struct cal_local l;
	char		 buf[32];
	time_t		 u;

	if (strlen(s) != 10)
		return (-1);
	(void)snprintf(buf, sizeof(buf), "%s 00:00", s);
	if (cal_local_parse(buf, &l) == -1)
		return (-1);
	/* A zone that skips midnight starts the day an hour on. */
	if (cal_local_to_utc(&l, &u) == -1) {
		l.hour = 1;
		if (cal_local_to_utc(&l, &u) == -1)
			return (-1);
	}
	*t = (int64_t)u;
	return (0);
}

/* day_format - the local day of t as YYYY-MM-DD */
static void
day_format(int64_t t, char *buf)
{
	struct cal_local l;
	char		 tmp[32];	/* what int may print, for the compiler */

	cal_local_from_utc((time_t)t, &l);
	(void)snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", l.year % 10000,
	    l.month, l.day);
	(void)snprintf(buf, REPORT_DAY_SIZE, "%.10s", tmp);
}

/* year_before - the local midnight a year before t's day */
static int64_t
year_before(int64_t t)
{
	struct cal_local l;
	char		 buf[32];
	int64_t		 out;

	cal_local_from_utc((time_t)t, &l);
	if (l.month == 2 && l.day == 29)
		l.day = 28;
	(void)snprintf(buf, sizeof(buf), "%04d-%02d-%02d",
	    (l.year - 1) % 10000, l.month, l.day);
	return (day_parse(buf, &out) == 0 ? out : t - 365 * 86400);
}

/* gov_report_period - see gov_report.h */
int
gov_report_period(const char *first, const char *last, time_t now,
    struct report_period *p, struct vbuf *why)
{
	memset(p, 0, sizeof(*p));
	if (last != NULL) {
		if (day_parse(last, &p->to) == -1) {
			vbuf_printf(why, "\"%s\" is not a date (YYYY-MM-DD)",
			    last);
			return (-1);
		}
		/* The last day is in: the period ends at the next one. */
		p->to += 36 * 3600;
		day_format(p->to, p->last);
		(void)day_parse(p->last, &p->to);
		(void)snprintf(p->last, sizeof(p->last), "%s", last);
	} else {
		/* What happened at now is in: the period ends after it. */
		p->to = (int64_t)now + 1;
		day_format(now, p->last);
	}
	if (first != NULL) {
		if (day_parse(first, &p->from) == -1) {
			vbuf_printf(why, "\"%s\" is not a date (YYYY-MM-DD)",
			    first);
			return (-1);
		}
	} else
		p->from = year_before(p->to);
	day_format(p->from, p->first);
	if (p->from >= p->to) {
		vbuf_printf(why, "the period from %s to %s is empty",
		    p->first, p->last);
		return (-1);
	}
	return (0);
}

/* gov_report_period_subject - see gov_report.h */
int
gov_report_period_subject(const char *subject, time_t now,
    struct report_period *p)
{
	char		 day[2][REPORT_DAY_SIZE];
	const char	*s = subject != NULL ? subject : "";
	size_t		 n = 0, k;
	struct vbuf	 why;
	int		 digits = 0, rc;

	for (; *s != '\0'; s++) {
		if (!isdigit((unsigned char)*s))
			continue;
		digits = 1;
		k = strspn(s, "0123456789-");
		/* A date stands alone: YYYY-MM-DD, no digit either side. */
		if (k == 10 && n < 2 && s[4] == '-' && s[7] == '-') {
			memcpy(day[n], s, 10);
			day[n++][10] = '\0';
		} else
			n = 3;		/* something else: not clear */
		s += k - 1;
	}
	vbuf_init(&why, 256);
	rc = n == 2 && gov_report_period(day[0], day[1], now, p, &why) == 0 ?
	    0 : -1;
	if (rc == -1)
		(void)gov_report_period(NULL, NULL, now, p, &why);
	vbuf_release(&why);
	return (rc == 0 ? 0 : digits ? 2 : 1);
}

/* --- blocks ------------------------------------------------------------ */

/* block_new - a new block of kind at the end of s */
static struct report_block *
block_new(struct report_section *s, enum report_block_kind kind)
{
	struct report_block *b;

	s->b = xreallocarray(s->b, s->nb + 1, sizeof(*s->b));
	b = &s->b[s->nb++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return (b);
}

/* block_text - a block of kind with printf's text */
static void __attribute__((format(printf, 3, 4)))
block_text(struct report_section *s, enum report_block_kind kind,
    const char *fmt, ...)
{
	struct report_block *b = block_new(s, kind);
	va_list		 ap;
	struct vbuf	 v;

	vbuf_init(&v, VBUF_NOMAX);
	va_start(ap, fmt);
	(void)vbuf_vprintf(&v, fmt, ap);
	va_end(ap);
	b->text = vbuf_take(&v, NULL);
	if (b->text == NULL)
		b->text = xstrdup("");
}

/* table_new - a table whose columns are aligned as align says ("lrr"),
 * with the heading cells that follow (ncols of them) */
static struct report_block *
table_new(struct report_section *s, const char *align, ...)
{
	struct report_block *b = block_new(s, RB_TABLE);
	va_list		 ap;

	b->ncols = strlen(align);
	(void)snprintf(b->align, sizeof(b->align), "%s", align);
	b->cell = xcalloc(b->ncols, sizeof(*b->cell));
	b->nrows = 1;
	va_start(ap, align);
	for (size_t i = 0; i < b->ncols; i++)
		b->cell[i] = xstrdup(va_arg(ap, const char *));
	va_end(ap);
	return (b);
}

/* table_row - a row of b: its cells (ncols strings) follow */
static void
table_row(struct report_block *b, ...)
{
	va_list		 ap;
	size_t		 at = b->nrows * b->ncols;

	b->cell = xreallocarray(b->cell, at + b->ncols, sizeof(*b->cell));
	va_start(ap, b);
	for (size_t i = 0; i < b->ncols; i++)
		b->cell[at + i] = xstrdup(va_arg(ap, const char *));
	va_end(ap);
	b->nrows++;
}

/* num - n as a string, in one of a few buffers a row may use at once */
static const char *
num(int64_t n)
{
	static char	buf[8][24];
	static size_t	next;
	char		*b = buf[next++ % nitems(buf)];

	(void)snprintf(b, sizeof(buf[0]), "%lld", (long long)n);
	return (b);
}

/* --- the sections ------------------------------------------------------ */

/* held_in - m was held in the report's period, by now */
static int
held_in(const struct rctx *c, const struct meeting *m)
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
	vbuf_printf(&a->v, "From %s:\n", n->sender);
	while (*p != '\0') {
		k = strcspn(p, "\n");
		if (line++ < NOTE_LINES) {
			vbuf_cat(&a->v, p, k);
			vbuf_putc(&a->v, '\n');
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
meeting_entry(struct rctx *c, struct report_section *s,
    const struct meeting *m)
{
	struct notes_acc a;
	int		 rc;

	block_text(s, RB_HEAD, "%s, %s%s%s (meeting %lld)", m->grp,
	    m->start_local, m->location != NULL ? ", " : "",
	    m->location != NULL ? m->location : "", (long long)m->id);
	vbuf_init(&a.v, VBUF_NOMAX);
	a.n = 0;
	rc = notes_of_meeting(c->db, m->id, note_lines, &a);
	if (rc == DB_OK && a.n > 0)
		block_text(s, RB_LINES, "%s", vbuf_str(&a.v));
	else if (rc == DB_OK)
		block_text(s, RB_PARA, "No notes were kept.");
	vbuf_release(&a.v);
	return (rc);
}

/* sec_meetings - how many meetings each group held in the period, then
 * each meeting, by start, with the first lines of its notes */
static int
sec_meetings(struct rctx *c, struct report_section *s)
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
		block_text(s, RB_PARA, "No meeting was held in the period.");
	else {
		t = table_new(s, "lr", "Group", "Meetings held");
		for (j = 0; j < ng; j++)
			table_row(t, g[j].grp, num(g[j].n));
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
sec_attendance(struct rctx *c, struct report_section *s)
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
			block_text(s, RB_HEAD, "%s: %lld meeting%s held",
			    l->name, (long long)a.held, a.held == 1 ? "" :
			    "s");
			/* A member with no organisation counts alone. */
			t = table_new(s, "lr", "Organisation or member",
			    "Meetings attended");
			for (size_t i = 0; i < a.n; i++)
				table_row(t, a.row[i].name,
				    num(a.row[i].attended));
		}
		cal_attend_release(&a);
		list_free(&l);
	}
	if (rc == DB_OK && !any)
		block_text(s, RB_PARA, "No attendance was recorded.");
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
sec_seats(struct rctx *c, struct report_section *s)
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
			t = table_new(s, "lrl", "Board meeting",
			    "Seats filled", "Taken by");
		vbuf_init(&a.v, VBUF_NOMAX);
		a.n = 0;
		if ((rc = seat_each(c->db, m[i]->id, seat_add, &a)) == DB_OK) {
			(void)snprintf(filled, sizeof(filled), "%d of %d",
			    a.n, SEATS_MAX);
			table_row(t, m[i]->start_local, filled,
			    a.n > 0 ? vbuf_str(&a.v) : "-");
		}
		vbuf_release(&a.v);
	}
	meeting_list_free(&m, n);
	if (rc == DB_OK && t == NULL)
		block_text(s, RB_PARA, "The board did not meet in the period.");
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
	table_row(a->t, *k->lang != '\0' ? k->lang : a->deflang, num(k->now),
	    num(k->joined), num(k->left));
	a->now += k->now;
	a->joined += k->joined;
	a->left += k->left;
	return (0);
}

/* sec_membership - each group's members at the end of the period, who
 * joined and who left in it, by language */
static int
sec_membership(struct rctx *c, struct report_section *s)
{
	struct members_acc	 a;
	struct list		*l = NULL;
	int			 rc = DB_OK;

	block_text(s, RB_PARA, "Members when the period ends, and those "
	    "who joined and left in it, by the language moot writes to "
	    "them in.");
	for (size_t g = 0; g < c->nlists && rc == DB_OK; g++) {
		if ((rc = list_load(c->db, c->lists[g], &l)) != DB_OK)
			break;
		memset(&a, 0, sizeof(a));
		a.deflang = c->conf->language != NULL ? c->conf->language :
		    "en";
		block_text(s, RB_HEAD, "%s", l->name);
		a.t = table_new(s, "lrrr", "Language", "Members", "Joined",
		    "Left");
		rc = report_members_by_lang(c->db, l->id, c->r->p.from,
		    c->r->p.to, lang_row, &a);
		table_row(a.t, "all", num(a.now), num(a.joined),
		    num(a.left));
		list_free(&l);
	}
	return (rc);
}

/* month_start - the UTC instant month m of year y begins, locally */
static int64_t
month_start(int y, int m)
{
	char	buf[32];
	int64_t	t = 0;

	(void)snprintf(buf, sizeof(buf), "%04d-%02d-01", y % 10000, m);
	(void)day_parse(buf, &t);
	return (t);
}

/* sec_activity - posts, meetings and new members per month: the chart,
 * then its figures */
static int
sec_activity(struct rctx *c, struct report_section *s)
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
	for (a = month_start(y, mo); a < r->p.to && r->nmonth < MONTHS_MAX;
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
		b = month_start(y, mo);
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
	block_new(s, RB_CHART);
	t = table_new(s, "lrrr", "Month", "Posts", "Meetings",
	    "New members");
	for (size_t i = 0; i < r->nmonth; i++) {
		(void)snprintf(ym, sizeof(ym), "%04d-%02d",
		    r->month[i].year % 10000, r->month[i].month);
		table_row(t, ym, num(r->month[i].posts),
		    num(r->month[i].meetings), num(r->month[i].joined));
	}
	return (rc);
}

/*
 * The sections, in the order the report has them.  After the merge of
 * the decisions' branches, their rows go where the comments stand.
 */
static const struct section_def {
	const char	*id;
	const char	*title;
	int		(*collect)(struct rctx *, struct report_section *);
} sections[] = {
	{ "meetings", "Meetings held", sec_meetings },
	{ "attendance", "Attendance by organisation", sec_attendance },
	/* ROW: decisions and votes with their results (proposals, votes) */
	/* ROW: the priorities and their task-and-finish groups' activity */
	{ "seats", "The partnership's seats on the board", sec_seats },
	{ "membership", "Membership by group", sec_membership },
	{ "activity", "Activity per month", sec_activity },
	/* ROW: statements for council publications, as agreed */
};

/* keep_name - a list's name, for the sections to go through */
static int
keep_name(const struct list *l, void *arg)
{
	struct rctx	*c = arg;

	c->lists = xreallocarray(c->lists, c->nlists + 1, sizeof(*c->lists));
	c->lists[c->nlists++] = xstrdup(l->name);
	return (0);
}

/* gov_report_collect - see gov_report.h */
int
gov_report_collect(struct db *db, const struct conf *conf,
    const struct report_period *p, time_t now, struct report **out)
{
	struct rctx	c;
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

/* gov_report_write - see gov_report.h */
int
gov_report_write(const struct report *r, enum report_format f,
    struct vbuf *out, struct vbuf *why)
{
	switch (f) {
	case REPORT_TEXT:
		return (gov_report_text(r, out));
	case REPORT_HTML:
		return (gov_report_html(r, out));
	case REPORT_PDF:
		return (gov_report_pdf(r, out, why));
	}
	return (-1);
}
