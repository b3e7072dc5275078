/*
 * gov_close.h - what happens to a decision at and after its deadline
 *
 * Owns: closing, which mootd does at the first pass after closes_at
 * (MOOT_NOW moves it in tests): the ballots of voters no longer on the
 * list are dropped (unless the decision keeps them), the rest counted
 * (gov_tally.h), the count recorded with the new state and the ballots
 * made anonymous (db_decision.h), and the mail that follows queued, all
 * in one transaction, so a crash leaves the decision open or closed
 * with its count and its mail, never between (threat A8).
 *   - A proposal with no objection passes; what it does (gov_effect.h)
 *     is carried out in that transaction; each member is told.
 *   - A proposal with objections waits for its proposer (an address:
 *     them; the command line: the list's organisers and chair), who is
 *     asked, at a personal reply address, to amend it or call a vote;
 *     if nobody does within GOV_PROPOSER_TTL it fails, and each member
 *     is told.
 *   - A vote whose options tie waits for the chair's casting vote: the
 *     chair gets a casting ballot; members hear nothing until the chair
 *     answers.  The chair is reminded after [decisions]
 *     casting_reminder, and the organisers (and owners) are told after
 *     casting_tell (conf.h).
 *   - Any other vote is decided by the majority of the votes cast; each
 *     member is told the result in their language: each option with
 *     its votes (never the casting vote among them), the turnout, and
 *     whether the chair's casting vote decided.
 */
#ifndef GOV_CLOSE_H
#define GOV_CLOSE_H

#include <stdint.h>

struct ctx;
struct decision_row;
struct list;

#define GOV_CASTING_TTL		(30 * 86400)	/* a casting ballot works */
#define GOV_PROPOSER_TTL	(14 * 86400)	/* the proposer's choice */

/* gov_close_tick - what is due now; how many decisions moved */
int	gov_close_tick(struct ctx *);

/*
 * gov_close_casting - the chair chose choice on d (in DS_CASTING): the
 * vote is decided and the members told, in the caller's transaction;
 * 0, or -1 (roll back)
 */
int	gov_close_casting(struct ctx *, const struct list *l,
	    const struct decision_row *d, const char *choice, int64_t now);

/*
 * gov_outcome_phrase - how d ended (agreed or not; the option decided,
 * and that the chair's casting vote decided it), in lang (NULL: l's),
 * appended to out: for the result and the weekly update alike
 */
struct vbuf;
void	gov_outcome_phrase(struct ctx *, const struct list *l,
	    const struct decision_row *d, const char *lang, struct vbuf *out);

#endif /* GOV_CLOSE_H */
