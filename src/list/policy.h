/*
 * policy.h - may this post go to the list?
 *
 * Owns: the rules, in the order they apply: loops (our X-Loop, this
 * list's List-Id, too many Received fields: threat C1), a sender
 * address (From, else the envelope sender), size, a list that has ended, automated mail (RFC 3834, the
 * null sender: held or dropped, threat C2), too many recipients in To
 * and Cc (held), a size above the list's hold size (held), a stranger
 * on a members-only list (held or rejected with a notice; with
 * --from-check authenticated, a member's From: that our MTA's
 * Authentication-Results do not vouch for counts as a stranger's), a post whose
 * From cannot be read (held, the envelope sender shown), a header that
 * cannot be written without SMTPUTF8 (held: threat E6), moderation
 * (held); and the words of each reason: English for the spool, a phrase
 * for notices, and the one reading of stored English back.  Pure: the
 * caller looks up membership and passes the facts in, so this is
 * unit-tested without a database.
 */
#ifndef POLICY_H
#define POLICY_H

#include <stdint.h>
#include <time.h>

struct conf;
struct list;
struct mail;
struct vbuf;

enum verdict_kind {
	VERDICT_ACCEPT,		/* distribute */
	VERDICT_HOLD,		/* wait for a moderator */
	VERDICT_REJECT,		/* not distributed: "failed" with reason */
	VERDICT_DISCARD,	/* dropped by the list's rule, silently */
};

/*
 * Why a post was not simply accepted.  The words of each, in English
 * (the spool's reason column, logs, `moot held`, `moot spool`) and in
 * the reader's language (a phrase of tmpl.h, in notices), are one row
 * of policy.c's table.
 */
enum verdict_reason {
	REASON_NONE,		/* accepted */
	REASON_LOOP_MARK,	/* our X-Loop or this list's List-Id: detail */
	REASON_LOOP_HOPS,	/* amount Received fields, over limit */
	REASON_NO_FROM,		/* no usable From address */
	REASON_TOO_LARGE,	/* amount bytes, over the list's limit */
	REASON_ENDED,		/* the list has ended */
	REASON_AUTOMATED,	/* detail: how we know (mail_automated_why) */
	REASON_RECIPIENTS,	/* amount addresses in To and Cc, over limit */
	REASON_LARGE,		/* amount bytes, over the list's hold size */
	REASON_NONMEMBER,	/* a stranger on a members-only list */
	REASON_UNAUTHENTICATED,	/* a member's From: on a members-only list
				 * with --from-check authenticated, which
				 * our MTA did not authenticate: detail
				 * says how the check fell short */
	REASON_MODERATED,	/* the list is moderated */
	REASON_UNREADABLE,	/* detail: what moot cannot read or write
				 * (mail_parse(), hdr_encode_unsendable()) */
	REASON_UNDECIDED,	/* nobody decided within amount days: never
				 * policy_post()'s, but list/hold_end.c's
				 * reason, said as the others are */
	REASON_NOTES,		/* notes to LIST-notes@ (cal/cal_notes.c),
				 * always held; detail: the meeting */
	REASON_NOTES_STRANGER,	/* notes not from the notes-taker or an
				 * organiser; detail: the meeting */
	REASON_NOTES_NO_MEETING, /* notes, but no meeting has begun */
	REASON_COUNT
};

struct verdict {
	enum verdict_kind	 kind;
	enum verdict_reason	 reason;
	long long		 amount;	/* a count, or a size (bytes) */
	long long		 limit;		/* what amount went over */
	const char		*detail;	/* static; or borrowed from the
						 * text policy_reason_read()
						 * read; NULL when none */
	int			 automated;	/* never answer the sender */
	int			 tell_poster;	/* a rejection the poster
						 * should hear about */
};

struct post_facts {
	const char	*env_from;	/* NULL: not given; "": <> */
	int64_t		 size;		/* bytes as received */
	int		 is_member;	/* the From: address is on the list,
					 * or without one the envelope
					 * sender */
	time_t		 now;
	const char	*auth_results;	/* as stored (newline-separated
					 * values); NULL: none */
};

void	policy_post(const struct conf *, const struct list *,
	    const struct mail *, const struct post_facts *, struct verdict *);

/* policy_reason_words - v's reason in English, appended to out: what
 * the spool stores and the command line shows; nothing for REASON_NONE */
void	policy_reason_words(const struct verdict *v, struct vbuf *out);

/* policy_reason_phrase - the phrase (tmpl.h) that says the reason in a
 * person's language, with the slots count or size (amount) and max
 * (limit); NULL for REASON_NONE */
const char *policy_reason_phrase(enum verdict_reason);

/*
 * policy_reason_read - the reason, amount, limit and detail of v from
 * words that policy_reason_words() wrote (a held post's stored reason);
 * v->detail then points into words.  -1 if the words are not policy's
 * (a moderator's own, say): v is then left alone.
 */
int	policy_reason_read(const char *words, struct verdict *v);

#endif /* POLICY_H */
