/*
 * cal_ask.h - asking who attended a meeting, and reading the answer
 *
 * Owns: asking, once, when a meeting of a group with a list has ended
 * (and ended no more than CAL_ASK_ASK_DAYS ago), its notes-taker, or
 * else the group's organisers and owners, who attended: a notice in
 * their language listing the group's members, from LIST-meeting+TOKEN,
 * a token of purpose "attendance" naming them and the meeting; and
 * reading their reply: each line of their own text the address of a
 * member of the group (alone, or as Name <address>; several on a line
 * with commas between), or of anyone on a line that begins with the
 * word "guest" (words.h, in the sender's language or English).
 * Anything else, or a non-member's address on a line without it,
 * records nothing, and the sender is told what moot read
 * (unclear.h); a clear reply records each address (db_invite.h, as
 * `moot meeting attended` does) and is confirmed.  The token works for
 * CAL_ASK_TOKEN_DAYS, more than once: a later reply adds to what
 * was recorded.  Automated mail never counts (threat C2).
 */
#ifndef CAL_ASK_H
#define CAL_ASK_H

struct ctx;
struct list;
struct mail;
struct spool_item;
struct token_row;

#define CAL_ASK_PURPOSE	"attendance"
#define CAL_ASK_ASK_DAYS	7	/* older meetings are not asked about */
#define CAL_ASK_TOKEN_DAYS	30
#define CAL_ASK_MAX		200	/* addresses one reply may record */

/* cal_ask_tick - ask about each meeting that has ended and was not
 * asked about; how many meetings were */
int	cal_ask_tick(struct ctx *);

/*
 * cal_ask_reply - the reply s (parsed: m) to list l's attendance
 * request, its token t claimed good for l; done with s (answer.h) in
 * every case but database trouble
 */
void	cal_ask_reply(struct ctx *, struct spool_item *s,
	    const struct mail *m, const struct list *l,
	    const struct token_row *t);

#endif /* CAL_ASK_H */
