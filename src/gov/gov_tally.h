/*
 * gov_tally.h - counting a decision's ballots, and the decisions made
 *
 * Owns: the count of each option from the stored ballots (never from
 * anything kept beside them, so `moot decide audit` recounts what the
 * result says), who won or whether it is a tie, the form a result is
 * recorded in ("for=3,against=3,abstain=0"), and the decisions made in
 * a time window for whoever reports them (the weekly update, the
 * report).  An option named "abstain" is counted and shown but never
 * wins: a vote is decided by the majority of the votes cast for the
 * other options.  Reads only; never logs.
 */
#ifndef GOV_TALLY_H
#define GOV_TALLY_H

#include <stddef.h>
#include <stdint.h>

#include "db/db_decision.h"

struct db;
struct vbuf;

struct gov_tally {
	size_t	 n;					/* options */
	char	 opt[DECISION_OPTIONS_MAX][DECISION_OPTION_MAX + 1];
	int64_t	 votes[DECISION_OPTIONS_MAX];		/* by option */
	int64_t	 cast;					/* ballots */
	int	 winner;	/* the option with the most votes; -1 on a
				 * tie (the chair decides) */
};

/* gov_options_parse - "a,b,c" into t's options (votes 0): 2 to
 * DECISION_OPTIONS_MAX names of 1 to DECISION_OPTION_MAX bytes, no two
 * alike; 0, or -1 with why */
int	gov_options_parse(const char *csv, struct gov_tally *t,
	    struct vbuf *why);

/* gov_tally_count - d's ballots as they are stored now, counted into
 * *t; 0, or -1 on database trouble */
int	gov_tally_count(struct db *, const struct decision_row *d,
	    struct gov_tally *t);

/* gov_tally_option - the index of option name in t, or -1 */
int	gov_tally_option(const struct gov_tally *t, const char *name);

/* gov_tally_format - "for=3,against=3,abstain=0" into out */
void	gov_tally_format(const struct gov_tally *t, struct vbuf *out);

/*
 * gov_effect_owner - the decision whose effect (gov_effect.h) d carries
 * out if it passes: the first proposal of its line (a proposal amended
 * and re-opened, or a vote called on it, keeps what the proposal does),
 * d itself if it follows none.  A vote carries it out only when "for"
 * wins.  Its id, or 0 on database trouble.
 */
int64_t	gov_effect_owner(struct db *, const struct decision_row *d);

/* gov_effect_due - d, decided now (state passed, outcome set), carries
 * out its owner's effect: a proposal that passed, or a vote on one that
 * "for" won */
int	gov_effect_due(const struct decision_row *d);

/*
 * gov_decided_each - cb for each decision that ended (passed or failed)
 * in [since, until), in the order they ended: what the weekly update
 * and the report say was decided.  d->outcome is the option decided
 * (a vote) or "passed"/"failed" (a proposal), d->result the counts as
 * gov_tally_format() writes them, d->casting the chair's casting vote
 * if it decided.  cb returns non-zero to stop.  DB_* code.
 */
int	gov_decided_each(struct db *, int64_t since, int64_t until,
	    int (*cb)(const struct decision_row *d, void *), void *);

#endif /* GOV_TALLY_H */
