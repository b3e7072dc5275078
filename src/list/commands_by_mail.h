/*
 * commands_by_mail.h - mail to LIST-request, LIST-join and LIST-leave:
 * carrying out the commands and answering the sender
 *
 * Owns: what moot does with the commands command.h reads from a message
 * to LIST-request (subscribe and unsubscribe, for the sender or another
 * address, set, and confirm TOKEN ask or complete a request, confirm.h;
 * a subscribe to a list closed to joins by mail is answered so, and
 * asks nothing;
 * help, info, lists and who answer from the database), and with mail to
 * LIST-join and LIST-leave, which is one subscribe or unsubscribe.  All
 * of a message's results go in one reply, to the sender only: never to
 * automated mail or to moot's own addresses (threat C2), never saying
 * whether someone else is a member (F2), never repeating an address
 * moot cannot use (E1), not at all past [membership] replies_per_day
 * (D3), nor when the only news is a confirmation sent to the sender
 * anyway.  One message may ask about one address besides the sender's
 * (B7, C4).  Each message is one transaction.
 */
#ifndef COMMANDS_BY_MAIL_H
#define COMMANDS_BY_MAIL_H

struct ctx;
struct mail;
struct spool_item;

/*
 * commands_by_mail_request, commands_by_mail_join, commands_by_mail_leave
 * - m came to LIST-request, LIST-join or LIST-leave (with a token, the
 * List-Unsubscribe address: leave.h); s ends done, or stays spooled on
 * database trouble
 */
void	commands_by_mail_request(struct ctx *, struct spool_item *s,
	    const struct mail *m);
void	commands_by_mail_join(struct ctx *, struct spool_item *s,
	    const struct mail *m);
void	commands_by_mail_leave(struct ctx *, struct spool_item *s,
	    const struct mail *m);

#endif /* COMMANDS_BY_MAIL_H */
