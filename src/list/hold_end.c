/*
 * hold_end.c - the end of a hold nobody decides; see hold_end.h
 */
#include <string.h>

#include "util/clock.h"
#include "global/conf.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_asked.h"
#include "db/db_list.h"
#include "db/db_spool.h"
#include "list/decision.h"
#include "list/hold_end.h"
#include "list/policy.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define DAY	86400

/* days_of - l's hold_days; the schema's default for a list without */
static int64_t
days_of(const struct list *l)
{
	return (l->hold_days > 0 ? l->hold_days : LIST_DEFAULT_HOLD_DAYS);
}

/* hold_end_at - see hold_end.h */
int64_t
hold_end_at(const struct spool_item *post, const struct list *l)
{
	return (post->created_at + days_of(l) * DAY);
}

/* hold_end_ttl - see hold_end.h */
int64_t
hold_end_ttl(const struct ctx *x, const struct spool_item *post,
    const struct list *l, int64_t now)
{
	int64_t	left = hold_end_at(post, l) - now;

	/* token_ttl is the ceiling: a token is never older than that. */
	if (left > x->conf->moderate_ttl)
		left = x->conf->moderate_ttl;
	return (left > 0 ? left : 1);
}

/* A round of ending holds. */
struct ender {
	struct ctx	*x;
	int		 done;		/* posts ended */
};

/* end_one - post id waited its list's hold_days: rejected by nobody */
static int
end_one(int64_t id, void *arg)
{
	struct ender		*e = arg;
	struct ctx		*x = e->x;
	struct spool_item	*post = NULL;
	struct list		*l = NULL;
	struct decision_result	 res;
	struct verdict		 v;
	struct vbuf		 why;

	if (spool_load(x->db, id, &post) != DB_OK || post->list_id == 0 ||
	    list_load_id(x->db, post->list_id, &l) != DB_OK) {
		spool_item_free(&post);
		return (0);		/* looked at again next round */
	}
	log_set_id(post->queue_id);
	memset(&v, 0, sizeof(v));
	v.reason = REASON_UNDECIDED;
	v.amount = days_of(l);
	vbuf_init(&why, VBUF_NOMAX);
	policy_reason_words(&v, &why);
	/* decision.c tells the poster, unless poster.c finds the post
	 * automated, and logs "post N rejected by moot: ...". */
	decision_apply(x, id, DECISION_REJECT, "moot", vbuf_str(&why), 0,
	    NULL, &res);
	if (res.outcome == DECISION_APPLIED) {
		e->done++;
		log_info("post %lld on %s: its hold ended (%s)",
		    (long long)id, l->name, vbuf_str(&why));
	} else if (res.outcome == DECISION_ERROR)
		log_warnx("post %lld: cannot end its hold; tried again",
		    (long long)id);
	log_set_id(NULL);
	vbuf_release(&why);
	spool_item_free(&post);
	list_free(&l);
	return (0);
}

/* hold_end_tick - see hold_end.h */
int
hold_end_tick(struct ctx *x)
{
	struct ender	e = { x, 0 };

	(void)asked_overdue(x->db, clock_now(), end_one, &e);
	return (e.done);
}
