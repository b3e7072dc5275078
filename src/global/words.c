/*
 * words.c - answer words by language; see words.h
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "util/alloc.h"
#include "global/conf.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "global/words.h"
#include "util/sys_defs.h"

#define WORDS_FILE_MAX	(64 * 1024)

/* Every key a words file may set. */
static const char *const keys[] = {
	"approve", "reject", "discard",				/* decisions */
	"subscribe", "unsubscribe", "confirm", "help", "lists",	/* commands */
	"who", "set", "info",
};

/* in_csv - key is one of the comma-separated wanted (NULL: any) */
static int
in_csv(const char *wanted, const char *key)
{
	size_t	kl = strlen(key);

	while (wanted != NULL && *wanted != '\0') {
		size_t	l = strcspn(wanted, ",");

		if (l == kl && strncmp(wanted, key, l) == 0)
			return (1);
		wanted += l + (wanted[l] == ',');
	}
	return (wanted == NULL);
}

/* utf8_get - decode one character at *p (advancing it); -1 if invalid */
static long
utf8_get(const unsigned char **p)
{
	const unsigned char	*s = *p;
	long			 c;
	size_t			 n, i;

	if (s[0] < 0x80) {
		*p += 1;
		return (s[0]);
	}
	/* vis.c's one UTF-8 rule: no overlong form folds to ASCII. */
	if ((n = vis_utf8_len(s)) == 0)
		return (-1);
	c = s[0] & (n == 2 ? 0x1f : n == 3 ? 0x0f : 0x07);
	for (i = 1; i < n; i++)
		c = (c << 6) | (s[i] & 0x3f);
	*p += n;
	return (c);
}

/* utf8_put - encode c */
static void
utf8_put(struct vbuf *out, long c)
{
	if (c < 0x80)
		vbuf_putc(out, (int)c);
	else if (c < 0x800) {
		vbuf_putc(out, 0xc0 | (int)(c >> 6));
		vbuf_putc(out, 0x80 | (int)(c & 0x3f));
	} else if (c < 0x10000) {
		vbuf_putc(out, 0xe0 | (int)(c >> 12));
		vbuf_putc(out, 0x80 | (int)((c >> 6) & 0x3f));
		vbuf_putc(out, 0x80 | (int)(c & 0x3f));
	} else {
		vbuf_putc(out, 0xf0 | (int)(c >> 18));
		vbuf_putc(out, 0x80 | (int)((c >> 12) & 0x3f));
		vbuf_putc(out, 0x80 | (int)((c >> 6) & 0x3f));
		vbuf_putc(out, 0x80 | (int)(c & 0x3f));
	}
}

/* words_fold - see words.h */
void
words_fold(const char *word, struct vbuf *out)
{
	static locale_t		 loc;
	const unsigned char	*p = (const unsigned char *)word;

	/* Made once; a race makes two, which is harmless. */
	if (loc == (locale_t)0)
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	vbuf_reset(out);
	while (*p != '\0') {
		long	c = utf8_get(&p);

		if (c < 0) {		/* not UTF-8: keep the byte */
			vbuf_putc(out, *p++);
			continue;
		}
		utf8_put(out, loc != (locale_t)0 ? (long)towlower_l((wint_t)c,
		    loc) : (c < 0x80 ? tolower((int)c) : c));
	}
	if (out->data == NULL)
		vbuf_cat(out, "", 0);
}

/* read_words - the words file at path, NUL-terminated (the caller frees
 * it), or NULL with *why saying why (why may be NULL) */
static char *
read_words(const char *path, const char **why)
{
	struct vbuf	 b;
	char		 chunk[4096];
	size_t		 n;
	FILE		*f;
	int		 failed;

	if ((f = fopen(path, "r")) == NULL) {
		if (why != NULL)
			*why = strerror(errno);
		return (NULL);
	}
	vbuf_init(&b, WORDS_FILE_MAX);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		vbuf_cat(&b, chunk, n);
	failed = ferror(f);
	fclose(f);
	if (failed || vbuf_err(&b)) {
		/* errno is said only when reading set it, never a stale one */
		if (why != NULL)
			*why = failed ? "cannot be read" : "too large";
		vbuf_release(&b);
		return (NULL);
	}
	return (vbuf_take(&b, NULL));
}

/*
 * walk - call cb(key, folded word, line, arg) for each word of the words
 * text, in order, until cb returns non-zero (walk returns that); with
 * check set, the first malformed line is reported in check.
 */
static int
walk(const char *text, int (*cb)(const char *, const char *, int, void *),
    void *arg, struct vbuf *check)
{
	struct vbuf	 f;
	const char	*line = text;
	int		 lineno = 0, stop = 0;

	vbuf_init(&f, VBUF_NOMAX);
	for (; *line != '\0' && stop == 0; line += strcspn(line, "\n") +
	    (line[strcspn(line, "\n")] == '\n')) {
		size_t		 len = strcspn(line, "\n");
		const char	*eq = memchr(line, '=', len), *k, *w;
		const char	*end = line + len;
		size_t		 kl, i, wl;

		lineno++;
		if (len == 0 || line[0] == '#')
			continue;
		if (eq == NULL) {
			if (check != NULL && check->len == 0)
				vbuf_printf(check, "line %d: not \"key = words\"",
				    lineno);
			continue;
		}
		for (k = line; k < eq && isspace((unsigned char)*k); k++)
			;
		for (kl = (size_t)(eq - k); kl > 0 &&
		    isspace((unsigned char)k[kl - 1]); kl--)
			;
		for (i = 0; i < nitems(keys); i++)
			if (strlen(keys[i]) == kl &&
			    strncmp(keys[i], k, kl) == 0)
				break;
		if (i == nitems(keys)) {
			if (check != NULL && check->len == 0)
				vbuf_printf(check, "line %d: \"%.*s\" is not a "
				    "key (approve, reject, discard, subscribe, "
				    "unsubscribe, confirm, help, lists, who, set, "
				    "info)", lineno, (int)kl, k);
			continue;
		}
		for (w = eq + 1; w < end && stop == 0; w += wl) {
			char	*one;

			while (w < end && isspace((unsigned char)*w))
				w++;
			for (wl = 0; w + wl < end &&
			    !isspace((unsigned char)w[wl]); wl++)
				;
			if (wl == 0)
				continue;
			one = xstrndup(w, wl);
			words_fold(one, &f);
			free(one);
			stop = cb(keys[i], vbuf_str(&f), lineno, arg);
		}
	}
	vbuf_release(&f);
	return (stop);
}

struct find {
	const char	*word, *wanted;	/* folded; keys "a,b" or NULL */
	const char	*found;
};

/* find_one - stop at word under one of the wanted keys */
static int
find_one(const char *key, const char *folded, int line, void *arg)
{
	struct find	*f = arg;

	if (!in_csv(f->wanted, key) || strcmp(folded, f->word) != 0)
		return (0);
	f->found = key;
	return (1);
}

/* scan - the key of word (folded) in the words text, or NULL */
static const char *
scan(const char *text, const char *word, const char *wanted)
{
	struct find	f = { word, wanted, NULL };

	(void)walk(text, find_one, &f, NULL);
	return (f.found);
}

struct seen {
	struct vbuf	 words;		/* "key\0word\0" each */
	struct vbuf	*why;
};

/* seen_once - a word may belong to one key only (words_match() would
 * answer with the first): the second key of a word is an error */
static int
seen_once(const char *key, const char *folded, int line, void *arg)
{
	struct seen	*s = arg;

	if (s->why->len > 0)		/* a malformed line was said first */
		return (1);
	for (const char *k = s->words.data, *w; k != NULL &&
	    k < s->words.data + s->words.len; k = w + strlen(w) + 1) {
		w = k + strlen(k) + 1;
		if (strcmp(w, folded) == 0 && strcmp(k, key) != 0) {
			vbuf_printf(s->why, "line %d: \"%s\" is a word of "
			    "%s already, and a word may answer one key only",
			    line, folded, k);
			return (1);
		}
	}
	vbuf_cat(&s->words, key, strlen(key) + 1);
	vbuf_cat(&s->words, folded, strlen(folded) + 1);
	return (0);
}

/* match_in - the key of folded word in lang's words file, or NULL */
static const char *
match_in(const struct conf *c, const char *lang, const char *folded,
    const char *wanted)
{
	const char	*found = NULL;
	char		*path, *text;

	if (lang == NULL || !conf_valid_lang(lang))
		return (NULL);
	path = xasprintf("%s/%s/words", c->templates, lang);
	if ((text = read_words(path, NULL)) != NULL) {
		found = scan(text, folded, wanted);
		free(text);
	}
	free(path);
	return (found);
}

/* words_match - see words.h */
const char *
words_match(const struct conf *c, const char *lang, const char *word,
    const char *wanted)
{
	const char	*found;
	struct vbuf	 f;

	vbuf_init(&f, VBUF_NOMAX);
	words_fold(word, &f);
	found = match_in(c, "en", vbuf_str(&f), wanted);
	if (found == NULL && lang != NULL && strcmp(lang, "en") != 0)
		found = match_in(c, lang, vbuf_str(&f), wanted);
	vbuf_release(&f);
	return (found);
}

/* words_match_any - see words.h */
const char *
words_match_any(const struct conf *c, const char *word, const char *wanted,
    char *lang, size_t size)
{
	const char	*found;
	struct dirent	*de;
	struct vbuf	 f;
	DIR		*d;

	vbuf_init(&f, VBUF_NOMAX);
	words_fold(word, &f);
	(void)snprintf(lang, size, "en");
	found = match_in(c, "en", vbuf_str(&f), wanted);
	if (found == NULL && (d = opendir(c->templates)) != NULL) {
		/* Languages in name order, so the answer never depends on
		 * the order of the folder. */
		char	best[16] = "";

		while ((de = readdir(d)) != NULL) {
			const char *k;

			size_t	 dl = strlen(de->d_name);

			if (de->d_name[0] == '.' || dl >= sizeof(best) ||
			    strcmp(de->d_name, "en") == 0 || (best[0] != '\0' &&
			    strcmp(de->d_name, best) >= 0))
				continue;
			if ((k = match_in(c, de->d_name, vbuf_str(&f),
			    wanted)) != NULL) {
				found = k;
				memcpy(best, de->d_name, dl + 1);
			}
		}
		closedir(d);
		if (found != NULL)
			(void)snprintf(lang, size, "%s", best);
	}
	vbuf_release(&f);
	return (found);
}

/* words_check - see words.h */
int
words_check(const char *path, struct vbuf *err)
{
	struct seen	 seen;
	struct vbuf	 why;
	const char	*cannot = NULL;
	char		*text;

	if ((text = read_words(path, &cannot)) == NULL) {
		vbuf_printf(err, "%s: %s", path, cannot);
		return (-1);
	}
	vbuf_init(&why, 1024);
	seen.why = &why;
	vbuf_init(&seen.words, VBUF_NOMAX);
	if (walk(text, seen_once, &seen, &why) == 0 && why.len == 0) {
		vbuf_release(&seen.words);
		vbuf_release(&why);
		free(text);
		return (0);
	}
	vbuf_printf(err, "%s:%s", path, vbuf_str(&why));
	vbuf_release(&seen.words);
	vbuf_release(&why);
	free(text);
	return (-1);
}
