/*
 * bounce_score.h - mail that came back to L-bounces[+TOKEN]@
 *
 * Owns: what a bounce does (issue 15, threat B8).  A report read by
 * bounce_read() as a hard failure, or a soft one that persists (a soft
 * failure after an earlier bounce in the same period), scores the member
 * its VERP token names (verp.h), whatever address the report shows:
 * Mailman's rule, a point for a hard one, half a point for a soft one,
 * at most once a day.  Mail to the bare L-bounces@ counts only when the
 * Message-ID it quotes is a post of this list that moot recorded as sent
 * to the address the report names.  Refusals for policy (x.7.x),
 * out-of-office replies, challenges, spam filters' notices and what is
 * not a bounce score nothing, and are logged.  Above the list's
 * threshold within its period (its own, or [bounces] threshold and
 * period), delivery to the member stops (they stay a member), the
 * list's owners are told, and the member once, at the address itself:
 * that notice is the probe, from L-bounces+TOKEN (a VERP token for no
 * post), and a reply to it that is no bounce starts delivery again.
 * Calls db/, global/, mail/ and list/answer.
 */
#ifndef BOUNCE_SCORE_H
#define BOUNCE_SCORE_H

struct ctx;
struct mail;
struct spool_item;

/* bounce_score_mail - the route handler for AK_BOUNCES: s is done with
 * afterwards, or stays spooled on database trouble */
void	bounce_score_mail(struct ctx *, struct spool_item *s,
	    const struct mail *m);

#endif /* BOUNCE_SCORE_H */
