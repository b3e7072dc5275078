/*
 * policy.c - the rules for a post; see policy.h
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "global/conf.h"
#include "db/db_list.h"
#include "mail/mail.h"
#include "list/policy.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

static void
say(struct verdict *v, enum verdict_kind k, const char *fmt, ...)
{
	va_list	ap;

	v->kind = k;
	va_start(ap, fmt);
	(void)vsnprintf(v->reason, sizeof(v->reason), fmt, ap);
	va_end(ap);
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

/* policy_post - see policy.h */
void
policy_post(const struct conf *c, const struct list *l, const struct mail *m,
    const struct post_facts *pf, struct verdict *v)
{
	const char	*marker;
	int64_t		 max = l->max_bytes > 0 ? l->max_bytes :
			    c->lim.message_bytes;
	int64_t		 max_rcpts = l->max_recipients > 0 ?
			    l->max_recipients : LIST_DEFAULT_MAX_RCPTS;
	enum mail_auto	 automated;
	int		 drop_automated = l->automated != NULL &&
			    strcmp(l->automated, "drop") == 0;

	memset(v, 0, sizeof(*v));
	v->kind = VERDICT_ACCEPT;
	if ((marker = loop_marker(c, l, m)) != NULL) {
		say(v, VERDICT_REJECT, "loop: the post already carries this "
		    "list's %s", marker);
		return;
	}
	if (m->received > c->lim.received_max) {
		say(v, VERDICT_REJECT, "loop: %d Received fields (more than "
		    "%lld)", m->received, (long long)c->lim.received_max);
		return;
	}
	if (m->from_addr == NULL) {
		say(v, VERDICT_REJECT, "no usable From address");
		return;
	}
	automated = mail_automated(m, pf->env_from);
	v->automated = automated != MAIL_BY_PERSON;
	if (pf->size > max) {
		say(v, VERDICT_REJECT, "too large: %lld bytes (the limit is "
		    "%lld)", (long long)pf->size, (long long)max);
		return;
	}
	if (l->ends_at > 0 && pf->now >= l->ends_at) {
		say(v, VERDICT_REJECT, "the list has ended");
		v->tell_poster = 1;
		return;
	}
	if (v->automated) {
		say(v, drop_automated ? VERDICT_DISCARD : VERDICT_HOLD,
		    "automated: %s", mail_automated_why(automated));
		return;
	}
	if (m->recipients > max_rcpts) {
		say(v, VERDICT_HOLD, "%d addresses in To and Cc (more than "
		    "%lld)", m->recipients, (long long)max_rcpts);
		return;
	}
	if (l->hold_bytes > 0 && pf->size > l->hold_bytes) {
		say(v, VERDICT_HOLD, "large: %lld bytes (posts over %lld are "
		    "checked)", (long long)pf->size, (long long)l->hold_bytes);
		return;
	}
	if (l->members_only && !pf->is_member) {
		if (l->nonmember != NULL && strcmp(l->nonmember, "reject") ==
		    0) {
			say(v, VERDICT_REJECT, "the sender is not a member of "
			    "this members-only list");
			v->tell_poster = 1;
		} else
			say(v, VERDICT_HOLD, "the sender is not a member of "
			    "this members-only list");
		return;
	}
	if (l->moderated) {
		say(v, VERDICT_HOLD, "the list is moderated");
		return;
	}
}

/*
 * The reasons above are stored in English (for logs and `moot spool`);
 * notices to people say them in their language, by phrase.  The formats
 * here are the ones say() writes: policy_test checks each one.
 */
static const struct {
	const char	*mark;		/* how the reason begins, or a part */
	int		 anywhere;	/* mark is anywhere, not at the start */
	int		 numbers;	/* it has two numbers: a, then b */
	const char	*key;		/* the phrase */
} reason_phrases[] = {
	{ "the list is moderated", 0, 0, "why-moderated" },
	{ "the sender is not a member", 0, 0, "why-nonmember" },
	{ "automated:", 0, 0, "why-automated" },
	{ "large: ", 0, 1, "why-large" },
	{ "too large: ", 0, 1, "why-too-large" },
	{ "the list has ended", 0, 0, "why-ended" },
	{ "loop:", 0, 0, "why-loop" },
	{ "no usable From", 0, 0, "why-no-from" },
	{ " addresses in To and Cc (more than ", 1, 1, "why-recipients" },
};

/* two_numbers - the first two runs of digits in s */
static int
two_numbers(const char *s, long long *a, long long *b)
{
	long long	*out[2] = { a, b };
	int		 n = 0;

	while (*s != '\0' && n < 2) {
		if (isdigit((unsigned char)*s)) {
			char	*end;

			*out[n++] = strtoll(s, &end, 10);
			s = end;
		} else
			s++;
	}
	return (n == 2 ? 0 : -1);
}

/* policy_reason_phrase - see policy.h */
const char *
policy_reason_phrase(const char *reason, long long *a, long long *b)
{
	*a = *b = 0;
	if (reason == NULL)
		return (NULL);
	for (size_t i = 0; i < nitems(reason_phrases); i++) {
		const char	*m = reason_phrases[i].mark;

		if (reason_phrases[i].anywhere ? strstr(reason, m) == NULL :
		    strncmp(reason, m, strlen(m)) != 0)
			continue;
		if (!reason_phrases[i].numbers || two_numbers(reason, a, b) ==
		    0)
			return (reason_phrases[i].key);
	}
	return (NULL);
}
