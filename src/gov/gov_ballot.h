/*
 * gov_ballot.h - mail to LIST-vote+TOKEN: ballots and the answers that
 * follow them
 *
 * Owns: reading an answer to a decision and acting on it, by the
 * token's purpose:
 *   - "ballot": a member's answer to a proposal or a vote, counted while
 *     the decision is open; a later answer replaces the earlier one (on
 *     a vote by organisation, also one from another address of that
 *     organisation), and each gets a receipt From: the same ballot
 *     address, saying what was recorded.  An objection to a proposal
 *     goes, with its reason and without its writer's name, to the list.
 *   - "casting": the chair's casting vote on a tied vote, which decides
 *     it (gov_close.h).
 *   - "proposer": the proposer's choice after objections: "vote" opens a
 *     vote on the proposal (the same text, the same length of time, the
 *     proposal as its parent); "amend" with the new text after it, and
 *     a line "Closes: YYYY-MM-DD HH:MM" (or the same length of time),
 *     re-opens it as a new proposal.
 * The token is the voter's alone: an answer counts only From: the
 * address it was sent to, still a member of the list (unless the vote
 * keeps those who left), before closing (threat B3).  A forged, expired,
 * foreign or someone else's token, and automatic mail (threat C2),
 * change nothing and are not answered; a reply that is not clearly an
 * answer changes nothing and is answered with what was read and the
 * words that work.  The answer, its receipt and the spool row's end are
 * one transaction (threat A8).  The log names the decision, never the
 * token or the choice.
 */
#ifndef GOV_BALLOT_H
#define GOV_BALLOT_H

struct ctx;
struct mail;
struct spool_item;

/* gov_ballot_reply - read s (m) and act on it; s is done */
void	gov_ballot_reply(struct ctx *, struct spool_item *s,
	    const struct mail *m);

#endif /* GOV_BALLOT_H */
