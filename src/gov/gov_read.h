/*
 * gov_read.h - what a voter's reply chooses
 *
 * Owns: reading the first line of the voter's own text in a reply (the
 * moderators' reader finds it: list/mod_reply.h) as one of a decision's
 * options.  A line chooses only when, polite words and the punctuation
 * around words aside, it is exactly an option's name (compared folded,
 * fold.h), or, for the options moot names itself (for, against,
 * abstain; agree, object, abstain), a word under that key in the
 * voter's language or English (templates/LANG/words).  "object" takes
 * its reason after it; a proposal's objection without one chooses
 * nothing, so that it is asked again.  Anything else chooses nothing:
 * never a guess (threat B5).  Pure: the message in, the choice out.
 */
#ifndef GOV_READ_H
#define GOV_READ_H

#include <stddef.h>

#include "db/db_decision.h"

struct conf;
struct mail;
struct gov_tally;

struct gov_choice {
	char	 choice[DECISION_OPTION_MAX + 1];	/* an option */
	char	 reason[600];		/* an objection's reason, UTF-8 */
	char	 read[160];		/* the line read (for "unclear") */
};

/*
 * gov_read - the option of t that reply m (from a voter writing lang,
 * NULL: not known) chooses; consensus: the answers are agree, object
 * with its reason, abstain.  1 with *out, or 0 with out->read
 */
int	gov_read(const struct conf *, const struct mail *m, const char *lang,
	    const struct gov_tally *t, int consensus, struct gov_choice *out);

/* gov_read_line - the same for one line s (n bytes) */
int	gov_read_line(const struct conf *, const char *lang, const char *s,
	    size_t n, const struct gov_tally *t, int consensus,
	    struct gov_choice *out);

#endif /* GOV_READ_H */
