/*
 * leave.h - the List-Unsubscribe address: a member leaves at once
 *
 * Owns: mail to LIST-leave+TOKEN, the address every member's copy names
 * in List-Unsubscribe (RFC 2369).  Software may act on it for the
 * member, so the token is the permission, not the From, and automated
 * mail is obeyed: the token must be a "leave" token of this list,
 * unused, of the member's present membership (membership.h issues them).
 * The member leaves, with the cascade of membership.h, and is told, in
 * one transaction.  Mail to LIST-leave without a token is a request to
 * confirm (commands_by_mail.h).  The same token in the https: link of
 * List-Unsubscribe (RFC 8058, moot-unsubscribe) goes through the same
 * check and the same leaving: leave_by_link().
 */
#ifndef LEAVE_H
#define LEAVE_H

struct ctx;
struct spool_item;

/* leave_by_token - s came to LIST-leave+TOKEN; it ends done, or stays
 * spooled on database trouble */
void	leave_by_token(struct ctx *, struct spool_item *s);

/* What leave_by_link() did. */
enum leave_link {
	LEAVE_LINK_GOOD,	/* checked only: the token would work */
	LEAVE_LINK_LEFT,	/* the member left, and was told */
	LEAVE_LINK_REFUSED,	/* no such list, or a token that does not
				 * work for it: one answer for every
				 * reason (no oracle); nothing changed */
	LEAVE_LINK_TROUBLE,	/* database trouble: nothing changed */
};

/*
 * leave_by_link - token tok of list name, from a one-click link: with act
 * the member leaves as by mail (leave_by_token()), without it the token
 * is only checked and nothing changes (a GET).  The language to answer
 * in (the member's, the list's, or NULL for [moot] language) is put in
 * *lang (the caller frees it) unless REFUSED or TROUBLE.
 */
enum leave_link leave_by_link(struct ctx *, const char *name,
	    const char *tok, int act, char **lang);

#endif /* LEAVE_H */
