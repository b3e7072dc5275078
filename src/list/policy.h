/*
 * policy.h - may this post go to the list?
 *
 * Owns: the rules, in the order they apply: loops (our X-Loop, this
 * list's List-Id, too many Received fields: threat C1), a sender
 * address, size, a list that has ended, automated mail (RFC 3834, the
 * null sender: held or dropped, threat C2), too many recipients in To
 * and Cc (held), a size above the list's hold size (held), a stranger
 * on a members-only list (held or rejected with a notice), moderation
 * (held).  Pure: the caller
 * looks up membership and passes the facts in, so this is unit-tested
 * without a database.
 */
#ifndef POLICY_H
#define POLICY_H

#include <stdint.h>
#include <time.h>

struct conf;
struct list;
struct mail;

enum verdict_kind {
	VERDICT_ACCEPT,		/* distribute */
	VERDICT_HOLD,		/* wait for a moderator */
	VERDICT_REJECT,		/* not distributed: "failed" with reason */
	VERDICT_DISCARD,	/* dropped by the list's rule, silently */
};

struct verdict {
	enum verdict_kind	 kind;
	char			 reason[200];
	int			 automated;	/* never answer the sender */
	int			 tell_poster;	/* a rejection the poster
						 * should hear about */
};

struct post_facts {
	const char	*env_from;	/* NULL: not given; "": <> */
	int64_t		 size;		/* bytes as received */
	int		 is_member;	/* the From: address is on the list */
	time_t		 now;
};

void	policy_post(const struct conf *, const struct list *,
	    const struct mail *, const struct post_facts *, struct verdict *);

/*
 * policy_reason_phrase - the phrase (tmpl.h) that says a verdict's
 * reason in a person's language, and its numbers (count and max, or
 * size and max) in *a and *b; NULL if the reason is not one of ours.
 */
const char *policy_reason_phrase(const char *reason, long long *a,
	    long long *b);

#endif /* POLICY_H */
