/*
 * decide.c - a moderator's decision in a reply; see decide.h
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "decide.h"
#include "hdrout.h"
#include "mail.h"
#include "mailtext.h"
#include "vbuf.h"
#include "words.h"
#include "moot.h"

static const struct {
	const char	*key;		/* words.c's key */
	enum decision	 d;
} meanings[] = {
	{ "approve", DECISION_APPROVE },
	{ "reject", DECISION_REJECT },
	{ "discard", DECISION_DISCARD },
};

const char *
decide_name(enum decision d)
{
	for (size_t i = 0; i < nitems(meanings); i++)
		if (meanings[i].d == d)
			return (meanings[i].key);
	return ("none");
}

/* Line classes of a reply's text. */
enum line { L_BLANK, L_QUOTE, L_SIG, L_TEXT };

static enum line
classify(const char *s, size_t n)
{
	size_t	i = 0;

	if ((n == 3 && memcmp(s, "-- ", 3) == 0) ||
	    (n == 2 && memcmp(s, "--", 2) == 0))
		return (L_SIG);
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == n)
		return (L_BLANK);
	return (s[i] == '>' ? L_QUOTE : L_TEXT);
}

/* next_line - the line at *p (without its LF), advancing *p */
static const char *
next_line(const char **p, size_t *n)
{
	const char	*s = *p;

	if (*s == '\0')
		return (NULL);
	*n = strcspn(s, "\n");
	*p = s + *n + (s[*n] == '\n');
	/* Trailing spaces do not count (a trailing '\r' is gone already). */
	while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
		(*n)--;
	return (s);
}

/*
 * is_attribution - "On Monday, X wrote:" and the like: text ending in
 * ':' whose next non-blank line is quoted
 */
static int
is_attribution(const char *s, size_t n, const char *rest)
{
	const char	*l;
	size_t		 ln;

	if (n == 0 || s[n - 1] != ':')
		return (0);
	while ((l = next_line(&rest, &ln)) != NULL) {
		enum line c = classify(l, ln);

		if (c == L_BLANK)
			continue;
		return (c == L_QUOTE);
	}
	return (0);
}

/* first_word - the first word of s (n bytes) into w, without trailing
 * punctuation; returns the bytes after the word */
static size_t
first_word(const char *s, size_t n, char *w, size_t size)
{
	size_t	i = 0, j = 0;

	while (i < n && isspace((unsigned char)s[i]))
		i++;
	for (; i < n && !isspace((unsigned char)s[i]) && s[i] != ':' &&
	    s[i] != ','; i++)
		if (j + 1 < size)
			w[j++] = s[i];
	/* "approve." "approve!" "ok," read as the word itself. */
	while (j > 0 && strchr(".!?;", w[j - 1]) != NULL)
		j--;
	w[j] = '\0';
	return (i);
}

/* reason_of - the rest of the line, then following text lines */
static void
reason_of(const char *s, size_t n, const char *rest, struct vbuf *r)
{
	const char	*l;
	size_t		 ln, i = 0;

	while (i < n && (isspace((unsigned char)s[i]) || s[i] == ':' ||
	    s[i] == '-' || s[i] == ','))
		i++;
	vbuf_cat(r, s + i, n - i);
	if (r->len > 0)
		return;
	while ((l = next_line(&rest, &ln)) != NULL &&
	    classify(l, ln) == L_TEXT) {
		if (r->len > 0)
			vbuf_putc(r, ' ');
		vbuf_cat(r, l, ln);
	}
}

/* strip_reply_prefixes - "Re: Aw: AW: Fwd:" off the front of a subject */
static const char *
strip_reply_prefixes(const char *s)
{
	static const char *const prefixes[] = { "re:", "aw:", "sv:", "fw:",
	    "fwd:", "tr:", "vs:" };
	int	again = 1;

	while (again) {
		again = 0;
		while (*s == ' ' || *s == '\t')
			s++;
		for (size_t i = 0; i < nitems(prefixes); i++)
			if (strncasecmp(s, prefixes[i], strlen(prefixes[i])) ==
			    0) {
				s += strlen(prefixes[i]);
				again = 1;
			}
	}
	return (s);
}

/* judge - the decision in line s (n bytes); rest is what follows */
static void
judge(const struct conf *c, const char *lang, const char *s, size_t n,
    const char *rest, struct decision_read *out)
{
	char		 w[128];
	size_t		 after = first_word(s, n, w, sizeof(w));
	const char	*key = words_match(c, lang, w);
	struct vbuf	 r, clean;

	out->d = DECISION_NONE;
	for (size_t i = 0; key != NULL && i < nitems(meanings); i++)
		if (strcmp(meanings[i].key, key) == 0)
			out->d = meanings[i].d;
	if (out->d == DECISION_NONE) {
		(void)snprintf(out->why, sizeof(out->why), "the first line "
		    "is not a decision");
		return;
	}
	if (out->d != DECISION_REJECT)
		return;
	vbuf_init(&r, sizeof(out->reason) * 2);
	vbuf_init(&clean, VBUF_NOMAX);
	reason_of(s + after, n - after, rest, &r);
	hdrout_clean(&clean, vbuf_str(&r));
	(void)snprintf(out->reason, sizeof(out->reason), "%s",
	    vbuf_str(&clean));
	vbuf_release(&r);
	vbuf_release(&clean);
}

/* decide_read - see decide.h */
void
decide_read(const struct conf *c, const struct mail *m, const char *lang,
    struct decision_read *out)
{
	struct vbuf	 text;
	const char	*p, *l;
	size_t		 n;

	memset(out, 0, sizeof(*out));
	if (m->auto_submitted) {
		(void)snprintf(out->why, sizeof(out->why), "an automatic reply "
		    "(Auto-Submitted)");
		return;
	}
	vbuf_init(&text, VBUF_NOMAX);
	(void)mailtext_get(m, (size_t)c->lim.text_bytes, &text);
	p = vbuf_str(&text);
	while ((l = next_line(&p, &n)) != NULL) {
		enum line cl = classify(l, n);

		if (cl == L_SIG)
			break;
		if (cl != L_TEXT || is_attribution(l, n, p))
			continue;
		judge(c, lang, l, n, p, out);
		vbuf_release(&text);
		return;
	}
	vbuf_release(&text);
	/* Nothing in the body: the Subject may hold it. */
	if (m->subject != NULL) {
		const char	*s = strip_reply_prefixes(m->subject);

		judge(c, lang, s, strlen(s), "", out);
		if (out->d != DECISION_NONE)
			return;
	}
	(void)snprintf(out->why, sizeof(out->why), "no decision in the reply");
}
