/*
 * gov_read.c - a voter's choice; see gov_read.h
 */
#include <stdio.h>
#include <string.h>

#include "global/conf.h"
#include "global/decide.h"
#include "global/fold.h"
#include "global/words.h"
#include "gov/gov_read.h"
#include "gov/gov_tally.h"
#include "list/mod_reply.h"
#include "mail/mail.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define WORDS_MAX	12	/* an option's words, polite words aside */

/* The options moot names itself, which are also words.h keys. */
static const char *const keyed[] = { "for", "against", "abstain", "agree",
    "object" };

/* is_punct - c is punctuation around a word, not part of it */
static int
is_punct(unsigned char c)
{
	return (c != '\0' && strchr(".,;:!?\"'()[]<>*_-", c) != NULL);
}

/* keyed_option - name is one of keyed[] */
static int
keyed_option(const char *name)
{
	for (size_t i = 0; i < nitems(keyed); i++)
		if (strcmp(keyed[i], name) == 0)
			return (1);
	return (0);
}

/*
 * words_of - the line's words but polite ones, each folded, joined by
 * one space into out; the first word as written into first; how many
 */
static size_t
words_of(const struct conf *c, const char *lang, const char *s, size_t n,
    struct vbuf *out, struct vbuf *first)
{
	struct vbuf	 w, f;
	size_t		 i = 0, k = 0;

	vbuf_init(&w, 256);
	vbuf_init(&f, 256);
	while (i < n && k <= WORDS_MAX) {
		size_t	b, e;

		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		for (b = i; i < n && s[i] != ' ' && s[i] != '\t'; i++)
			;
		for (e = i; b < e && is_punct((unsigned char)s[b]); b++)
			;
		while (e > b && is_punct((unsigned char)s[e - 1]))
			e--;
		if (e == b)
			continue;
		vbuf_reset(&w);
		vbuf_cat(&w, s + b, e - b);
		if (words_match(c, lang, vbuf_str(&w), "polite") != NULL)
			continue;
		if (k == 0)
			vbuf_puts(first, vbuf_str(&w));
		vbuf_reset(&f);
		fold_word(s + b, e - b, &f);
		vbuf_printf(out, "%s%s", k++ > 0 ? " " : "", vbuf_str(&f));
	}
	vbuf_release(&w);
	vbuf_release(&f);
	return (k);
}

/* by_name - the option of t whose folded name is words, or -1; an
 * option moot names itself also by its words in lang */
static int
by_name(const struct conf *c, const char *lang, const struct gov_tally *t,
    const char *words, size_t k, const char *first)
{
	struct vbuf	f;
	const char	*key;

	vbuf_init(&f, 256);
	for (size_t i = 0; i < t->n; i++) {
		vbuf_reset(&f);
		fold_word(t->opt[i], strlen(t->opt[i]), &f);
		if (strcmp(vbuf_str(&f), words) == 0) {
			vbuf_release(&f);
			return ((int)i);
		}
	}
	vbuf_release(&f);
	if (k == 1 && (key = words_match(c, lang, first, NULL)) != NULL &&
	    keyed_option(key))
		return (gov_tally_option(t, key));
	return (-1);
}

/* objection - "object REASON": the reason after the word, if any */
static int
objection(const struct conf *c, const char *lang, const char *s, size_t n,
    struct gov_choice *out)
{
	struct decided	dd;
	size_t		r;

	if (!decide_line(c, lang, s, n, "object", 0, &dd) ||
	    strcmp(dd.key, "object") != 0)
		return (0);
	for (r = dd.rest; r < n && (s[r] == ' ' || is_punct(
	    (unsigned char)s[r])); r++)
		;
	if (r >= n)
		return (0);	/* an objection says why */
	(void)snprintf(out->choice, sizeof(out->choice), "object");
	if (n - r >= sizeof(out->reason))
		n = r + sizeof(out->reason) - 1;
	memcpy(out->reason, s + r, n - r);
	out->reason[n - r] = '\0';
	return (1);
}

/* gov_read_line - see gov_read.h */
int
gov_read_line(const struct conf *c, const char *lang, const char *s,
    size_t n, const struct gov_tally *t, int consensus,
    struct gov_choice *out)
{
	struct vbuf	 words, first;
	size_t		 k, cut = n < sizeof(out->read) - 1 ? n :
	    sizeof(out->read) - 1;
	int		 i = -1;

	memset(out, 0, sizeof(*out));
	memcpy(out->read, s, cut);
	out->read[cut] = '\0';
	if (consensus && objection(c, lang, s, n, out))
		return (1);
	vbuf_init(&words, 1024);
	vbuf_init(&first, 256);
	k = words_of(c, lang, s, n, &words, &first);
	if (k > 0 && k <= WORDS_MAX)
		i = by_name(c, lang, t, vbuf_str(&words), k,
		    vbuf_str(&first));
	vbuf_release(&words);
	vbuf_release(&first);
	/* A bare "object" is no objection: it must say why. */
	if (i < 0 || (consensus && strcmp(t->opt[i], "object") == 0))
		return (0);
	(void)snprintf(out->choice, sizeof(out->choice), "%s", t->opt[i]);
	return (1);
}

/* gov_read - see gov_read.h */
int
gov_read(const struct conf *c, const struct mail *m, const char *lang,
    const struct gov_tally *t, int consensus, struct gov_choice *out)
{
	struct vbuf	line;
	int		got;

	memset(out, 0, sizeof(*out));
	if (m->auto_submitted)
		return (0);
	vbuf_init(&line, VBUF_NOMAX);
	if (!mod_reply_own_text(c, m, &line, NULL)) {
		vbuf_release(&line);
		return (0);
	}
	got = gov_read_line(c, lang, line.data, line.len, t, consensus, out);
	vbuf_release(&line);
	return (got);
}
