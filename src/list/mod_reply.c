/*
 * mod_reply.c - a moderator's decision in a reply; see mod_reply.h
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "global/conf.h"
#include "global/decide.h"
#include "global/listaddr.h"
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

/* reason_of - the rest of the line, else the text lines after it, up
 * to a blank line, a signature or what the moderator quoted */
static void
reason_of(const char *s, size_t n, const char *rest, struct vbuf *r)
{
	const char	*l;
	size_t		 ln, i = reply_skip_separators(s, n);

	vbuf_cat(r, s + i, n - i);
	if (r->len > 0)
		return;
	while ((l = reply_next_line(&rest, &ln)) != NULL &&
	    reply_line_class(l, ln) == RL_TEXT &&
	    !reply_quote_starts(l, ln, rest) &&
	    !reply_is_attribution(l, ln, rest)) {
		if (r->len > 0)
			vbuf_putc(r, ' ');
		vbuf_cat(r, l, ln);
	}
}

/* said - the line as moot read it, for the moderator: one line, clean */
static void
said(const char *s, size_t n, struct decision_read *out)
{
	struct vbuf	 r, clean;

	vbuf_init(&r, VBUF_NOMAX);
	vbuf_init(&clean, VBUF_NOMAX);
	vbuf_cat(&r, s, n);
	hdr_encode_clean(&clean, vbuf_str(&r));
	(void)snprintf(out->read, sizeof(out->read), "%s", vbuf_str(&clean));
	vbuf_release(&r);
	vbuf_release(&clean);
}

/* display_name - the display name of m's From (UTF-8) into out */
static void
display_name(const struct mail *m, struct vbuf *out)
{
	const struct hdr_field	*f = mail_field(m, "From", 0);
	struct vbuf		 v;
	const char		*lt;

	if (f == NULL)
		return;
	vbuf_init(&v, VBUF_NOMAX);
	if (hdr_unfold(f, &v) == 0 && (lt = strchr(vbuf_str(&v), '<')) !=
	    NULL) {
		vbuf_truncate(&v, (size_t)(lt - vbuf_str(&v)));
		(void)mail_decode_phrase(vbuf_str(&v), out);
	}
	vbuf_release(&v);
}

/* betrays - the word w (l bytes) would tell the poster who moderates:
 * an address of moot's (a token's), the moderator's address, or a word
 * of the moderator's name or of their address's local part */
static int
betrays(const struct conf *c, const struct mail *m, const char *name,
    const char *w, size_t l)
{
	static const char	 edge[] = "<>()[]{},;:.!?\"'";
	char			 word[320];
	const char		*at, *me = m->from_addr;
	size_t			 ml;

	while (l > 0 && strchr(edge, w[l - 1]) != NULL)
		l--;
	while (l > 0 && strchr(edge, *w) != NULL)
		w++, l--;
	if (l >= 7 && strncasecmp(w, "mailto:", 7) == 0)
		w += 7, l -= 7;
	if (l == 0 || l >= sizeof(word))
		return (l > 0);
	memcpy(word, w, l);
	word[l] = '\0';
	if ((at = strchr(word, '@')) != NULL)
		return ((c->domain != NULL && listaddr_is_ours(c, word)) ||
		    (me != NULL && strcasecmp(word, me) == 0));
	if (me != NULL && (ml = strcspn(me, "@")) == l &&
	    strncasecmp(me, word, l) == 0)
		return (1);
	/* a word of the name, two letters or more, whatever its case */
	for (const char *p = name; l >= 2 && *p != '\0'; ) {
		size_t	 nl;

		p += strspn(p, " \t\"'");
		nl = strcspn(p, " \t\"'");
		if (nl == l && strncasecmp(p, word, l) == 0)
			return (1);
		p += nl;
	}
	return (0);
}

/* reason_anonymous - r without the words that betray the moderator
 * (moderators stay anonymous to posters) */
static void
reason_anonymous(const struct conf *c, const struct mail *m, struct vbuf *r)
{
	struct vbuf	 name, out;
	const char	*p;

	vbuf_init(&name, 1024);
	vbuf_init(&out, VBUF_NOMAX);
	display_name(m, &name);
	for (p = vbuf_str(r); *p != '\0'; ) {
		size_t	 l;

		p += strspn(p, " \t");
		if ((l = strcspn(p, " \t")) == 0)
			break;
		if (!betrays(c, m, vbuf_str(&name), p, l)) {
			if (out.len > 0)
				vbuf_putc(&out, ' ');
			vbuf_cat(&out, p, l);
		}
		p += l;
	}
	vbuf_reset(r);
	vbuf_cat(r, vbuf_str(&out), out.len);
	vbuf_release(&name);
	vbuf_release(&out);
}

/* judge - the decision in line s (n bytes), read with flags (decide.h);
 * rest is what follows */
static void
judge(const struct conf *c, const char *lang, const struct mail *m,
    const char *s, size_t n, const char *rest, int flags,
    struct decision_read *out)
{
	struct decided	 dd;
	struct vbuf	 r, clean;

	out->d = DECISION_NONE;
	if (decide_line(c, lang, s, n, "approve,reject,discard", flags, &dd))
		for (size_t i = 0; i < nitems(meanings); i++)
			if (strcmp(meanings[i].key, dd.key) == 0)
				out->d = meanings[i].d;
	if (out->d == DECISION_NONE) {
		(void)snprintf(out->why, sizeof(out->why), "the first line "
		    "is not a decision");
		said(s, n, out);
		return;
	}
	if (out->d != DECISION_REJECT)
		return;
	vbuf_init(&r, sizeof(out->reason) * 2);
	vbuf_init(&clean, VBUF_NOMAX);
	reason_of(s + dd.rest, n - dd.rest, rest, &r);
	reason_anonymous(c, m, &r);
	hdr_encode_clean(&clean, vbuf_str(&r));
	(void)snprintf(out->reason, sizeof(out->reason), "%s",
	    vbuf_str(&clean));
	vbuf_release(&r);
	vbuf_release(&clean);
}

/* first_line - the first line of the person's own in text (its length
 * in *n; *rest: what follows it), or NULL */
static const char *
first_line(const char *text, size_t *n, const char **rest)
{
	const char	*p = text, *l;

	while ((l = reply_next_line(&p, n)) != NULL) {
		enum reply_line cl = reply_line_class(l, *n);

		if (cl == RL_SIG || (cl == RL_TEXT &&
		    reply_quote_starts(l, *n, p)))
			return (NULL);	/* the rest is not the person's */
		if (cl != RL_TEXT || reply_is_attribution(l, *n, p))
			continue;
		*rest = p;
		return (l);
	}
	return (NULL);
}

/* mod_reply_own_text - see mod_reply.h */
int
mod_reply_own_text(const struct conf *c, const struct mail *m,
    struct vbuf *line, struct vbuf *rest)
{
	struct vbuf	 text;
	const char	*l, *r;
	size_t		 n;
	int		 got = 0;

	vbuf_init(&text, VBUF_NOMAX);
	(void)text_part_get(m, (size_t)c->lim.text_bytes, &text);
	if ((l = first_line(vbuf_str(&text), &n, &r)) != NULL) {
		vbuf_cat(line, l, n);
		if (rest != NULL)
			vbuf_puts(rest, r);
		got = 1;
	}
	vbuf_release(&text);
	return (got);
}

/* mod_reply_declines - see mod_reply.h */
int
mod_reply_declines(const struct conf *c, const struct mail *m)
{
	struct decided	 dd;
	struct vbuf	 text;
	const char	*l, *rest;
	size_t		 n;
	int		 no = 0;

	vbuf_init(&text, VBUF_NOMAX);
	(void)text_part_get(m, (size_t)c->lim.text_bytes, &text);
	if ((l = first_line(vbuf_str(&text), &n, &rest)) != NULL)
		no = decide_line(c, NULL, l, n, "reject,cancel", DECIDE_ALONE,
		    &dd);
	vbuf_release(&text);
	return (no);
}

/* mod_reply_first - see mod_reply.h */
int
mod_reply_first(const struct conf *c, const struct mail *m, const char *lang,
    const char *keys, struct decided *dd)
{
	return (mod_reply_first_read(c, m, lang, keys, dd, NULL));
}

/* mod_reply_first_read - see mod_reply.h */
int
mod_reply_first_read(const struct conf *c, const struct mail *m,
    const char *lang, const char *keys, struct decided *dd,
    struct decision_read *unread)
{
	struct vbuf	 text;
	const char	*l, *rest;
	size_t		 n;
	int		 yes = 0;

	if (unread != NULL)
		memset(unread, 0, sizeof(*unread));
	vbuf_init(&text, VBUF_NOMAX);
	(void)text_part_get(m, (size_t)c->lim.text_bytes, &text);
	if ((l = first_line(vbuf_str(&text), &n, &rest)) != NULL) {
		yes = decide_line(c, lang, l, n, keys, DECIDE_ALONE, dd);
		if (!yes && unread != NULL)
			said(l, n, unread);
	}
	if (!yes && unread != NULL) {
		unread->d = DECISION_NONE;
		(void)snprintf(unread->why, sizeof(unread->why), "%s",
		    l != NULL ? "the first line is not an answer" :
		    "no answer in the reply");
	}
	vbuf_release(&text);
	return (yes);
}

/* mod_reply_read - see mod_reply.h */
void
mod_reply_read(const struct conf *c, const struct mail *m, const char *lang,
    struct decision_read *out)
{
	struct vbuf	 text;
	const char	*rest, *l;
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
	if ((l = first_line(vbuf_str(&text), &n, &rest)) != NULL) {
		judge(c, lang, m, l, n, rest, 0, out);
		vbuf_release(&text);
		return;
	}
	vbuf_release(&text);
	/* Nothing in the body: the Subject may hold it, alone, since it
	 * holds the post's own subject too ("Re: Approve the budget"). */
	if (m->subject != NULL) {
		const char	*s = reply_unprefix(m->subject);

		judge(c, lang, m, s, strlen(s), "", DECIDE_ALONE, out);
		if (out->d != DECISION_NONE)
			return;
		out->read[0] = '\0';	/* the body said nothing: no line */
	}
	(void)snprintf(out->why, sizeof(out->why), "no decision in the reply");
}
