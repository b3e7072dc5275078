/*
 * join_approval.h - owners and organisers approving a join
 *
 * Owns: what happens to a confirmed join on a list that approves joins
 * (the request waits, state approving, for [membership] moderate_ttl;
 * each owner and organiser is sent a join-approval notice From
 * LIST-moderate+TOKEN with a single-use "join" token of their own; the
 * person is told that it waits), and the reply to such a notice: only
 * an owner or organiser decides, the first decision counts, a later one
 * or a replay changes nothing; an approval is a join (answer_join), a
 * rejection is told to the person with its reason, a discard is not.
 * join_approval_ask() works in the caller's transaction;
 * join_approval_reply() is one.
 */
#ifndef JOIN_APPROVAL_H
#define JOIN_APPROVAL_H

struct ctx;
struct list;
struct mail;
struct request;
struct spool_item;
struct token_row;

/*
 * join_approval_ask - r, a confirmed join to l, waits for the owners and
 * organisers, who are asked; its person is told in lang.  0, or -1 on
 * database trouble.
 */
int	join_approval_ask(struct ctx *, const struct list *l,
	    const struct request *r, const char *lang);

/*
 * join_approval_reply - an owner's reply to a join-approval notice; t is
 * its "join" token, checked for purpose, list and expiry by the caller
 * (moderate.c).  s ends done, or stays spooled on database trouble.
 */
void	join_approval_reply(struct ctx *, struct spool_item *s,
	    const struct mail *m, const struct token_row *t);

#endif /* JOIN_APPROVAL_H */
