/*
 * digest.h - the digests of lists with a digest schedule
 *
 * Owns: when a digest is due (the last time of the list's schedule,
 * global/schedule.h, that is after the schedule was set and after the
 * member's last digest: so a digest missed while mootd was down goes
 * once, not once per missed time), what it holds (every post the list
 * distributed since the member's last digest, at most KEPT_CHOSEN_MAX
 * of kept.h; the rest waits for the next), and its two forms: MIME
 * multipart/digest (RFC 2046 5.1.5: a text/plain contents part first,
 * then each post as message/rfc822, as members got it less the footer)
 * or RFC 1153 plain text.  The words moot writes are phrases in the
 * member's language.  Each member's digest is queued in the outbox in
 * the transaction that records it as theirs (db_digest.h), so a restart
 * or a crash never sends one twice.
 */
#ifndef DIGEST_H
#define DIGEST_H

struct ctx;


/* digest_tick - queue every digest that is due; how many were queued
 * or recorded as not needed (nothing new) */
int	digest_tick(struct ctx *);

#endif /* DIGEST_H */
