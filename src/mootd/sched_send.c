/*
 * sched_send.c - the walk digests and weekly updates share; see
 * sched_send.h
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/alloc.h"
#include "util/clock.h"
#include "global/schedule.h"
#include "list/ctx.h"
#include "list/notice.h"
#include "db/db.h"
#include "db/db_list.h"
#include "db/db_sched.h"
#include "mootd/sched_send.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define SCHED_MEMBERS_BATCH	50	/* members read at once */
#define SCHED_LISTS_MAX		10000	/* lists looked at in one tick */

struct due_batch {
	struct sched_due m[SCHED_MEMBERS_BATCH];
	size_t		 n;
};

/* A list with a schedule, copied out of the row. */
struct sched_at {
	int64_t		 id, since;
	char		*at;		/* owned */
};

struct sched_ats {
	struct sched_at	*v;		/* owned */
	size_t		 n, cap;
};

/* sched_phrase - see sched_send.h */
void
sched_phrase(const struct sched_pass *ps, const struct sched_due *d,
    const char *key, const struct tmpl_slot *slots, size_t nslots,
    struct vbuf *out)
{
	notice_phrase_line(ps->x, d->lang, ps->l, key, slots, nslots, out);
}

/* sched_send_queue - see sched_send.h */
int
sched_send_queue(struct sched_pass *ps, const struct sched_sender *s,
    struct notice *n, const char *subject, const struct vbuf *mime,
    const struct sched_due *d, int64_t upto)
{
	struct ctx	*x = ps->x;
	struct vbuf	 err;
	int		 rc = -1;

	vbuf_init(&err, 1024);
	if (db_begin(x->db) != DB_OK)
		goto out;
	if (notice_queue_mime(x, n, subject, mime, &err) == -1) {
		log_warnx("%s %s to %s: %s", s->what, ps->l->name, d->addr,
		    vbuf_str(&err));
		db_rollback(x->db);
		goto out;
	}
	switch (sched_mark(x->db, s->kind, d->id, upto, (int64_t)ps->slot)) {
	case DB_OK:
		rc = db_commit(x->db) == DB_OK ? 1 : -1;
		break;
	case DB_NOTFOUND:	/* another mootd --once was first */
		db_rollback(x->db);
		rc = 0;
		break;
	default:
		db_rollback(x->db);
		break;
	}
out:
	vbuf_release(&err);
	return (rc);
}

static int
due_cb(const struct sched_member *m, void *arg)
{
	struct due_batch	*b = arg;
	struct sched_due	*d = &b->m[b->n++];

	d->id = m->id;
	d->upto = m->upto;
	d->plain = m->plain;
	d->addr = xstrdup(m->addr);
	d->lang = m->language != NULL ? xstrdup(m->language) : NULL;
	return (b->n == nitems(b->m));
}

static void
due_release(struct due_batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->m[i].addr);
		free(b->m[i].lang);
	}
	b->n = 0;
}

/* members - the members of ps's list due its message; how many were
 * queued, or -1 */
static int
members(struct sched_pass *ps, const struct sched_sender *s)
{
	struct ctx	*x = ps->x;
	struct due_batch b;
	int64_t		 after = 0;
	int		 done = 0, rc = 0;

	b.n = 0;
	while (rc != -1 && (x->stop == NULL || !*x->stop)) {
		if (sched_members_due(x->db, s->kind, ps->l->id,
		    (int64_t)ps->slot, after, SCHED_MEMBERS_BATCH, due_cb,
		    &b) != DB_OK) {
			rc = -1;
			break;
		}
		if (b.n == 0)
			break;
		for (size_t i = 0; i < b.n && rc != -1; i++) {
			after = b.m[i].id;
			if ((rc = s->member(ps, &b.m[i])) == 1)
				done++;
		}
		due_release(&b);
	}
	due_release(&b);
	return (rc == -1 ? -1 : done);
}

/* one_list - the pass of list sa at slot; how many queued, or -1 */
static int
one_list(struct ctx *x, const struct sched_sender *s,
    const struct sched_at *sa, time_t slot, time_t prev, time_t now)
{
	struct sched_pass ps;
	int		 done;

	memset(&ps, 0, sizeof(ps));
	ps.x = x;
	ps.slot = slot;
	ps.prev = prev > (time_t)sa->since ? prev : (time_t)sa->since;
	ps.now = now;
	if (list_load_id(x->db, sa->id, &ps.l) != DB_OK)
		return (-1);
	if (s->begin(&ps) == -1) {
		list_free(&ps.l);
		return (-1);
	}
	done = members(&ps, s);
	s->end(&ps);
	list_free(&ps.l);
	return (done);
}

static int
list_cb(const struct sched_list *d, void *arg)
{
	struct sched_ats	*ls = arg;

	if (ls->n == ls->cap) {
		ls->cap = ls->cap ? ls->cap * 2 : 8;
		ls->v = xreallocarray(ls->v, ls->cap, sizeof(*ls->v));
	}
	ls->v[ls->n].id = d->id;
	ls->v[ls->n].since = d->since;
	ls->v[ls->n].at = xstrdup(d->at);
	ls->n++;
	return (ls->n >= SCHED_LISTS_MAX);
}

/* sched_send_tick - see sched_send.h */
int
sched_send_tick(struct ctx *x, const struct sched_sender *s)
{
	struct sched_ats ls;
	struct schedule	 sc;
	time_t		 now = clock_now(), slot;
	int		 done = 0, n;

	memset(&ls, 0, sizeof(ls));
	/* Read first, then write: no statement stays open across the
	 * transactions that queue the messages. */
	if (sched_each_list(x->db, s->kind, list_cb, &ls) != DB_OK)
		goto out;
	for (size_t i = 0; i < ls.n; i++) {
		if (schedule_parse(ls.v[i].at, &sc) == -1) {
			log_warnx("list %lld: %s schedule \"%s\" cannot be "
			    "read: none sent", (long long)ls.v[i].id,
			    s->what, ls.v[i].at);
			continue;
		}
		/* Only the last time counts: one missed while mootd was
		 * down goes once.  And only times after it was set. */
		slot = schedule_prev(&sc, now);
		if ((int64_t)slot <= ls.v[i].since)
			continue;
		if ((n = one_list(x, s, &ls.v[i], slot,
		    schedule_prev(&sc, slot - 1), now)) > 0)
			done += n;
	}
out:
	for (size_t i = 0; i < ls.n; i++)
		free(ls.v[i].at);
	free(ls.v);
	return (done);
}
