/*
 * cal_invite.h - a meeting's invitations, updates and cancellations
 *
 * Owns: when they go (a list's reminders, "14d,2d" by default, before
 * each meeting that has not begun; the invitation again when a meeting
 * that was sent is moved; the cancellation when one that was sent is
 * cancelled), and what each member of the group gets: a notice in
 * their language with the iCalendar object (cal_ical.h), whose
 * ORGANIZER is LIST-meeting+TOKEN, a token of purpose "meeting" naming
 * the member and the meeting, so that their calendar program's answer
 * comes back to moot (cal_reply.h).  An outside body has no members
 * and gets nothing.  What is sent is kept (db_invite.h) in the
 * transaction that queues it: once each, whatever crashes; a reminder
 * missed while mootd was down goes once when it comes back (one
 * message, however many were missed).  The organisers' (organiser and
 * owner) last reminder carries the count of each answer.
 */
#ifndef CAL_INVITE_H
#define CAL_INVITE_H

#include <stddef.h>
#include <stdint.h>

struct ctx;
struct vbuf;

#define CAL_REMIND_MAX		4	/* reminders a list may have */
#define CAL_REMIND_DEFAULT	"14d,2d"
#define CAL_TOKEN_PURPOSE	"meeting"

/*
 * cal_reminders_parse - "14d,2d", "2w,3d" (days or weeks, 1 to 366
 * days, at most CAL_REMIND_MAX), "none", or NULL for the default, into
 * days[CAL_REMIND_MAX] (*n of them); 0, or -1 with err
 */
int	cal_reminders_parse(const char *s, int days[CAL_REMIND_MAX],
	    size_t *n, struct vbuf *err);

/* cal_organiser - role (NULL: none) is one of the organisers', who get
 * the answers in the last reminder and may send an agenda's papers */
int	cal_organiser(const char *role);

/* cal_invite_tick - what is due to be sent now; how many meetings */
int	cal_invite_tick(struct ctx *);

#endif /* CAL_INVITE_H */
