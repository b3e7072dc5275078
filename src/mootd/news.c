/*
 * news.c - the weekly update of newsletter lists; see news.h
 *
 * A close cousin of digest.c: the same schedules, the same record of a
 * list's posts (digest_post), the same one-transaction-per-member
 * queueing.  What differs is who gets it (every member who takes mail,
 * not only digest members), its form (one readable text, not the posts
 * as messages) and the sections moot adds from what it knows.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/alloc.h"
#include "util/clock.h"
#include "global/conf.h"
#include "global/listaddr.h"
#include "global/schedule.h"
#include "global/tmpl.h"
#include "list/ctx.h"
#include "list/notice.h"
#include "cal/cal_agenda.h"
#include "cal/cal_ical.h"
#include "db/db.h"
#include "db/db_digest.h"
#include "db/db_list.h"
#include "db/db_decision.h"
#include "db/db_meeting.h"
#include "db/db_sched.h"
#include "db/db_notes.h"
#include "db/db_spool.h"
#include "mail/hdr_encode.h"
#include "mail/mail.h"
#include "mail/text_part.h"
#include "gov/gov_close.h"
#include "gov/gov_tally.h"
#include "mootd/kept.h"
#include "mootd/news.h"
#include "mootd/sched_send.h"
#include "util/killpoint.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define NEWS_MEETINGS_MAX	200	/* meetings shown in one update */
#define NEWS_DECISIONS_MAX	50	/* decisions shown in one update */

/* One list's pass at one scheduled instant. */
struct pass {
	struct sched_pass *sp;		/* the walk's: its ctx, list, slot
					 * and now */
	struct kept_posts kept;		/* the posts read in this pass */
	struct meeting	**all;		/* every meeting, by start; owned */
	size_t		 nall;
	const struct meeting *soon[NEWS_MEETINGS_MAX];	/* in all */
	size_t		 nsoon;
	struct vbuf	 ics;		/* soon, as iCalendar; empty: none */
	time_t		 notes_since;	/* the update before this one */
	struct vbuf	 notes;		/* the notes since, as text */
	struct decision_row *dec[NEWS_DECISIONS_MAX];	/* decided since;
					 * owned */
	size_t		 ndec;
};

static const struct sched_sender news_sender;

/* meetings_load - the meetings of every group that begin in the next
 * NEWS_MEETING_DAYS, and the calendar of them; -1 on trouble */
static int
meetings_load(struct pass *ps)
{
	const char	*titles[NEWS_MEETINGS_MAX];
	struct vbuf	 err;
	time_t		 until = ps->sp->now + NEWS_MEETING_DAYS * 86400;

	if (meeting_list(ps->sp->x->db, NULL, &ps->all, &ps->nall) != DB_OK)
		return (-1);
	for (size_t i = 0; i < ps->nall && ps->nsoon < nitems(ps->soon);
	    i++) {
		const struct meeting	*m = ps->all[i];

		if (m->state != MEETING_SCHEDULED ||
		    (time_t)m->start_at < ps->sp->now ||
		    (time_t)m->start_at >= until)
			continue;
		/* The calendar's title is the group's name: a reader's
		 * calendar shows whose meeting it is. */
		titles[ps->nsoon] = m->grp;
		ps->soon[ps->nsoon++] = m;
	}
	if (ps->nsoon == 0)
		return (0);
	vbuf_init(&err, 256);
	if (cal_ical_publish(ps->soon, titles, ps->nsoon,
	    ps->sp->x->conf->domain, ps->sp->now, &ps->ics, &err) == -1) {
		/* The update still goes, with the meetings as text. */
		log_warnx("update %s: no calendar: %s", ps->sp->l->name,
		    vbuf_str(&err));
		vbuf_reset(&ps->ics);
	}
	vbuf_release(&err);
	return (0);
}

/* The first lines of a note the update shows; the rest is at its meeting
 * (moot meeting notes). */
#define NEWS_NOTE_LINES	40

/* note_cb - one approved note, as the update shows it: its group and
 * meeting, then its text, the first NEWS_NOTE_LINES lines when long */
static int
note_cb(const struct meeting_note *n, void *arg)
{
	struct pass	*ps = arg;
	const char	*when = NULL, *p;
	int		 lines = 0;

	for (size_t i = 0; i < ps->nall; i++)
		if (ps->all[i]->id == n->meeting_id)
			when = ps->all[i]->start_local;
	vbuf_printf(&ps->notes, "\n%s%s%s\n", n->grp,
	    when != NULL ? ", " : "", when != NULL ? when : "");
	for (p = n->text; *p != '\0' && lines < NEWS_NOTE_LINES; lines++) {
		size_t	len = strcspn(p, "\n");

		vbuf_printf(&ps->notes, "  %.*s\n", (int)len, p);
		p += len + (p[len] == '\n');
	}
	if (*p != '\0')
		vbuf_puts(&ps->notes, "  [...]\n");
	return (0);
}

/* notes_load - the notes circulated since the last update, for the
 * lists whose --notes-to names this one; -1 on trouble */
static int
notes_load(struct pass *ps)
{
	return (notes_approved_since(ps->sp->x->db, ps->sp->l->name,
	    (int64_t)ps->notes_since, note_cb, ps) == DB_OK ? 0 : -1);
}

/* notes_section - the notes under their heading, in the reader's
 * language; nothing, and no heading, when there are none */
static void
notes_section(struct pass *ps, const struct sched_due *d, struct vbuf *out)
{
	if (ps->notes.len == 0)
		return;
	vbuf_putc(out, '\n');
	sched_phrase(ps->sp, d, "news-notes", NULL, 0, out);
	vbuf_putc(out, '\n');
	vbuf_cat(out, ps->notes.data, ps->notes.len);
}

/* decided_cb - a decision that ended since the last update, copied */
static int
decided_cb(const struct decision_row *d, void *arg)
{
	struct pass		*ps = arg;
	struct decision_row	*c;

	if (ps->ndec == NEWS_DECISIONS_MAX)
		return (1);
	c = xcalloc(1, sizeof(*c));
	c->kind = d->kind;
	c->state = d->state;
	c->list = xstrdup(d->list);
	c->title = xstrdup(d->title);
	c->outcome = d->outcome != NULL ? xstrdup(d->outcome) : NULL;
	c->casting = d->casting != NULL ? xstrdup(d->casting) : NULL;
	ps->dec[ps->ndec++] = c;
	return (0);
}

/* decisions_load - what was decided since the last update by this list
 * and by the groups whose --notes-to names it (what a group publishes
 * here: its notes, and so its decisions); -1 on trouble */
static int
decisions_load(struct pass *ps)
{
	size_t		 k = 0;
	int		 mine, rc = 0;

	if (gov_decided_each(ps->sp->x->db, (int64_t)ps->notes_since,
	    (int64_t)ps->sp->now, decided_cb, ps) != DB_OK)
		return (-1);
	for (size_t i = 0; i < ps->ndec; i++) {
		mine = strcmp(ps->dec[i]->list, ps->sp->l->name) == 0;
		if (!mine && rc == 0 && notes_to_names(ps->sp->x->db,
		    ps->dec[i]->list, ps->sp->l->name, &mine) != DB_OK)
			rc = -1;
		if (mine && rc == 0)
			ps->dec[k++] = ps->dec[i];
		else
			decision_free(&ps->dec[i]);
	}
	ps->ndec = k;
	return (rc);
}

/* decisions_section - what was decided, under its heading, in the
 * reader's language; nothing when nothing was */
static void
decisions_section(struct pass *ps, const struct sched_due *d,
    struct vbuf *out)
{
	struct vbuf	o;

	if (ps->ndec == 0)
		return;
	vbuf_putc(out, '\n');
	sched_phrase(ps->sp, d, "news-decisions", NULL, 0, out);
	vbuf_putc(out, '\n');
	vbuf_init(&o, VBUF_NOMAX);
	for (size_t i = 0; i < ps->ndec; i++) {
		vbuf_reset(&o);
		gov_outcome_phrase(ps->sp->x, ps->sp->l, ps->dec[i], d->lang,
		    &o);
		vbuf_printf(out, "\n%s: %s\n", ps->dec[i]->list,
		    ps->dec[i]->title);
		for (const char *p = vbuf_str(&o); *p != '\0'; ) {
			size_t	n = strcspn(p, "\n");

			if (n > 0)
				vbuf_printf(out, "  %.*s\n", (int)n, p);
			p += n + (p[n] == '\n');
		}
	}
	vbuf_release(&o);
}

/* text - the update's text, UTF-8, LF */
static void
text(struct pass *ps, const struct sched_due *d, const struct kept_chosen *ch,
    struct vbuf *out)
{
	kept_intro(ps->sp->x, d->lang, ps->sp->l, ch->n > 0 ? "news-intro" :
	    "news-no-posts", ch->n, out);
	vbuf_puts(out, "\n\n");
	for (size_t i = 0; i < ch->n; i++) {
		vbuf_printf(out, "%zu. %s\n   %s\n   %s\n\n", i + 1,
		    vbuf_str(&ch->p[i]->subject), vbuf_str(&ch->p[i]->from),
		    vbuf_str(&ch->p[i]->date));
		vbuf_cat(out, ch->p[i]->text.data, ch->p[i]->text.len);
		if (ch->p[i]->text.len > 0 &&
		    ch->p[i]->text.data[ch->p[i]->text.len - 1] != '\n')
			vbuf_putc(out, '\n');
		vbuf_puts(out, "\n");
	}
	sched_phrase(ps->sp, d, ps->nsoon > 0 ? "news-meetings" :
	    "news-no-meetings", NULL, 0, out);
	vbuf_puts(out, "\n");
	for (size_t i = 0; i < ps->nsoon; i++) {
		const struct meeting	*m = ps->soon[i];

		struct vbuf		 seats;

		vbuf_printf(out, "  %s: %s", m->grp, m->start_local);
		if (m->location != NULL && *m->location != '\0')
			vbuf_printf(out, ", %s", m->location);
		vbuf_putc(out, '\n');
		/* Who takes the board's seats, at the board meeting and at
		 * the meetings the rules made from it (item 7). */
		vbuf_init(&seats, VBUF_NOMAX);
		cal_seats(ps->sp->x, m, &seats);
		if (seats.len > 0) {
			struct tmpl_slot ss[] = { { "seats", vbuf_str(&seats) } };

			vbuf_puts(out, "    ");
			sched_phrase(ps->sp, d, "meeting-seats", ss, nitems(ss),
			    out);
			vbuf_putc(out, '\n');
		}
		vbuf_release(&seats);
	}
	if (ps->ics.len > 0) {
		vbuf_putc(out, '\n');
		sched_phrase(ps->sp, d, "news-calendar", NULL, 0, out);
		vbuf_putc(out, '\n');
	}
	notes_section(ps, d, out);
	decisions_section(ps, d, out);
}

/* body - the update's MIME body: the text alone, or multipart/mixed
 * with the meetings' calendar */
static void
body(struct pass *ps, const struct vbuf *t, struct vbuf *out)
{
	char	b[80];
	int	k = 0;

	if (ps->ics.len == 0) {
		notice_text_part(t, out);
		return;
	}
	/* The calendar is libical's and holds no "=_"; the text holds the
	 * posts, which may quote anything (an earlier update), so look. */
	do
		(void)snprintf(b, sizeof(b), "=_moot_update_%lld_%lld_%d",
		    (long long)ps->sp->slot, (long long)ps->sp->l->id, k++);
	while (memmem(t->data, t->len, b, strlen(b)) != NULL && k < 1000);
	vbuf_printf(out, "Content-Type: multipart/mixed;\r\n"
	    " boundary=\"%s\"\r\n\r\n--%s\r\n", b, b);
	notice_text_part(t, out);
	vbuf_printf(out, "\r\n--%s\r\n", b);
	notice_calendar_part(ps->ics.data, ps->ics.len, "PUBLISH",
	    "meetings.ics", out);
	vbuf_printf(out, "\r\n--%s--\r\n", b);
}

/* one_member - queue d's update and record it as theirs in one
 * transaction; 1 if done, 0 if it was theirs already, -1 on trouble */
static int
one_member(struct pass *ps, const struct sched_due *d)
{
	struct ctx	*x = ps->sp->x;
	struct kept_chosen	 ch;
	struct notice	 n;
	struct vbuf	 subject, t, mime;
	char		 count[24];
	int		 rc;

	memset(&ch, 0, sizeof(ch));
	ch.k = &ps->kept;
	ch.last = d->upto;
	if (digest_posts(x->db, ps->sp->l->id, d->upto, KEPT_CHOSEN_MAX,
	    kept_choose_cb, &ch) != DB_OK)
		return (-1);
	vbuf_init(&subject, VBUF_NOMAX);
	vbuf_init(&t, VBUF_NOMAX);
	vbuf_init(&mime, VBUF_NOMAX);
	(void)snprintf(count, sizeof(count), "%zu", ch.n);
	{
		struct tmpl_slot s[] = { { "list", ps->sp->l->name },
		    { "count", count } };

		sched_phrase(ps->sp, d, "news-subject", s, nitems(s), &subject);
	}
	text(ps, d, &ch, &t);
	body(ps, &t, &mime);
	memset(&n, 0, sizeof(n));
	n.tmpl = "news";
	n.to = d->addr;
	n.lang = d->lang;
	n.list = ps->sp->l;
	n.from_kind = AK_POST;
	rc = sched_send_queue(ps->sp, &news_sender, &n, vbuf_str(&subject),
	    &mime, d, ch.last);
	if (rc == 1) {
		log_info("update list=%s to=%s posts=%zu meetings=%zu",
		    ps->sp->l->name, d->addr, ch.n, ps->nsoon);
		/* The crash tests stop here: this update is queued and
		 * recorded, the next members' are not. */
		killpoint_at("news-queued");
	}
	vbuf_release(&subject);
	vbuf_release(&t);
	vbuf_release(&mime);
	return (rc);
}

/* end - what a pass owns */
static void
end(struct sched_pass *sp)
{
	struct pass	*ps = sp->own;

	kept_release(&ps->kept);
	if (ps->all != NULL)
		meeting_list_free(&ps->all, ps->nall);
	vbuf_release(&ps->ics);
	vbuf_release(&ps->notes);
	for (size_t i = 0; i < ps->ndec; i++)
		decision_free(&ps->dec[i]);
	free(ps);
	sp->own = NULL;
}

/* begin - a pass over one list's members at one instant: the
 * meetings and notes every member's update shows, read once */
static int
begin(struct sched_pass *sp)
{
	struct pass	*ps = xcalloc(1, sizeof(*ps));

	ps->sp = sp;
	ps->notes_since = sp->prev;
	vbuf_init(&ps->ics, VBUF_NOMAX);
	vbuf_init(&ps->notes, VBUF_NOMAX);
	kept_init(&ps->kept, sp->x, sp->l, "update", 0);
	sp->own = ps;
	if (meetings_load(ps) == -1 || notes_load(ps) == -1 ||
	    decisions_load(ps) == -1) {
		end(sp);
		return (-1);
	}
	return (0);
}

static int
member(struct sched_pass *sp, const struct sched_due *d)
{
	return (one_member(sp->own, d));
}

static const struct sched_sender news_sender = {
	SCHED_NEWS, "update", begin, member, end,
};

/* news_tick - see news.h */
int
news_tick(struct ctx *x)
{
	return (sched_send_tick(x, &news_sender));
}
