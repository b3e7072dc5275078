/*
 * gov_review.h - the priorities' yearly review
 *
 * Owns: when the partnership is asked to review its priorities and
 * what the answer does.  A year (a calendar year, in the site's zone)
 * after the current priorities were agreed (the earliest agreed_at of
 * the current ones), mootd asks the owners of [gov] strategy_list
 * (membership_readers(): [moot] admin stands in for a list without
 * owners) whether to open a review, each by a notice (review-ask)
 * from LIST-review+TOKEN, the token theirs (purpose "review"), single
 * use, good for a year.  The question is recorded in the transaction
 * that queues the notices, so it goes once, whatever restarts.
 *
 * The first clear answer from an owner the token was sent to decides
 * (the moderators' reader, list/mod_reply.h: yes, approve and their
 * translations; no, reject): a yes opens the review as a proposal on
 * the strategy list (gov_proposal_open(), effect GE_PRIORITIES with the
 * current and proposed priorities, open for [gov] review_days) and is
 * recorded with it; a no is recorded, and the owners are asked again a
 * year after it (so also after a yes whose proposal did not pass).  The
 * owner is told, in the transaction that records the answer, what it
 * did (review-opened, review-declined, from LIST-owner: the token is
 * used); a yes that cannot open the review changes nothing and says so
 * (review-not-opened, from the token, which stays good).  An answer
 * that is not clear gets review-unclear, saying what moot read, and
 * changes nothing; the token stays good.  Another owner's answer once
 * the question is decided gets review-answered (capped as replies are,
 * D3).  Automated mail (threat C2), a forged, used or expired token and
 * someone else's reply change nothing and are not answered (B3).
 */
#ifndef GOV_REVIEW_H
#define GOV_REVIEW_H

struct ctx;
struct mail;
struct spool_item;

#define GOV_REVIEW_TOKEN_PURPOSE	"review"
#define GOV_REVIEW_TOKEN_TTL		(366LL * 86400)	/* a year */

/* gov_review_tick - ask, if a review is due; how many questions (0/1) */
int	gov_review_tick(struct ctx *);

/* gov_review_reply - mail to LIST-review+TOKEN (s, parsed: m); s is
 * done, or stays spooled on database trouble */
void	gov_review_reply(struct ctx *, struct spool_item *s,
	    const struct mail *m);

#endif /* GOV_REVIEW_H */
