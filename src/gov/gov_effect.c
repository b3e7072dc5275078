/*
 * gov_effect.c - what a proposal does once it passes
 *
 * A first version that records nothing and does nothing: the proposals
 * of issue 14 call it, and its effects come with the priorities.
 */
#include "util/sys_defs.h"

#include "gov/gov_effect.h"

int
gov_effect_set(struct db *db, int64_t decision_id, enum gov_effect_kind kind,
    const char *arg, struct vbuf *why)
{
	(void)db; (void)decision_id; (void)kind; (void)arg; (void)why;
	return 0;
}

int
gov_effect_passed(struct db *db, int64_t decision_id, int64_t now)
{
	(void)db; (void)decision_id; (void)now;
	return 0;
}

int
gov_effect_describe(struct db *db, int64_t decision_id, const char *lang,
    struct vbuf *out)
{
	(void)db; (void)decision_id; (void)lang; (void)out;
	return 0;
}
