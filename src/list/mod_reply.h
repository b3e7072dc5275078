/*
 * mod_reply.h - reading a moderator's decision from a reply
 *
 * Owns: where the decision is (the first line that is not empty, quoted
 * with '>', an "On ... wrote:" line before a quote; the text ends at a
 * signature or at what mail programs put before quoted text:
 * reply_lines.h; the Subject when the body has none), whether that line
 * is clearly a decision (global/decide.h: the moderator's language and
 * English), and the reason of a rejection (the rest of that line, or the
 * lines that follow it), without the moderator's name or address or any
 * of moot's addresses (moderators stay anonymous to posters).  Also
 * whether a reply to a confirmation declines.  An automatic reply (RFC
 * 3834) decides nothing; neither does an unknown word (threat B5).
 * Pure: the message in, the decision out.
 */
#ifndef MOD_REPLY_H
#define MOD_REPLY_H

#include <stddef.h>

#include "list/decision.h"

struct conf;
struct mail;

struct decision_read {
	enum decision	 d;
	char		 reason[600];	/* UTF-8, one line; for a rejection */
	char		 why[120];	/* for DECISION_NONE: why, for the log */
	char		 read[160];	/* for DECISION_NONE: the line moot
					 * read (UTF-8, one line, cut short),
					 * to tell the moderator; "" if none */
};

/* mod_reply_read - the decision in reply m, written in lang (or English) */
void	mod_reply_read(const struct conf *, const struct mail *m,
	    const char *lang, struct decision_read *);

/*
 * mod_reply_declines - reply m to a confirmation clearly declines: its
 * first line of its own is a no-word (reject, reject-alone) or a cancel
 * word, alone (polite words and punctuation aside), in any language
 * (by its script).  Anything else, an empty reply too, confirms.
 */
int	mod_reply_declines(const struct conf *, const struct mail *m);

/*
 * mod_reply_first - the first line of the person's own text in reply m
 * is clearly one of keys (words.h keys, "approve,reject"), alone
 * (DECIDE_ALONE: polite words and punctuation aside), in lang or
 * English (NULL: by its script); 1 with the key in *dd, else 0.  A
 * member's "yes" or "no" to an invitation is read so.
 */
struct decided;
int	mod_reply_first(const struct conf *, const struct mail *m,
	    const char *lang, const char *keys, struct decided *dd);

/* mod_reply_first_read - the same; when it is not clearly one of keys,
 * unread (if not NULL) says what was read, for unclear.h's answer */
int	mod_reply_first_read(const struct conf *, const struct mail *m,
	    const char *lang, const char *keys, struct decided *dd,
	    struct decision_read *unread);

/*
 * mod_reply_own_text - the first line of the person's own text in reply
 * m (as mod_reply_first() finds it) appended to line, and what follows
 * it to rest (unless NULL); 1, or 0 if the reply has none.  A ballot's
 * options are the voter's own words, read by gov/.
 */
struct vbuf;
int	mod_reply_own_text(const struct conf *, const struct mail *m,
	    struct vbuf *line, struct vbuf *rest);

/* mod_reply_name - the words.c key of a decision: "approve", "reject",
 * "discard"; "none" */
const char *mod_reply_name(enum decision);

#endif /* MOD_REPLY_H */
