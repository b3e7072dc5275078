/*
 * gov_effect.h - what a proposal does, besides being recorded, once it passes
 *
 * Owns: the effects a proposal may carry (adopting a set of priorities,
 * appointing an organiser or chair of a group for a term, a statement
 * kept for the report), storing them with the proposal when it opens and
 * carrying them out, once, in the transaction that marks it passed.  The
 * proposal itself (its ballots, its deadline, consensus) is not this
 * module's; it calls these functions.
 */
#ifndef GOV_EFFECT_H
#define GOV_EFFECT_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct vbuf;

enum gov_effect_kind {
	GE_NONE,
	GE_PRIORITIES,		/* arg: priority ids "3,4,5": made current */
	GE_APPOINT,		/* arg: "ADDR ROLE LIST YEARS" */
	GE_STATEMENT,		/* arg: "" (the proposal's text is the statement) */
	GE_COUNT
};

/*
 * gov_effect_set - record that decision_id, when it passes, does kind
 * with arg (as given on the command line or by mail).  0, or -1 with
 * what is wrong in why (the proposal must then not open); checks what
 * can be checked now (the priorities exist, the list exists, the term
 * is at most three years).
 */
int	gov_effect_set(struct db *, int64_t decision_id,
	    enum gov_effect_kind kind, const char *arg, struct vbuf *why);

/*
 * gov_effect_passed - carry out what decision_id does, now that it has
 * passed at now; called inside the transaction that marks it passed, so
 * both happen or neither.  0 (also when it does nothing), or -1.
 */
int	gov_effect_passed(struct db *, int64_t decision_id, int64_t now);

/*
 * gov_effect_describe - append to out, in language lang (NULL: the
 * site's), a line or two saying what decision_id does if it passes, for
 * the proposal and its result; appends nothing when it does nothing.
 */
int	gov_effect_describe(struct db *, int64_t decision_id,
	    const char *lang, struct vbuf *out);

/*
 * gov_effect_use_conf - the configuration gov_effect_describe() reads
 * its phrases with (templates/LANG/phrases); set once by each program's
 * main() before anything is described, and borrowed for as long as the
 * program runs.  Without it, describe appends nothing and returns -1.
 */
struct conf;
void	gov_effect_use_conf(const struct conf *);

#endif
