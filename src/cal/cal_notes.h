/*
 * cal_notes.h - a meeting's notes, sent to LIST-notes@
 *
 * Owns: mail to LIST-notes@domain, as text or an attachment.  Notes
 * belong to the group's latest meeting that has begun (not cancelled);
 * they are always held, even from an organiser, through the posts'
 * moderation (list/hold.c: a held spool item of kind "notes"), for the
 * group's organisers and owners (hold_roles()) to approve by replying
 * to LIST-moderate+TOKEN as moderators do; the reason says which
 * meeting.  Notes from anyone but the meeting's notes-taker or an
 * organiser or owner are held with that reason; notes when no meeting
 * has begun are held with that one (an organiser may still pass them:
 * they then reach the group but belong to no meeting).  The sender
 * hears that they wait as a held post's sender does (--notify-held).
 * Once approved they go to the group's members as a post does (mootd's
 * fan-out) and db_notes.h keeps them with the meeting.  Automatic mail
 * and mail relayed by a list are never notes (threat C2): done with,
 * unanswered.
 */
#ifndef CAL_NOTES_H
#define CAL_NOTES_H

struct ctx;
struct mail;
struct spool_item;

/* cal_notes - read s (m) as a meeting's notes and hold it, or end it */
void	cal_notes(struct ctx *, struct spool_item *s, const struct mail *m);

#endif /* CAL_NOTES_H */
