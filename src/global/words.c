/*
 * words.c - answer words by language; see words.h
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "util/alloc.h"
#include "global/conf.h"
#include "global/fold.h"
#include "util/vbuf.h"
#include "global/words.h"
#include "util/sys_defs.h"

#define WORDS_FILE_MAX	(64 * 1024)

/* Every key a words file may set.  A decision's words are under its
 * key (they decide, alone or before a reason) or under KEY-alone (they
 * decide only alone): see words.h. */
static const char *const keys[] = {
	"approve", "reject", "discard",				/* decisions */
	"approve-alone", "reject-alone", "discard-alone",
	"polite", "cancel",
	"subscribe", "unsubscribe", "confirm", "help", "lists",	/* commands */
	"who", "set", "info",
	"for", "against", "abstain",				/* ballots */
	"agree", "object", "amend", "vote",
	"guest",				/* attendance (cal/cal_ask.c) */
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

/* words_fold - see words.h */
void
words_fold(const char *word, struct vbuf *out)
{
	fold_word(word, strlen(word), out);
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
			if (check != NULL && check->len == 0) {
				vbuf_printf(check, "line %d: \"%.*s\" is not a "
				    "key (", lineno, (int)kl, k);
				for (i = 0; i < nitems(keys); i++)
					vbuf_printf(check, "%s%s", i > 0 ?
					    ", " : "", keys[i]);
				vbuf_putc(check, ')');
			}
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

/*
 * The languages of moot's words files by script, and the letters that
 * tell them apart: a stranger's word is looked up in the languages of
 * its script, those whose own letters it has first.  Languages not in
 * this table (a folder added by an administrator) come last, in name
 * order.
 */
static const struct {
	UScriptCode	 script;
	const char	*lang;
	const char	*letters;	/* UTF-8: letters peculiar to lang */
} by_script[] = {
	{ USCRIPT_ARABIC, "ar", "\xd8\xa9\xd9\x89" },		/* ة ى */
	{ USCRIPT_ARABIC, "fa", "\xd9\xbe\xda\x86\xda\x98\xda\xaf\xda\xa9"
	    "\xdb\x8c" },					/* پ چ ژ گ ک ی */
	{ USCRIPT_CYRILLIC, "uk", "" },
	{ USCRIPT_ETHIOPIC, "ti", "" },
	{ USCRIPT_LATIN, "fr", "\xc3\xa9\xc3\xa8\xc3\xaa\xc3\xa0\xc3\xa7"
	    "\xc3\xb4\xc3\xbb\xc3\xb9\xc5\x93\xc3\x89" },	/* éèêàçôûùœÉ */
	{ USCRIPT_LATIN, "pl", "\xc4\x85\xc4\x99\xc5\x82\xc5\x84\xc5\x9b"
	    "\xc5\xba\xc5\xbc\xc4\x87\xc3\xb3\xc5\x81" },	/* ąęłńśźżćóŁ */
	{ USCRIPT_LATIN, "ro", "\xc4\x83\xc8\x99\xc8\x9b\xc5\x9f\xc5\xa3"
	    "\xc3\xa2\xc3\xae\xc4\x82" },			/* ășțşţâîĂ */
};

/* script_of - the script of the first letter of word */
static UScriptCode
script_of(const char *word)
{
	int32_t		 i = 0, n = (int32_t)strlen(word);
	UErrorCode	 e = U_ZERO_ERROR;
	UChar32		 c;
	UScriptCode	 sc;

	while (i < n) {
		U8_NEXT(word, i, n, c);
		if (c < 0)
			continue;
		sc = uscript_getScript(c, &e);
		if (U_SUCCESS(e) && sc != USCRIPT_COMMON &&
		    sc != USCRIPT_INHERITED)
			return (sc);
		e = U_ZERO_ERROR;
	}
	return (USCRIPT_COMMON);
}

/* has_letter_of - word holds one of the UTF-8 letters */
static int
has_letter_of(const char *word, const char *letters)
{
	int32_t	i = 0, start, n = (int32_t)strlen(letters);
	UChar32	c;
	char	one[8];

	while (i < n) {
		start = i;
		U8_NEXT(letters, i, n, c);
		if (c < 0 || i - start >= (int32_t)sizeof(one))
			continue;
		memcpy(one, letters + start, (size_t)(i - start));
		one[i - start] = '\0';
		if (strstr(word, one) != NULL)
			return (1);
	}
	return (0);
}

/* try_lang - the key of folded in lang, and lang into out */
static const char *
try_lang(const struct conf *c, const char *lang, const char *folded,
    const char *wanted, char *out, size_t size)
{
	const char	*k = match_in(c, lang, folded, wanted);

	if (k != NULL)
		(void)snprintf(out, size, "%s", lang);
	return (k);
}

/* in_table - lang is one of by_script's */
static int
in_table(const char *lang)
{
	for (size_t i = 0; i < nitems(by_script); i++)
		if (strcmp(by_script[i].lang, lang) == 0)
			return (1);
	return (0);
}

/* others - the first language not in by_script, in name order, whose
 * words file has folded */
static const char *
others(const struct conf *c, const char *folded, const char *wanted,
    char *lang, size_t size)
{
	const char	*found = NULL, *k;
	struct dirent	*de;
	char		 best[16] = "";
	DIR		*d;

	if ((d = opendir(c->templates)) == NULL)
		return (NULL);
	while ((de = readdir(d)) != NULL) {
		size_t	dl = strlen(de->d_name);

		if (de->d_name[0] == '.' || dl >= sizeof(best) ||
		    strcmp(de->d_name, "en") == 0 || in_table(de->d_name) ||
		    (best[0] != '\0' && strcmp(de->d_name, best) >= 0))
			continue;
		if ((k = match_in(c, de->d_name, folded, wanted)) != NULL) {
			found = k;
			memcpy(best, de->d_name, dl + 1);
		}
	}
	closedir(d);
	if (found != NULL)
		(void)snprintf(lang, size, "%s", best);
	return (found);
}

/* words_match_any - see words.h */
const char *
words_match_any(const struct conf *c, const char *word, const char *wanted,
    char *lang, size_t size)
{
	const char	*found;
	UScriptCode	 sc = script_of(word);
	struct vbuf	 f;
	size_t		 i;
	int		 pass;

	vbuf_init(&f, VBUF_NOMAX);
	words_fold(word, &f);
	(void)snprintf(lang, size, "en");
	found = match_in(c, "en", vbuf_str(&f), wanted);
	/* The script's languages with the word's own letters, then the
	 * script's others, then languages moot has no table for. */
	for (pass = 0; found == NULL && pass < 2; pass++)
		for (i = 0; found == NULL && i < nitems(by_script); i++)
			if (by_script[i].script == sc && has_letter_of(word,
			    by_script[i].letters) == (pass == 0))
				found = try_lang(c, by_script[i].lang,
				    vbuf_str(&f), wanted, lang, size);
	if (found == NULL)
		found = others(c, vbuf_str(&f), wanted, lang, size);
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
