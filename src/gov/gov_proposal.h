/*
 * gov_proposal.h - proposals decided by consensus
 *
 * Only the declaration the priorities' yearly review calls
 * (gov_review.c); the proposals' own module replaces this header.
 */
#ifndef GOV_PROPOSAL_H
#define GOV_PROPOSAL_H

#include <stdint.h>

#include "gov/gov_effect.h"

struct ctx;
struct vbuf;

/*
 * gov_proposal_open - open a proposal on list by proposer, titled title
 * with text, closing at closes_at, doing effect (with effect_arg) when
 * it passes; *id its id.  0, or -1 with why.
 */
int gov_proposal_open(struct ctx *, const char *list, const char *proposer, const char *title, const char *text, int64_t closes_at, enum gov_effect_kind effect, const char *effect_arg, int64_t *id, struct vbuf *why);

#endif /* GOV_PROPOSAL_H */
