/*
 * decide.c - a clear decision in a line; see decide.h
 */
#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "global/conf.h"
#include "global/decide.h"
#include "global/words.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define KEYS_MAX	256
#define WORD_MAX	128

/* word_char - c belongs to a word: letters, marks, digits, and format
 * characters (bidi marks, ZWNJ), which folding then drops */
static int
word_char(UChar32 c)
{
	if (c < 0)
		return (0);
	if ((U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0)
		return (1);
	return (u_charType(c) == U_FORMAT_CHAR);
}

/* joiner - c joins two parts of a word: an apostrophe (d'accord) or a
 * hyphen (abonnez-moi) */
static int
joiner(UChar32 c)
{
	return (c == '\'' || c == 0x2019 || c == '-' || c == 0x2010 ||
	    c == 0x2011);
}

/* at - the character at s[i] (n bytes), and its end in *next */
static UChar32
at(const char *s, int32_t i, int32_t n, int32_t *next)
{
	UChar32	c;

	U8_NEXT(s, i, n, c);
	*next = i;
	return (c);
}

/*
 * next_word - the next word of s (n bytes) from *i: its start in *w and
 * length as the return value (0: no more words); *i goes past it.  A
 * word is letters, marks and digits, joined by apostrophes and hyphens;
 * a sign before a digit belongs to it ("+1", "-1").  Punctuation,
 * quotes, symbols and emoji between words are no part of any.
 */
static size_t
next_word(const char *s, size_t n, size_t *i, size_t *w)
{
	int32_t	 p = (int32_t)*i, q, r, len = (int32_t)n;
	UChar32	 c;

	while (p < len) {
		c = at(s, p, len, &q);
		if (word_char(c))
			break;
		if ((c == '+' || c == '-' || c == 0x2212) && q < len &&
		    u_isdigit(at(s, q, len, &r)))
			break;
		p = q;
	}
	*w = (size_t)p;
	if (p >= len) {
		*i = n;
		return (0);
	}
	(void)at(s, p, len, &q);	/* the first is a word's, or a sign */
	p = q;
	while (p < len) {
		c = at(s, p, len, &q);
		if (word_char(c))
			p = q;
		else if (joiner(c) && q < len && word_char(at(s, q, len, &r)))
			p = q;
		else
			break;
	}
	*i = (size_t)p;
	return ((size_t)p - *w);
}

/* after_quotes - i past the quotation marks that close a word there
 * ("reject" - spam: the reason is "spam") */
static size_t
after_quotes(const char *s, size_t n, size_t i)
{
	int32_t	q;

	while (i < n && u_hasBinaryProperty(at(s, (int32_t)i, (int32_t)n, &q),
	    UCHAR_QUOTATION_MARK))
		i = (size_t)q;
	return (i);
}

/* lookup - the key of the word (w, l bytes) among wanted, in lang (or,
 * for NULL, any language; lang then names it); NULL if none */
static const char *
lookup(const struct conf *c, char *lang, size_t lsize, const char *w,
    size_t l, const char *wanted)
{
	char	word[WORD_MAX];

	if (l >= sizeof(word))
		return (NULL);
	memcpy(word, w, l);
	word[l] = '\0';
	if (lang[0] != '\0')
		return (words_match(c, lang, word, wanted));
	return (words_match_any(c, word, wanted, lang, lsize));
}

/* folds_to_nothing - the word is only format characters (a bidi mark,
 * a variation selector on its own) */
static int
folds_to_nothing(const char *w, size_t l)
{
	struct vbuf	 f;
	char		 word[WORD_MAX];
	int		 empty;

	if (l >= sizeof(word))
		return (0);
	memcpy(word, w, l);
	word[l] = '\0';
	vbuf_init(&f, VBUF_NOMAX);
	words_fold(word, &f);
	empty = f.len == 0 || vbuf_str(&f)[0] == '\0';
	vbuf_release(&f);
	return (empty);
}

/* only_polite - from i on, s has nothing but polite words */
static int
only_polite(const struct conf *c, char *lang, size_t lsize, const char *s,
    size_t n, size_t i)
{
	size_t	w, l;

	while ((l = next_word(s, n, &i, &w)) > 0)
		if (!folds_to_nothing(s + w, l) &&
		    lookup(c, lang, lsize, s + w, l, "polite") == NULL)
			return (0);
	return (1);
}

/* wanted_of - "polite,K,K-alone,..." for keys */
static int
wanted_of(const char *keys, char *out, size_t size)
{
	struct vbuf	 v;
	int		 rc;

	vbuf_init(&v, size - 1);
	vbuf_puts(&v, "polite");
	while (*keys != '\0') {
		size_t	l = strcspn(keys, ",");

		vbuf_printf(&v, ",%.*s,%.*s-alone", (int)l, keys, (int)l, keys);
		keys += l + (keys[l] == ',');
	}
	rc = vbuf_err(&v) ? -1 : 0;
	(void)snprintf(out, size, "%s", vbuf_str(&v));
	vbuf_release(&v);
	return (rc);
}

/* decide_line - see decide.h */
int
decide_line(const struct conf *c, const char *lang, const char *s, size_t n,
    const char *keys, int flags, struct decided *d)
{
	char		 wanted[KEYS_MAX];
	const char	*key = NULL;
	size_t		 i = 0, w, l, kl;

	memset(d, 0, sizeof(*d));
	(void)snprintf(d->lang, sizeof(d->lang), "%s", lang != NULL ? lang :
	    "");
	if (wanted_of(keys, wanted, sizeof(wanted)) == -1)
		return (0);
	/* Polite words may come first: "please approve", "thanks, no". */
	while ((l = next_word(s, n, &i, &w)) > 0) {
		if (folds_to_nothing(s + w, l))
			continue;
		key = lookup(c, d->lang, sizeof(d->lang), s + w, l, wanted);
		if (key == NULL || strcmp(key, "polite") != 0)
			break;
		if (lang == NULL)	/* the next word may be English */
			d->lang[0] = '\0';
	}
	if (key == NULL || strcmp(key, "polite") == 0)
		return (0);
	kl = strlen(key);
	if (only_polite(c, d->lang, sizeof(d->lang), s, n, i))
		d->rest = n;
	else if ((flags & DECIDE_ALONE) || (kl > 6 &&
	    strcmp(key + kl - 6, "-alone") == 0))
		return (0);		/* "No problem, ...", "Post it" */
	else
		d->rest = after_quotes(s, n, i);
	/* The key as the caller named it, without "-alone". */
	for (const char *k = keys; *k != '\0'; k += strcspn(k, ",") +
	    (k[strcspn(k, ",")] == ',')) {
		size_t	len = strcspn(k, ",");

		if (len < sizeof(d->key) && strncmp(k, key, len) == 0 &&
		    (key[len] == '\0' || strcmp(key + len, "-alone") == 0)) {
			memcpy(d->key, k, len);
			d->key[len] = '\0';
			return (1);
		}
	}
	return (0);
}
