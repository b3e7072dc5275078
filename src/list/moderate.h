/*
 * moderate.h - posts that wait for a moderator, and their decisions
 *
 * Owns: holding a post (the moderator on duty is asked, by email, with a
 * single-use token in the reply address), reading a moderator's reply
 * (a valid token for this list and purpose, unexpired and unused, AND a
 * sender who moderates the list: threat B3), applying a decision (one
 * transaction: token used, state, audit row, the poster's notice: threat
 * A8; the first decision wins: B4), asking the next moderator and then
 * all of them when nobody decides (escalation), the daily reminder, and
 * notices to posters (rate-limited, never to automated mail or our own
 * addresses: C3).  Refusals of replies are logged and never answered
 * (no oracle for tokens: B3, C4).
 */
#ifndef MODERATE_H
#define MODERATE_H

#include <stdint.h>

#include "list/mod_reply.h"

struct ctx;
struct list;
struct mail;
struct spool_item;
struct verdict;

/* moderate_hold - the post s waits, for v's reason; who is on duty is
 * asked */
void	moderate_hold(struct ctx *, const struct spool_item *,
	    const struct verdict *v);

/* moderate_tell_poster - a post-rejected notice to the poster of s, if
 * the rules allow (not automated, not ours, not told today) */
void	moderate_tell_poster(struct ctx *, const struct spool_item *,
	    const struct list *, const char *tmpl, const char *reason);

/* moderate_reply - mail to L-moderate+TOKEN: a decision, or nothing */
void	moderate_reply(struct ctx *, struct spool_item *, const struct mail *);

enum mod_outcome {
	MOD_DONE,		/* decided now */
	MOD_ALREADY,		/* decided before, by someone */
	MOD_REPLAYED,		/* the token was used before */
	MOD_NOT_HELD,		/* no such post, or never held */
	MOD_ERROR,		/* database trouble: try again */
};

struct mod_result {
	enum mod_outcome outcome;
	char		 by[256];	/* MOD_ALREADY: who decided */
	char		 state[16];	/* MOD_ALREADY: what */
	int64_t		 at;		/* MOD_ALREADY: when */
};

/*
 * moderate_decide - decide post_id.  actor is who decides (an address,
 * or "cli:USER"); token_id the token used (0 from the command line);
 * tell is where an "already decided" notice goes (NULL: nowhere).
 */
void	moderate_decide(struct ctx *, int64_t post_id, enum decision,
	    const char *actor, const char *reason, int64_t token_id,
	    const char *tell, struct mod_result *);

/* moderate_tick - escalations and reminders that are due; things done */
int	moderate_tick(struct ctx *);

#endif /* MODERATE_H */
