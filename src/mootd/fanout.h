/*
 * fanout.h - distributing an approved post to a list's members
 *
 * Owns: the walk over the members in batches (constant memory per batch:
 * threat D4), the envelope sender (L-bounces@domain), the per-recipient
 * delivery records committed after each transaction (threat A4), and the
 * retry of what the relay deferred, with back-off and, after give_up, a
 * notice to the list's owners (threat A5).
 */
#ifndef FANOUT_H
#define FANOUT_H

struct ctx;
struct list;
struct spool_item;
struct vbuf;

enum fanout_result {
	FANOUT_SENT,		/* every member has a final record */
	FANOUT_DEFERRED,	/* some must be tried again later */
	FANOUT_FAILED,		/* the post cannot be distributed */
};

/* fanout_post - distribute s (state approved or distributing) */
enum fanout_result fanout_post(struct ctx *, struct spool_item *s);

/*
 * fanout_owner_copy - mail to L-owner as it came, with our X-Loop on top,
 * into out (for the owners, or [moot] admin where there are none); 0, or
 * -1 with the reason in why
 */
int	fanout_owner_copy(struct ctx *, const struct spool_item *s,
	    const struct list *l, struct vbuf *out, struct vbuf *why);

#endif /* FANOUT_H */
