/*
 * moderator_reply.h - mail to LIST-moderate+TOKEN: a moderator's answer
 *
 * Owns: handling that mail.  It decides only with a valid token for
 * this list and purpose, unexpired and unused, AND a sender who is the
 * address the token was sent to and still moderates or owns the list
 * (threat B3); then the words are read (mod_reply.c)
 * and the decision applied (decision.c).  An owner's answer about a
 * join, with a join token, goes to join_approval.c.  Refusals are logged and
 * never answered (no oracle for tokens: B3, C4).  A reply that passes
 * every check but decides nothing changes nothing, and its moderator
 * is told what moot read (unclear.h) while the post still waits.
 */
#ifndef MODERATOR_REPLY_H
#define MODERATOR_REPLY_H

struct ctx;
struct mail;
struct spool_item;

/* moderator_reply - the reply s (parsed: m): a decision, or nothing;
 * s is done with either way, unless the database asks to try again */
void	moderator_reply(struct ctx *, struct spool_item *s,
	    const struct mail *m);

#endif /* MODERATOR_REPLY_H */
