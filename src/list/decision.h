/*
 * decision.h - a moderator's decision on a held post, applied
 *
 * Owns: the decisions (approve, reject, discard) and their words in the
 * audit log, and applying one: in one transaction the token is used
 * (when it came by mail), the post leaves "held", an audit line is
 * written and, for a rejection, the poster is told (threat A8).  The
 * first decision wins (B4): a later one changes nothing, spends its
 * token, and its moderator may be told who decided first.  Used by the
 * command line (moot approve, reject, discard) and by moderator_reply.c;
 * reading a decision out of a reply is mod_reply.c's.
 */
#ifndef DECISION_H
#define DECISION_H

#include <stdint.h>

struct ctx;

enum decision {
	DECISION_NONE,
	DECISION_APPROVE,
	DECISION_REJECT,
	DECISION_DISCARD,
};

/* decision_name - "approve", "reject", "discard" (the audit's action);
 * "none" for anything else */
const char *decision_name(enum decision);

enum decision_outcome {
	DECISION_APPLIED,	/* decided now */
	DECISION_ALREADY_MADE,	/* decided before, by someone */
	DECISION_REPLAYED,	/* the token was used before */
	DECISION_NOT_HELD,	/* no such post, or never held */
	DECISION_ERROR,		/* database trouble: try again */
};

struct decision_result {
	enum decision_outcome outcome;
	char		 by[256];	/* DECISION_ALREADY_MADE: who decided */
	char		 state[16];	/* DECISION_ALREADY_MADE: what */
	int64_t		 at;		/* DECISION_ALREADY_MADE: when */
};

/*
 * decision_apply - decide post_id.  actor is who decides (an address,
 * or "cli:USER"); reason a rejection's (NULL or "": none); token_id the
 * token used (0 from the command line); tell is where an "already
 * decided" notice goes (NULL: nowhere).  Logs what it did.
 */
void	decision_apply(struct ctx *, int64_t post_id, enum decision,
	    const char *actor, const char *reason, int64_t token_id,
	    const char *tell, struct decision_result *);

#endif /* DECISION_H */
