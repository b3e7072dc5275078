/*
 * mod_reply.c - a moderator's decision in a reply; see mod_reply.h
 */
#include <stdio.h>
#include <string.h>

#include "global/conf.h"
#include "list/mod_reply.h"
#include "mail/hdr_encode.h"
#include "mail/mail.h"
#include "mail/text_part.h"
#include "mail/reply_lines.h"
#include "util/vbuf.h"
#include "global/words.h"
#include "util/sys_defs.h"

static const struct {
	const char	*key;		/* words.c's key */
	enum decision	 d;
} meanings[] = {
	{ "approve", DECISION_APPROVE },
	{ "reject", DECISION_REJECT },
	{ "discard", DECISION_DISCARD },
};

/* mod_reply_name - see mod_reply.h */
const char *
mod_reply_name(enum decision d)
{
	for (size_t i = 0; i < nitems(meanings); i++)
		if (meanings[i].d == d)
			return (meanings[i].key);
	return ("none");
}

/* reason_of - the rest of the line, then following text lines */
static void
reason_of(const char *s, size_t n, const char *rest, struct vbuf *r)
{
	const char	*l;
	size_t		 ln, i = reply_skip_separators(s, n);

	vbuf_cat(r, s + i, n - i);
	if (r->len > 0)
		return;
	while ((l = reply_next_line(&rest, &ln)) != NULL &&
	    reply_line_class(l, ln) == RL_TEXT) {
		if (r->len > 0)
			vbuf_putc(r, ' ');
		vbuf_cat(r, l, ln);
	}
}

/* judge - the decision in line s (n bytes); rest is what follows */
static void
judge(const struct conf *c, const char *lang, const char *s, size_t n,
    const char *rest, struct decision_read *out)
{
	char		 w[128];
	size_t		 after = reply_first_word(s, n, w, sizeof(w));
	const char	*key = words_match(c, lang, w,
			    "approve,reject,discard");
	struct vbuf	 r, clean;

	out->d = DECISION_NONE;
	for (size_t i = 0; key != NULL && i < nitems(meanings); i++)
		if (strcmp(meanings[i].key, key) == 0)
			out->d = meanings[i].d;
	if (out->d == DECISION_NONE) {
		(void)snprintf(out->why, sizeof(out->why), "the first line "
		    "is not a decision");
		vbuf_init(&r, VBUF_NOMAX);
		vbuf_init(&clean, VBUF_NOMAX);
		vbuf_cat(&r, s, n);
		hdr_encode_clean(&clean, vbuf_str(&r));
		(void)snprintf(out->read, sizeof(out->read), "%s",
		    vbuf_str(&clean));
		vbuf_release(&r);
		vbuf_release(&clean);
		return;
	}
	if (out->d != DECISION_REJECT)
		return;
	vbuf_init(&r, sizeof(out->reason) * 2);
	vbuf_init(&clean, VBUF_NOMAX);
	reason_of(s + after, n - after, rest, &r);
	hdr_encode_clean(&clean, vbuf_str(&r));
	(void)snprintf(out->reason, sizeof(out->reason), "%s",
	    vbuf_str(&clean));
	vbuf_release(&r);
	vbuf_release(&clean);
}

/* mod_reply_read - see mod_reply.h */
void
mod_reply_read(const struct conf *c, const struct mail *m, const char *lang,
    struct decision_read *out)
{
	struct vbuf	 text;
	const char	*p, *l;
	size_t		 n;

	memset(out, 0, sizeof(*out));
	if (lang == NULL)
		lang = c->language;	/* what the request was written in */
	if (m->auto_submitted) {
		(void)snprintf(out->why, sizeof(out->why), "an automatic reply "
		    "(Auto-Submitted)");
		return;
	}
	vbuf_init(&text, VBUF_NOMAX);
	(void)text_part_get(m, (size_t)c->lim.text_bytes, &text);
	p = vbuf_str(&text);
	while ((l = reply_next_line(&p, &n)) != NULL) {
		enum reply_line cl = reply_line_class(l, n);

		if (cl == RL_SIG)
			break;
		if (cl != RL_TEXT || reply_is_attribution(l, n, p))
			continue;
		judge(c, lang, l, n, p, out);
		vbuf_release(&text);
		return;
	}
	vbuf_release(&text);
	/* Nothing in the body: the Subject may hold it. */
	if (m->subject != NULL) {
		const char	*s = reply_unprefix(m->subject);

		judge(c, lang, s, strlen(s), "", out);
		if (out->d != DECISION_NONE)
			return;
	}
	(void)snprintf(out->why, sizeof(out->why), "no decision in the reply");
}
