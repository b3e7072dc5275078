/*
 * dispatch.h - sending what waits in the outbox, and when to try again
 *
 * Owns: the retry schedule shared by posts and notices (exponential from
 * [delivery] retry_min, capped at retry_max; give up after give_up, RFC
 * 5321 section 4.5.4.1) and the sending of queued notices.
 */
#ifndef DISPATCH_H
#define DISPATCH_H

#include <stdint.h>
#include <time.h>

struct conf;
struct ctx;

/* retry_at - when to try again after the n-th deferral (n >= 1) */
time_t	retry_at(const struct conf *, int64_t n, time_t now);

/*
 * dispatch_run - send every outbox item that is due; the items whose
 * outcome was recorded.  An outcome that cannot be recorded sets
 * *trouble and ends the run: nothing more is sent until the caller has
 * backed off, so a notice whose "sent" mark fails is not sent again and
 * again (the next try after the back-off may send it once more).
 */
int	dispatch_run(struct ctx *, int *trouble);

#endif /* DISPATCH_H */
