/*
 * cal_agenda.h - agendas, papers and board seats
 *
 * Owns: what mail to LIST-agenda does (an item for the group's next
 * meeting that has not begun, from a member, acknowledged in their
 * language; an organiser's attachments kept as papers; anyone else
 * told why not; automated mail neither kept nor answered, C2; floods
 * bounded by [membership] replies_per_day, D3), when the collected
 * agenda goes (the list's --agenda-days before the meeting, once,
 * kept in the transaction that queues it, like cal_invite.h's sends),
 * and whose seats a meeting names (cal_seats).  Items that come after
 * the agenda went are kept, marked late and acknowledged as late; they
 * are not sent again as an addendum: meeting show lists them.
 */
#ifndef CAL_AGENDA_H
#define CAL_AGENDA_H

struct ctx;
struct mail;
struct meeting;
struct spool_item;
struct vbuf;

#define CAL_PAPER_MAX	(10 * 1024 * 1024)	/* bytes of one paper */
#define CAL_ITEM_MAX	300	/* bytes of an item's words kept */
#define CAL_SEAT_DEPTH	4	/* rules followed back to a board meeting */

/* cal_agenda - mail s (parsed as m) to LIST-agenda, for mootd's router */
void	cal_agenda(struct ctx *, struct spool_item *s, const struct mail *m);

/* cal_agenda_tick - the agendas due now, sent; how many */
int	cal_agenda_tick(struct ctx *);

/* cal_agenda_ctype - the media type of a paper called name, by its
 * extension; application/octet-stream when unknown */
const char *cal_agenda_ctype(const char *name);

/*
 * cal_seats - the seats recorded for m's cycle, "a@x, b@y", into out
 * (nothing if none): those of m itself, else of the meeting it was made
 * from, and so on back (a strategy meeting made from an ops meeting
 * made from a board meeting names the board meeting's seats)
 */
void	cal_seats(struct ctx *, const struct meeting *m, struct vbuf *out);

#endif /* CAL_AGENDA_H */
