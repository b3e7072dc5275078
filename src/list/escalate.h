/*
 * escalate.h - held posts that nobody decides: asking further, reminding
 *
 * Owns: what happens to a held post with time.  After the list's
 * escalate_after the next moderator on the rota is asked, after twice
 * that every moderator and owner (each with a token of their own); and
 * once a day, after [moderation] reminder_at, each moderator asked
 * about posts of a list that still wait hears of them in one reminder.
 * Asking is hold.c's.
 */
#ifndef ESCALATE_H
#define ESCALATE_H

struct ctx;

/* escalate_tick - escalations and reminders that are due; things done */
int	escalate_tick(struct ctx *);

#endif /* ESCALATE_H */
