/*
 * hold_end.h - how long a held post waits, and its end when nobody
 * decides
 *
 * Owns: the end of a hold (the list's hold_days, counted from when the
 * post came: moot list --hold-days), how long a moderation token about
 * a held post lives (until the hold ends, never past [moderation]
 * token_ttl: a token older than that is refused even on a list that
 * holds posts longer), and ending the posts whose hold is over: each is
 * rejected by decision.c with the reason "nobody decided within N days"
 * (policy.h's REASON_UNDECIDED), so the audit log records it and the
 * poster is told as for any rejection, unless poster.c finds the post
 * automated.  Each end is logged under the post's queue id.
 */
#ifndef HOLD_END_H
#define HOLD_END_H

#include <stdint.h>

struct ctx;
struct list;
struct spool_item;

/* hold_end_at - when the hold of post (held on l) ends */
int64_t	hold_end_at(const struct spool_item *post, const struct list *l);

/* hold_end_ttl - seconds a moderation token about post, made at now,
 * lives: until the hold ends, at most token_ttl, at least a second */
int64_t	hold_end_ttl(const struct ctx *, const struct spool_item *post,
	    const struct list *l, int64_t now);

/* hold_end_tick - end the holds that are over; how many were ended */
int	hold_end_tick(struct ctx *);

#endif /* HOLD_END_H */
