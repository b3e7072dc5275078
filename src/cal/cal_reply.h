/*
 * cal_reply.h - a member's answer to a meeting's invitation
 *
 * Owns: mail to LIST-meeting+TOKEN, the ORGANIZER of an invitation:
 * a calendar program's iTIP METHOD:REPLY (its text/calendar part, read
 * by cal_ical.h) with PARTSTAT ACCEPTED, DECLINED or TENTATIVE, or a
 * reply in words whose first line of its own is clearly yes or no (the
 * moderators' reader, mod_reply.h: "yes", "no", "accept", "decline"
 * and their translations, alone).  The token (purpose "meeting") names
 * the member and the meeting, and is the member's alone: the answer
 * counts only when the From: address is the one it was sent to, who is
 * still a member (threat B3); a calendar program answers From: its
 * owner's address, so this costs members nothing.  It works for as
 * long as it lasts, not once: the latest answer wins.  Automatic mail
 * (threat C2), a forged or someone else's token, and a reply that is
 * not clearly an answer record nothing and are not answered.
 */
#ifndef CAL_REPLY_H
#define CAL_REPLY_H

struct ctx;
struct mail;
struct spool_item;

/* cal_reply - read s (m), record the answer if it is one; s is done */
void	cal_reply(struct ctx *, struct spool_item *s, const struct mail *m);

#endif /* CAL_REPLY_H */
