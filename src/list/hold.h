/*
 * hold.h - a post held for a moderator, and asking moderators about it
 *
 * Owns: holding a post (its state and reason, the first request and the
 * poster's notice, in one transaction), what a request shows (the
 * sender's name beside the address, the post's text inline, its
 * attachments by name, type and size, each link of its HTML with its
 * target beside its text, the message attached below [moderation]
 * attach_max and a sentence saying so above it, the reason in the
 * moderator's language; bidi controls from the post shown, not
 * obeyed), and asking: each moderator asked gets a
 * single-use token of their own in the reply address (threat B3).  At
 * first the moderator on duty is asked or, with no rota or everyone in
 * it away, every moderator and owner.  When to ask further is
 * escalate.c's; the answer is moderator_reply.c's and decision.c's.
 */
#ifndef HOLD_H
#define HOLD_H

#include <stddef.h>
#include <stdint.h>

#include "mail/mime_parts.h"
#include "util/vbuf.h"

struct ctx;
struct list;
struct spool_item;
struct verdict;

/* hold_post - the post s waits, for v's reason; who is on duty is
 * asked.  Leaves s spooled (tried again) on database trouble. */
void	hold_post(struct ctx *, const struct spool_item *s,
	    const struct verdict *v);

/* Addresses, each once. */
struct hold_addrs {
	char	**v;		/* owned */
	size_t	  n, cap;
};

/* A held post as the requests about it show it, and who was asked. */
struct hold {
	struct spool_item	*post;		/* owned */
	struct list		*list;		/* owned */
	struct vbuf		 raw;		/* the message, to attach */
	struct vbuf		 text;		/* its text, inline */
	char			*from_name;	/* owned; display name */
	struct mime_parts	 parts;		/* attachments, links */
	char			 date[32];	/* when it came */
	struct hold_addrs	 asked;		/* who has been asked */
};

/* hold_load - held post spool_id, its list, message and text, and who
 * was asked about it.  DB_OK (then hold_release() it) or a DB_* code. */
int	hold_load(struct ctx *, int64_t spool_id, struct hold *);
void	hold_release(struct hold *);

/* hold_roles - who decides about held s, as member roles ("a,b"): a
 * post's moderators and owners, a meeting's notes' organisers and
 * owners */
const char *hold_roles(const struct spool_item *s);

/* hold_was_asked - whether addr was asked about h */
int	hold_was_asked(const struct hold *, const char *addr);

/* hold_ask - ask addr about h at level (0 on duty, 1 next, 2 all), in
 * the caller's transaction; 0, or -1 (logged) */
int	hold_ask(struct ctx *, struct hold *, const char *addr, int level);

/* hold_ask_first - ask the moderator on duty or, with no rota or
 * everyone in it away, every moderator and owner (level 0), in the
 * caller's transaction; 1 if anyone was asked */
int	hold_ask_first(struct ctx *, struct hold *);

/* hold_ask_all - ask every moderator and owner (of a meeting's notes:
 * every organiser and owner) not asked yet; how many were asked */
int	hold_ask_all(struct ctx *, struct hold *, int level);

#endif /* HOLD_H */
