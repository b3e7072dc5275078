/*
 * gov_proposal_stub.c - gov_proposal_open() until proposals exist
 *
 * The priorities' yearly review opens its review as a proposal; in a
 * tree without proposals it is refused, saying so, and the review's
 * answer is not recorded, so it counts once proposals come.
 */
#include <stdint.h>

#include "gov/gov_proposal.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* gov_proposal_open - see gov_proposal.h */
int
gov_proposal_open(struct ctx *x, const char *list, const char *proposer,
    const char *title, const char *text, int64_t closes_at,
    enum gov_effect_kind effect, const char *effect_arg, int64_t *id,
    struct vbuf *why)
{
	(void)x; (void)list; (void)proposer; (void)title; (void)text;
	(void)closes_at; (void)effect; (void)effect_arg;
	*id = 0;
	vbuf_puts(why, "proposals are not built in this tree");
	return (-1);
}
