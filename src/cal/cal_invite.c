/*
 * cal_invite.c - sending a meeting to its group's members; see
 * cal_invite.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal/cal_agenda.h"
#include "cal/cal_ical.h"
#include "cal/cal_invite.h"
#include "cal/cal_meeting.h"
#include "cal/cal_time.h"
#include "db/db.h"
#include "db/db_invite.h"
#include "db/db_list.h"
#include "db/db_meeting.h"
#include "db/db_token.h"
#include "global/conf.h"
#include "global/listaddr.h"
#include "global/tmpl.h"
#include "list/ctx.h"
#include "list/notice.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/killpoint.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* A member's token answers for a meeting until well after it: a late
 * "yes" is harmless, and a move sends a new one. */
#define TOKEN_AFTER	(30 * 86400)
/* The roles whose last reminder carries the answers so far. */
static const char *const organisers[] = { "organiser", "owner" };

/* cal_reminders_parse - see cal_invite.h */
int
cal_reminders_parse(const char *s, int days[CAL_REMIND_MAX], size_t *n,
    struct vbuf *err)
{
	char	 buf[64], *p, *w;

	*n = 0;
	if (s == NULL)
		s = CAL_REMIND_DEFAULT;
	if (strcmp(s, "none") == 0)
		return (0);
	if (strlen(s) >= sizeof(buf)) {
		vbuf_puts(err, "too long");
		return (-1);
	}
	memcpy(buf, s, strlen(s) + 1);
	for (p = buf; (w = strsep(&p, ",")) != NULL; ) {
		int	d = cal_offset_days(w);

		if (d == -1 || *n == CAL_REMIND_MAX) {
			vbuf_printf(err, "\"%s\" is not up to %d offsets such "
			    "as 14d,2d (days or weeks), or none", s,
			    CAL_REMIND_MAX);
			return (-1);
		}
		days[(*n)++] = d;
	}
	return (0);
}

/* One message about one meeting, to each member of its group. */
struct send {
	struct ctx		*x;
	const struct list	*l;
	const struct meeting	*m;
	enum cal_method		 method;
	int			 counts;	/* organisers get the answers */
	int64_t			 now;
	struct member		**v;		/* the members */
	size_t			 n, cap;
};

/* collect - keep a copy of each member, to write to after the query */
static int
collect(const struct member *mem, void *arg)
{
	struct send	*s = arg;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = xreallocarray(s->v, s->cap, sizeof(*s->v));
	}
	s->v[s->n] = xcalloc(1, sizeof(struct member));
	s->v[s->n]->addr = xstrdup(mem->addr);
	s->v[s->n]->name = xstrdup(mem->name != NULL ? mem->name : "");
	s->v[s->n]->role = xstrdup(mem->role != NULL ? mem->role : "member");
	s->v[s->n]->language = mem->language != NULL ?
	    xstrdup(mem->language) : NULL;
	s->n++;
	return (0);
}

/* cal_organiser - see cal_invite.h */
int
cal_organiser(const char *role)
{
	for (size_t i = 0; role != NULL && i < nitems(organisers); i++)
		if (strcmp(role, organisers[i]) == 0)
			return (1);
	return (0);
}

/* organiser - mem's role is one of organisers[] */
static int
organiser(const struct member *mem)
{
	return (cal_organiser(mem->role));
}

/* answers - the answers so far, as the organisers read them */
static void
answers(struct send *s, const struct member *mem, struct vbuf *out)
{
	int64_t	 n[ANSWER_COUNT];
	char	 a[24], d[24], t[24];

	if (invite_answer_count(s->x->db, s->m->id, n) != DB_OK)
		return;
	(void)snprintf(a, sizeof(a), "%lld", (long long)n[ANSWER_ACCEPTED]);
	(void)snprintf(d, sizeof(d), "%lld", (long long)n[ANSWER_DECLINED]);
	(void)snprintf(t, sizeof(t), "%lld", (long long)n[ANSWER_TENTATIVE]);
	{
		struct tmpl_slot slots[] = {
			{ "accepted", a }, { "declined", d },
			{ "tentative", t },
		};

		notice_phrase(s->x, mem->language, s->l, "meeting-answers",
		    slots, nitems(slots), out);
	}
}

/* to_one - queue the message to mem; 0 or -1 (logged) */
static int
to_one(struct send *s, const struct member *mem)
{
	const struct meeting	*m = s->m;
	struct cal_ical_out	 o;
	struct vbuf		 ical, org, err, ans, seats, who;
	struct cal_local	 end;
	char			 tok[TOKEN_CHARS + 1], days[24], endb[8];
	int			 rc = -1;

	vbuf_init(&ical, VBUF_NOMAX);
	vbuf_init(&org, 1024);
	vbuf_init(&err, 1024);
	vbuf_init(&ans, 1024);
	vbuf_init(&seats, VBUF_NOMAX);
	vbuf_init(&who, VBUF_NOMAX);
	if (token_issue(s->x->db, CAL_TOKEN_PURPOSE, s->l->id, m->id,
	    mem->addr, m->start_at + m->duration + TOKEN_AFTER - s->now,
	    tok) != DB_OK) {
		log_warnx("meeting %lld: cannot issue a token", (long long)m->id);
		goto out;
	}
	listaddr_format(&org, s->x->conf, s->l->name, AK_MEETING, tok);
	memset(&o, 0, sizeof(o));
	o.m = m;
	o.method = s->method;
	o.domain = s->x->conf->domain;
	o.summary = *s->l->description != '\0' ? s->l->description :
	    s->l->name;
	o.organizer = vbuf_str(&org);
	o.organizer_name = s->l->name;
	o.attendee = mem->addr;
	o.attendee_name = mem->name;
	o.now = (time_t)s->now;
	if (cal_ical_write(&o, &ical, &err) == -1) {
		log_warnx("meeting %lld: %s", (long long)m->id, vbuf_str(&err));
		goto out;
	}
	if (s->counts && organiser(mem))
		answers(s, mem, &ans);
	/* The board's seats for this cycle, named once recorded. */
	cal_seats(s->x, m, &who);
	if (who.len > 0) {
		struct tmpl_slot ss[] = { { "seats", vbuf_str(&who) } };

		notice_phrase(s->x, mem->language, s->l, "meeting-seats", ss,
		    nitems(ss), &seats);
	}
	(void)snprintf(days, sizeof(days), "%lld", (long long)
	    ((m->start_at - s->now) / 86400));
	cal_local_from_utc((time_t)(m->start_at + m->duration), &end);
	(void)snprintf(endb, sizeof(endb), "%02d:%02d", end.hour, end.min);
	{
		struct tmpl_slot slots[] = {
			{ "list", s->l->name }, { "start", m->start_local },
			{ "end", endb }, { "zone", m->zone },
			{ "location", m->location }, { "days", days },
			{ "answers", vbuf_str(&ans) },
			{ "seats", vbuf_str(&seats) },
		};
		struct notice n;

		memset(&n, 0, sizeof(n));
		n.tmpl = s->method == CAL_CANCEL ? "meeting-cancel" :
		    "meeting-invite";
		n.to = mem->addr;
		n.lang = mem->language;
		n.list = s->l;
		n.from_kind = AK_MEETING;
		n.from_token = tok;
		n.slots = slots;
		n.nslots = nitems(slots);
		n.calendar = ical.data;
		n.calendar_len = ical.len;
		n.cal_method = s->method == CAL_CANCEL ? "CANCEL" : "REQUEST";
		vbuf_reset(&err);
		if (notice_queue(s->x, &n, &err) == -1)
			log_warnx("meeting %lld: to %s: %s", (long long)m->id,
			    mem->addr, vbuf_str(&err));
		else
			rc = 0;
	}
out:
	vbuf_release(&ical);
	vbuf_release(&org);
	vbuf_release(&err);
	vbuf_release(&ans);
	vbuf_release(&seats);
	vbuf_release(&who);
	return (rc);
}

/* send_all - the message to every member, in the caller's transaction;
 * 0 or -1 */
static int
send_all(struct send *s)
{
	int	rc = 0;

	if (member_each(s->x->db, s->l->id, collect, s) != DB_OK)
		rc = -1;
	for (size_t i = 0; i < s->n; i++) {
		if (rc == 0 && to_one(s, s->v[i]) == -1)
			rc = -1;
		killpoint_at("invite-queued");
		member_free(&s->v[i]);
	}
	free(s->v);
	return (rc);
}

/* What is due about one meeting. */
struct due {
	int	 days[CAL_REMIND_MAX];	/* reminders due, not yet sent */
	size_t	 n;
	int	 update;		/* sent before, moved since */
	int	 cancel;		/* sent before, cancelled since */
	int	 last;			/* the list's last reminder is due */
};

/* what_due - into *d; 0, or -1 on trouble */
static int
what_due(struct ctx *x, const struct list *l, const struct meeting *m,
    int64_t now, struct due *d)
{
	int	 days[CAL_REMIND_MAX], yes, least = 0;
	size_t	 n;
	int64_t	 last;
	struct vbuf err;

	memset(d, 0, sizeof(*d));
	if (invite_sent_last(x->db, m->id, &last) != DB_OK)
		return (-1);
	if (m->state == MEETING_CANCELLED) {
		if (last < 0)
			return (0);	/* nobody was told of it */
		if (invite_sent_has(x->db, m->id, INVITE_CANCEL, 0,
		    m->sequence, &yes) != DB_OK)
			return (-1);
		d->cancel = !yes;
		return (0);
	}
	d->update = last >= 0 && last < m->sequence;
	vbuf_init(&err, 256);
	if (cal_reminders_parse(l->meeting_reminders, days, &n, &err) == -1) {
		log_warnx("list %s: meeting reminders %s", l->name,
		    vbuf_str(&err));
		n = 0;
	}
	vbuf_release(&err);
	for (size_t i = 0; i < n; i++)
		if (least == 0 || days[i] < least)
			least = days[i];
	for (size_t i = 0; i < n; i++) {
		if (m->start_at - (int64_t)days[i] * 86400 > now)
			continue;
		if (invite_sent_has(x->db, m->id, INVITE_REMIND, days[i],
		    m->sequence, &yes) != DB_OK)
			return (-1);
		if (yes)
			continue;
		d->days[d->n++] = days[i];
		if (days[i] == least)
			d->last = 1;
	}
	return (0);
}

/* record - keep what was sent, in the transaction that queued it */
static int
record(struct ctx *x, const struct meeting *m, const struct due *d,
    int64_t now)
{
	int	rc = DB_OK;

	if (d->cancel)
		rc = invite_sent_add(x->db, m->id, INVITE_CANCEL, 0,
		    m->sequence, now);
	if (rc == DB_OK && d->update)
		rc = invite_sent_add(x->db, m->id, INVITE_UPDATE, 0,
		    m->sequence, now);
	for (size_t i = 0; rc == DB_OK && i < d->n; i++)
		rc = invite_sent_add(x->db, m->id, INVITE_REMIND, d->days[i],
		    m->sequence, now);
	return (rc == DB_OK ? 0 : -1);
}

/* one - what is due about m, sent; 1 if something was */
static int
one(struct ctx *x, const struct meeting *m, int64_t now)
{
	struct list	*l = NULL;
	struct send	 s;
	struct due	 d;
	int		 rc;

	if ((rc = list_load(x->db, m->grp, &l)) != DB_OK)
		return (0);	/* an outside body: nobody to tell */
	if (what_due(x, l, m, now, &d) == -1 ||
	    (!d.cancel && !d.update && d.n == 0)) {
		list_free(&l);
		return (0);
	}
	memset(&s, 0, sizeof(s));
	s.x = x;
	s.l = l;
	s.m = m;
	s.method = d.cancel ? CAL_CANCEL : CAL_REQUEST;
	s.counts = d.last;
	s.now = now;
	if (db_begin(x->db) != DB_OK) {
		list_free(&l);
		return (0);
	}
	if (send_all(&s) == -1 || record(x, m, &d, now) == -1) {
		db_rollback(x->db);
		log_warnx("meeting %lld of %s: nothing sent; tried again later",
		    (long long)m->id, l->name);
	} else if (db_commit(x->db) != DB_OK)
		log_warnx("meeting %lld: cannot commit", (long long)m->id);
	else {
		killpoint_at("invite-committed");
		log_info("meeting %lld of %s: %s sent to %zu member(s)",
		    (long long)m->id, l->name, d.cancel ? "cancellation" :
		    d.n > 0 ? "reminder" : "update", s.n);
		rc = 1;
	}
	list_free(&l);
	return (rc == 1);
}

/* cal_invite_tick - see cal_invite.h */
int
cal_invite_tick(struct ctx *x)
{
	struct meeting	**v = NULL;
	size_t		  n = 0;
	int64_t		  now = clock_now();
	int		  done = 0;

	if (meeting_list(x->db, NULL, &v, &n) != DB_OK)
		return (0);
	for (size_t i = 0; i < n && (x->stop == NULL || !*x->stop); i++)
		if (v[i]->start_at > now)
			done += one(x, v[i], now);
	meeting_list_free(&v, n);
	return (done);
}
