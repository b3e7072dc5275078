/*
 * escalate.c - asking further, and daily reminders; see escalate.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/clock.h"
#include "global/conf.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_asked.h"
#include "db/db_job.h"
#include "db/db_list.h"
#include "db/db_rota.h"
#include "db/db_spool.h"
#include "db/db_token.h"
#include "list/escalate.h"
#include "list/hold.h"
#include "list/hold_end.h"
#include "global/listaddr.h"
#include "util/log.h"
#include "list/membership.h"
#include "list/notice.h"
#include "global/rota.h"
#include "global/tmpl.h"
#include "global/token.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

#define ASKED_ROLES	"moderator,organiser,owner"

/* ask_next - the next on the rota after those asked; 1 if asked */
static int
ask_next(struct ctx *x, struct hold *h, time_t now)
{
	struct rota_set	rs;
	long		pos = -1, next = -1;
	int		asked;

	/* A meeting's notes: no rota; escalate.c's next step, all of
	 * the organisers, is the only one. */
	memset(&rs, 0, sizeof(rs));
	if (h->post->kind != AK_NOTES && rota_set_load(x->db, h->list->id,
	    (int)h->list->turn_days, &rs) == DB_OK && rs.r.n > 0) {
		for (size_t i = 0; i < rs.r.n && pos < 0; i++)
			if (hold_was_asked(h, rs.addrs[i]))
				pos = (long)i;
		next = rota_next(&rs.r, pos < 0 ? 0 : pos, now,
		    (const char *const *)h->asked.v, h->asked.n);
	}
	asked = next >= 0 && hold_ask(x, h, rs.addrs[next], 1) == 0;
	rota_set_free(&rs);
	return (asked);
}

/*
 * ask_first - a held post nobody was asked about (asking failed, or the
 * list had no moderators or owners then): ask now, as hold_post() would
 * have; 1 if anyone was asked.  Looked at every round, so the cheap
 * question (is there anyone to ask?) comes before loading the post.
 */
static int
ask_first(struct ctx *x, const struct asked_post *p)
{
	struct hold	h;
	int64_t		n = 0;
	int		done = 0;
	char		saved[LOG_ID_MAX];

	/* Anyone who decides about a post or a meeting's notes
	 * (hold_roles()); hold_ask_first() asks the right ones. */
	if (member_count_role(x->db, p->list_id, ASKED_ROLES, &n) !=
	    DB_OK || (n == 0 && membership_stand_in(x, p->list_id,
	    ASKED_ROLES) == NULL) ||
	    hold_load(x, p->spool_id, &h) != DB_OK)
		return (0);
	log_swap_id(h.post->queue_id, saved);	/* the post's lines */
	if (db_begin(x->db) == DB_OK) {
		done = hold_ask_first(x, &h);
		if (db_commit(x->db) != DB_OK)
			done = 0;
		else if (done)
			log_info("post %lld: nobody had been asked; asked "
			    "now", (long long)p->spool_id);
	}
	log_set_id(saved);
	hold_release(&h);
	return (done);
}

/* escalate - ask the next moderator, then all of them; how many asked */
static int
escalate(struct ctx *x, const struct asked_post *p)
{
	struct hold	h;
	time_t		now = clock_now();
	int64_t		e;
	int		want, done = 0;
	char		saved[LOG_ID_MAX];

	if (p->nobody)
		return (ask_first(x, p));
	if (p->level >= 2 || hold_load(x, p->spool_id, &h) != DB_OK)
		return (0);
	log_swap_id(h.post->queue_id, saved);	/* the post's lines */
	e = h.list->escalate_after;
	want = now >= p->since + 2 * e ? 2 : now >= p->since + e ? 1 : 0;
	if (want <= p->level || db_begin(x->db) != DB_OK) {
		log_set_id(saved);
		hold_release(&h);
		return (0);
	}
	if (want == 1 && (done = ask_next(x, &h, now)) == 0)
		want = 2;		/* nobody next: everyone now */
	if (want == 2)
		done += hold_ask_all(x, &h, 2);
	/* Reached even if nobody new was left to ask. */
	(void)spool_escalated(x->db, p->spool_id, want);
	if (db_commit(x->db) == DB_OK)
		log_info("post %lld escalated to level %d",
		    (long long)p->spool_id, want);
	else
		done = 0;		/* nobody was asked after all */
	log_set_id(saved);
	hold_release(&h);
	return (done);
}

struct reminder {
	struct ctx		*x;
	const struct list	*l;
	const char		*addr;	/* the moderator reminded */
	char			 tok[TOKEN_CHARS + 1];	/* the last post's */
	const char		*lang;	/* of the moderator reminded */
	int64_t			 due;	/* posts asked about before this */
	struct vbuf		 posts;
	int			 count;
};

/*
 * remind_line - one waiting post, a line of the reminder, with a reply
 * address of its own: a fresh token for this moderator and post, so a
 * reply to the reminder decides as a reply to the request would (the
 * request's token may be near its end, or lost)
 */
static int
remind_line(int64_t spool_id, void *arg)
{
	struct reminder		*r = arg;
	struct spool_item	*s = NULL;
	struct vbuf		 ra, from, subject;
	char			 when[32], id[32], tok[TOKEN_CHARS + 1];

	if (spool_load(r->x->db, spool_id, &s) != DB_OK)
		return (0);
	if (token_issue(r->x->db, "moderate", r->l->id, s->id, r->addr,
	    hold_end_ttl(r->x, s, r->l, clock_now()), tok) != DB_OK) {
		spool_item_free(&s);
		return (0);		/* the reminder goes without it */
	}
	memcpy(r->tok, tok, sizeof(r->tok));
	clock_iso((time_t)s->created_at, when, sizeof(when));
	(void)snprintf(id, sizeof(id), "%lld", (long long)s->id);
	vbuf_init(&ra, VBUF_NOMAX);
	listaddr_format(&ra, r->x->conf, r->l->name, AK_MODERATE, r->tok);
	/* The sender's words with their bidi controls shown, not obeyed,
	 * as the request showed them (hold.c, threat F3). */
	vbuf_init(&from, VBUF_NOMAX);
	vbuf_init(&subject, VBUF_NOMAX);
	vis_bidi_append(&from, s->from_addr != NULL ? s->from_addr : "?");
	vis_bidi_append(&subject, s->subject != NULL ? s->subject : "");
	{
		struct tmpl_slot slots[] = {
			{ "post_id", id },
			{ "since", when },
			{ "from", vbuf_str(&from) },
			{ "subject", vbuf_str(&subject) },
			{ "reply_address", vbuf_str(&ra) },
		};

		notice_phrase(r->x, r->lang, r->l, "reminder-post", slots,
		    nitems(slots), &r->posts);
		vbuf_putc(&r->posts, '\n');
	}
	vbuf_release(&ra);
	vbuf_release(&from);
	vbuf_release(&subject);
	{
		char	saved[LOG_ID_MAX];	/* the post's line */

		log_swap_id(s->queue_id, saved);
		log_info("post %lld in a reminder to %s: waiting since %s "
		    "(token %.*s...)", (long long)s->id, r->addr, when,
		    TOKEN_LOG_CHARS, r->tok);
		log_set_id(saved);
	}
	r->count++;
	spool_item_free(&s);
	return (0);
}

/* remind_one - one moderator's reminder about one list */
static int
remind_one(const char *addr, void *arg)
{
	struct reminder	*r = arg;
	struct vbuf	 err;
	char		 count[16], name[64], *lang;

	vbuf_reset(&r->posts);
	r->count = 0;
	lang = membership_lang(r->x->db, r->l->id, addr);
	r->lang = lang;
	r->addr = addr;
	(void)asked_waiting_for(r->x->db, r->l->id, addr, r->due, remind_line,
	    r);
	if (r->count == 0) {
		free(lang);
		return (0);
	}
	(void)snprintf(count, sizeof(count), "%d", r->count);
	vbuf_init(&err, 1024);
	{
		struct tmpl_slot slots[] = {
			{ "list", r->l->name },
			{ "count", count },
			{ "posts", vbuf_str(&r->posts) },
		};
		struct notice n = {
			.tmpl = "held-reminder", .to = addr, .lang = lang,
			.list = r->l, .from_kind = AK_OWNER,
			.slots = slots, .nslots = nitems(slots),
		};

		/* About one post: a reply to the reminder decides it. */
		if (r->count == 1) {
			(void)snprintf(name, sizeof(name), "%s moderation",
			    r->l->name);
			n.from_kind = AK_MODERATE;
			n.from_token = r->tok;
			n.from_name = name;
		}
		if (notice_queue(r->x, &n, &err) == -1)
			log_warnx("cannot remind %s: %s", addr,
			    vbuf_str(&err));
	}
	free(lang);
	vbuf_release(&err);
	return (0);
}

/* today_at - today's minute of the day at, in the site's zone */
static time_t
today_at(time_t now, int64_t at)
{
	struct tm	tm;

	localtime_r(&now, &tm);
	tm.tm_hour = (int)(at / 60);
	tm.tm_min = (int)(at % 60);
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (mktime(&tm));
}

/* remind - once a day, after [moderation] reminder_at, per list; 1 if
 * the reminders of p's list went today */
static int
remind(struct ctx *x, const struct asked_post *p)
{
	struct reminder	 r;
	struct list	*l = NULL;
	time_t		 now = clock_now();
	time_t		 due = today_at(now, x->conf->reminder_at);
	int64_t		 last = 0;
	int		 done = 0;

	if (now < due || job_last(x->db, "reminder", p->list_id, &last) !=
	    DB_OK || last >= due ||
	    list_load_id(x->db, p->list_id, &l) != DB_OK)
		return (0);
	memset(&r, 0, sizeof(r));
	r.x = x;
	r.l = l;
	/* A post held after this morning's reminder waits for tomorrow's. */
	r.due = due;
	vbuf_init(&r.posts, VBUF_NOMAX);
	if (db_begin(x->db) == DB_OK) {
		(void)asked_addrs(x->db, p->list_id, remind_one, &r);
		(void)job_mark(x->db, "reminder", p->list_id, now);
		if (db_commit(x->db) == DB_OK) {
			log_info("reminders sent for %s", l->name);
			done = 1;
		}
	}
	vbuf_release(&r.posts);
	list_free(&l);
	return (done);
}

/* One pass over the held posts that wait: escalation, then reminders. */
struct tick {
	struct ctx	*x;
	int		(*job)(struct ctx *, const struct asked_post *);
	int		 done;
};

/* tick_post - the pass's job for one waiting post */
static int
tick_post(const struct asked_post *p, void *arg)
{
	struct tick	*tk = arg;

	tk->done += tk->job(tk->x, p);
	return (0);
}

/* escalate_tick - see escalate.h */
int
escalate_tick(struct ctx *x)
{
	static int	(*const jobs[])(struct ctx *,
			    const struct asked_post *) = { escalate, remind };
	struct tick	tk = { x, NULL, 0 };

	/* Two passes, in this order: every escalation, then reminders. */
	for (size_t i = 0; i < nitems(jobs); i++) {
		tk.job = jobs[i];
		(void)asked_waiting(x->db, tick_post, &tk);
	}
	return (tk.done);
}
