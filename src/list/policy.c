/*
 * policy.c - the rules for a post; see policy.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "global/conf.h"
#include "db/db_list.h"
#include "mail/addr.h"
#include "mail/authres.h"
#include "mail/hdr_encode.h"
#include "mail/mail.h"
#include "list/policy.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/*
 * The words of each reason.  In English they are words, then the detail
 * (FORM_DETAIL), or amount, between, limit and after (FORM_NUMBERS), or
 * amount and a noun, between for one and after for more (FORM_COUNT);
 * policy_reason_read() reads English back by the same row, so what the
 * spool stores and what a notice says cannot drift apart.
 */
enum reason_form {
	FORM_PLAIN,
	FORM_DETAIL,
	FORM_NUMBERS,
	FORM_COUNT,
};

static const struct reason_row {
	enum reason_form	 form;
	const char		*words;		/* English, up to the detail
						 * or the amount */
	const char		*between;	/* amount ... limit */
	const char		*after;		/* after limit */
	const char		*phrase;	/* tmpl.h's, for notices */
} reasons[] = {
	[REASON_NONE] = { FORM_PLAIN, "", NULL, NULL, NULL },
	[REASON_LOOP_MARK] = { FORM_DETAIL,
	    "loop: the post already carries this list's ", NULL, NULL,
	    "why-loop" },
	[REASON_LOOP_HOPS] = { FORM_NUMBERS, "loop: ",
	    " Received fields (more than ", ")", "why-loop" },
	[REASON_NO_FROM] = { FORM_PLAIN, "no usable From address", NULL,
	    NULL, "why-no-from" },
	[REASON_TOO_LARGE] = { FORM_NUMBERS, "too large: ",
	    " bytes (the limit is ", ")", "why-too-large" },
	[REASON_ENDED] = { FORM_PLAIN, "the list has ended", NULL, NULL,
	    "why-ended" },
	[REASON_AUTOMATED] = { FORM_DETAIL, "automated: ", NULL, NULL,
	    "why-automated" },
	[REASON_RECIPIENTS] = { FORM_NUMBERS, "",
	    " addresses in To and Cc (more than ", ")", "why-recipients" },
	[REASON_LARGE] = { FORM_NUMBERS, "large: ", " bytes (posts over ",
	    " are checked)", "why-large" },
	[REASON_NONMEMBER] = { FORM_PLAIN,
	    "the sender is not a member of this members-only list", NULL,
	    NULL, "why-nonmember" },
	[REASON_UNAUTHENTICATED] = { FORM_DETAIL,
	    "treated as a non-member's post: the From: address was not "
	    "authenticated: ", NULL, NULL, "why-nonmember" },
	[REASON_MODERATED] = { FORM_PLAIN, "the list is moderated", NULL,
	    NULL, "why-moderated" },
	[REASON_UNREADABLE] = { FORM_DETAIL,
	    "cannot be distributed as it is: ", NULL, NULL,
	    "why-unreadable" },
	[REASON_UNDECIDED] = { FORM_COUNT, "nobody decided within ", " day",
	    " days", "why-undecided" },
	[REASON_NOTES] = { FORM_DETAIL, "notes of meeting ", NULL, NULL,
	    "why-notes" },
	[REASON_NOTES_STRANGER] = { FORM_DETAIL,
	    "not from the notes-taker or an organiser: notes of meeting ",
	    NULL, NULL, "why-notes-stranger" },
	[REASON_NOTES_NO_MEETING] = { FORM_PLAIN,
	    "notes, but no meeting of this group has begun", NULL, NULL,
	    "why-notes-no-meeting" },
};
_Static_assert(nitems(reasons) == REASON_COUNT, "words for every reason");

/* say - the verdict is kind k for reason r, with its numbers */
static void
say(struct verdict *v, enum verdict_kind k, enum verdict_reason r,
    long long amount, long long limit)
{
	v->kind = k;
	v->reason = r;
	v->amount = amount;
	v->limit = limit;
}

/* loop_marker - the post carries our X-Loop or this list's List-Id */
static const char *
loop_marker(const struct conf *c, const struct list *l, const struct mail *m)
{
	const struct hdr_field	*f;
	struct vbuf		 v, mine;
	const char		*found = NULL;
	size_t			 i;

	vbuf_init(&v, VBUF_NOMAX);
	vbuf_init(&mine, VBUF_NOMAX);
	vbuf_printf(&mine, "%s@%s", l->name, c->domain);
	for (i = 0; found == NULL && (f = mail_field(m, "X-Loop", i)) != NULL;
	    i++)
		if (hdr_unfold(f, &v) == 0 &&
		    strcasecmp(vbuf_str(&v), vbuf_str(&mine)) == 0)
			found = "X-Loop";
	vbuf_reset(&mine);
	vbuf_printf(&mine, "<%s.%s>", l->name, c->domain);
	for (i = 0; found == NULL && (f = mail_field(m, "List-Id", i)) != NULL;
	    i++) {
		/* The id is the last <...> of the value (RFC 2919). */
		const char *lt;

		if (hdr_unfold(f, &v) == 0 &&
		    (lt = strrchr(vbuf_str(&v), '<')) != NULL &&
		    strcasecmp(lt, vbuf_str(&mine)) == 0)
			found = "List-Id";
	}
	vbuf_release(&v);
	vbuf_release(&mine);
	return (found);
}

/* looped - the post has been here before (threat C1): v says so */
static int
looped(const struct conf *c, const struct list *l, const struct mail *m,
    struct verdict *v)
{
	const char	*marker;

	if ((marker = loop_marker(c, l, m)) != NULL) {
		say(v, VERDICT_REJECT, REASON_LOOP_MARK, 0, 0);
		v->detail = marker;
		return (1);
	}
	if (m->received > c->lim.received_max) {
		say(v, VERDICT_REJECT, REASON_LOOP_HOPS, m->received,
		    (long long)c->lim.received_max);
		return (1);
	}
	return (0);
}

/*
 * unauthenticated - why a member's post to l does not count as theirs
 * (--from-check authenticated: our MTA's DKIM or SPF pass aligned with
 * the From: domain; mail/authres.h), or NULL when it does
 */
static const char *
unauthenticated(const struct conf *c, const struct list *l,
    const struct mail *m, const struct post_facts *pf)
{
	if (list_from_check(l) != FROM_CHECK_AUTHENTICATED)
		return (NULL);
	if (c->authserv_id == NULL || *c->authserv_id == '\0')
		return ("no [milter] authserv_id is set");
	if (m->from_addr == NULL)
		return ("no From: address");
	if (authres_aligned(pf->auth_results, c->authserv_id,
	    addr_domain(m->from_addr)) == NULL)
		return ("no DKIM or SPF pass for its domain from this site");
	return (NULL);
}

/* stranger - a members-only list refuses the post as a stranger's */
static int
stranger(const struct conf *c, const struct list *l, const struct mail *m,
    const struct post_facts *pf, struct verdict *v)
{
	enum verdict_reason	 r = REASON_NONMEMBER;

	if (!l->members_only)
		return (0);
	if (pf->is_member) {
		if ((v->detail = unauthenticated(c, l, m, pf)) == NULL)
			return (0);
		r = REASON_UNAUTHENTICATED;
	}
	v->tell_poster = l->nonmember != NULL &&
	    strcmp(l->nonmember, "reject") == 0;
	say(v, v->tell_poster ? VERDICT_REJECT : VERDICT_HOLD, r, 0, 0);
	return (1);
}

/* policy_post - see policy.h */
void
policy_post(const struct conf *c, const struct list *l, const struct mail *m,
    const struct post_facts *pf, struct verdict *v)
{
	int64_t		 max = l->max_bytes > 0 ? l->max_bytes :
			    c->lim.message_bytes;
	int64_t		 max_rcpts = l->max_recipients > 0 ?
			    l->max_recipients : LIST_DEFAULT_MAX_RCPTS;
	enum mail_auto	 automated;
	int		 drop_automated = l->automated != NULL &&
			    strcmp(l->automated, "drop") == 0;

	memset(v, 0, sizeof(*v));
	v->kind = VERDICT_ACCEPT;
	if (looped(c, l, m, v))
		return;
	/* Without a From to read, the envelope sender stands in: the
	 * caller looked it up as a member, a moderator decides below. */
	if (m->from_addr == NULL && (pf->env_from == NULL ||
	    *pf->env_from == '\0')) {
		say(v, VERDICT_REJECT, REASON_NO_FROM, 0, 0);
		return;
	}
	automated = mail_automated(m, pf->env_from);
	v->automated = automated != MAIL_BY_PERSON;
	if (pf->size > max) {
		say(v, VERDICT_REJECT, REASON_TOO_LARGE, (long long)pf->size,
		    (long long)max);
		return;
	}
	if (l->ends_at > 0 && pf->now >= l->ends_at) {
		say(v, VERDICT_REJECT, REASON_ENDED, 0, 0);
		v->tell_poster = 1;
		return;
	}
	if (v->automated) {
		say(v, drop_automated ? VERDICT_DISCARD : VERDICT_HOLD,
		    REASON_AUTOMATED, 0, 0);
		v->detail = mail_automated_why(automated);
		return;
	}
	if (m->recipients > max_rcpts) {
		say(v, VERDICT_HOLD, REASON_RECIPIENTS, m->recipients,
		    (long long)max_rcpts);
		return;
	}
	if (l->hold_bytes > 0 && pf->size > l->hold_bytes) {
		say(v, VERDICT_HOLD, REASON_LARGE, (long long)pf->size,
		    (long long)l->hold_bytes);
		return;
	}
	if (stranger(c, l, m, pf, v))
		return;
	if (m->from_addr == NULL) {
		say(v, VERDICT_HOLD, REASON_NO_FROM, 0, 0);
		return;
	}
	if ((v->detail = hdr_encode_unsendable(m)) != NULL) {
		say(v, VERDICT_HOLD, REASON_UNREADABLE, 0, 0);
		return;
	}
	if (l->moderated)
		say(v, VERDICT_HOLD, REASON_MODERATED, 0, 0);
}

/* policy_reason_words - see policy.h */
void
policy_reason_words(const struct verdict *v, struct vbuf *out)
{
	const struct reason_row	*r;

	if ((unsigned)v->reason >= nitems(reasons))
		return;
	r = &reasons[v->reason];
	vbuf_puts(out, r->words);
	if (r->form == FORM_DETAIL)
		vbuf_puts(out, v->detail != NULL ? v->detail : "");
	else if (r->form == FORM_NUMBERS)
		vbuf_printf(out, "%lld%s%lld%s", v->amount, r->between,
		    v->limit, r->after);
	else if (r->form == FORM_COUNT)
		vbuf_printf(out, "%lld%s", v->amount, v->amount == 1 ?
		    r->between : r->after);
}

/* policy_reason_phrase - see policy.h */
const char *
policy_reason_phrase(enum verdict_reason r)
{
	return ((unsigned)r < nitems(reasons) ? reasons[r].phrase : NULL);
}

/* policy_reason_read - see policy.h; a row matches when the words it
 * would write from what was read are the words given, byte for byte */
int
policy_reason_read(const char *words, struct verdict *v)
{
	struct verdict	 w;
	struct vbuf	 again;
	int		 rc = -1;

	if (words == NULL)
		return (-1);
	vbuf_init(&again, VBUF_NOMAX);
	for (size_t i = REASON_NONE + 1; rc == -1 && i < nitems(reasons); i++) {
		const struct reason_row	*r = &reasons[i];
		char			*end;

		if (strncmp(words, r->words, strlen(r->words)) != 0)
			continue;
		memset(&w, 0, sizeof(w));
		w.reason = (enum verdict_reason)i;
		end = (char *)words + strlen(r->words);
		if (r->form == FORM_DETAIL)
			w.detail = end;
		else if (r->form == FORM_NUMBERS) {
			w.amount = strtoll(end, &end, 10);
			if (strncmp(end, r->between, strlen(r->between)) == 0)
				w.limit = strtoll(end + strlen(r->between),
				    NULL, 10);
		} else if (r->form == FORM_COUNT)
			w.amount = strtoll(end, NULL, 10);
		vbuf_reset(&again);
		policy_reason_words(&w, &again);
		if (strcmp(vbuf_str(&again), words) == 0)
			rc = 0;
	}
	vbuf_release(&again);
	if (rc == 0) {
		v->reason = w.reason;
		v->amount = w.amount;
		v->limit = w.limit;
		v->detail = w.detail;
	}
	return (rc);
}
