/*
 * gov_proposal.h - opening a proposal decided by consensus, for callers
 * outside gov/'s commands (the priorities' yearly review)
 *
 * A proposal goes to each member of list with their own reply address;
 * they answer agree, object with a reason, or abstain.  Objections go
 * to the list as they come; at closes_at it passes if nobody objected
 * (and effect, gov_effect.h, is carried out in the same transaction),
 * else the proposer is asked whether to amend it or call a vote.
 */
#ifndef GOV_PROPOSAL_H
#define GOV_PROPOSAL_H

#include <stdint.h>

#include "gov/gov_effect.h"

struct ctx;
struct vbuf;

/*
 * gov_proposal_open - open it, in its own transaction (not inside the
 * caller's); 0 with *id, or -1 with why (then nothing opened)
 */
int	gov_proposal_open(struct ctx *, const char *list, const char *proposer,
	    const char *title, const char *text, int64_t closes_at,
	    enum gov_effect_kind effect, const char *effect_arg, int64_t *id,
	    struct vbuf *why);

/* gov_proposal_open_in - the same in the caller's transaction, so that
 * what asked for it is recorded with it; on -1 it is rolled back */
int	gov_proposal_open_in(struct ctx *, const char *list,
	    const char *proposer, const char *title, const char *text,
	    int64_t closes_at, enum gov_effect_kind effect,
	    const char *effect_arg, int64_t *id, struct vbuf *why);

#endif /* GOV_PROPOSAL_H */
