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
 * confirm (commands_by_mail.h).
 */
#ifndef LEAVE_H
#define LEAVE_H

struct ctx;
struct spool_item;

/* leave_by_token - s came to LIST-leave+TOKEN; it ends done, or stays
 * spooled on database trouble */
void	leave_by_token(struct ctx *, struct spool_item *s);

#endif /* LEAVE_H */
