/*
 * unclear.h - the answer to a moderator's reply that decides nothing
 *
 * Owns: telling the one who was asked (a moderator about a held post,
 * an owner or organiser about a join), when their reply with their own
 * valid token decided nothing, what moot read (the first line of their
 * own, quoted, at most UNCLEAR_READ_CHARS characters, without bidi
 * controls; or that the reply had no text of its own) and the words
 * that work, in their language: template reply-unclear.  Nothing
 * changes and the token stays good; the answer comes from the same
 * moderation address, so a reply to it decides.  The caller has checked
 * the token and that the sender is the address it was sent to and may
 * decide; anybody else, and a forged, expired or used token, gets no
 * answer (no oracle for tokens: B3, C4).  Here: never to automated
 * mail (C2), one answer per person and held post (or list, for a join)
 * an hour, and no more than [membership] replies_per_day such answers
 * to one mailbox a day (answer.h, D3).  What is not answered is logged.
 */
#ifndef UNCLEAR_H
#define UNCLEAR_H

#include <stdint.h>

#include "global/listaddr.h"

struct ctx;
struct decision_read;
struct mail;
struct spool_item;

#define UNCLEAR_READ_CHARS	80	/* of the line quoted back */

/*
 * unclear_answer - answer reply s (parsed: m), which came with token tok
 * and read as d (DECISION_NONE), about held post post_id (0: a join,
 * about the address that wants to join, about); in the caller's
 * transaction if one is open
 */
void	unclear_answer(struct ctx *, const struct spool_item *s,
	    const struct mail *m, const char *tok,
	    const struct decision_read *d, int64_t post_id,
	    const char *about);

/* What an unclear answer is about besides moderation: its template
 * (also the outbox purpose its hourly limit counts, per list), the
 * address kind it comes from (with tok, so a reply to it answers) and
 * the name beside it, after the list's ("moderation"). */
struct unclear_form {
	const char		*tmpl;
	enum listaddr_kind	 from_kind;
	const char		*from_name;
};

/*
 * unclear_answer_as - the same answer in form f, at most once an hour
 * per person and list: a member's answer to a meeting's invitation
 * (cal_reply.c), a decision's ballot
 */
void	unclear_answer_as(struct ctx *, const struct unclear_form *f,
	    const struct spool_item *s, const struct mail *m, const char *tok,
	    const struct decision_read *d, const char *about);

/*
 * unclear_read - what moot read in d, for a person speaking lang about
 * l: the line quoted (cut short, without bidi controls: phrase
 * unclear-read) or that there was none (unclear-empty), appended to
 * out; for the answers to other replies that decide nothing (the
 * priorities' review, gov/gov_review.h)
 */
struct list;
struct vbuf;
void	unclear_read(struct ctx *, const char *lang, const struct list *l,
	    const struct decision_read *d, struct vbuf *out);

#endif /* UNCLEAR_H */
