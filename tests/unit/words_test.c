/* words_test - the words people may answer moot with, in their languages */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "global/conf.h"
#include "util/vbuf.h"
#include "global/words.h"
#include "../tap.h"
#include "util/sys_defs.h"

#define AR_APPROVE	"\xd9\x85\xd9\x88\xd8\xa7\xd9\x81\xd9\x82" /* موافق */
#define AR_DELETE	"\xd8\xad\xd8\xb0\xd9\x81"		 /* حذف */
#define AR_JOIN		"\xd8\xa7\xd8\xb4\xd8\xaa\xd8\xb1\xd9\x83" /* اشترك */
#define FA_APPROVE	"\xd8\xaa\xd8\xa7\xdb\x8c\xdb\x8c\xd8\xaf" /* تایید */
#define UK_APPROVE	"\xd1\x81\xd1\x85\xd0\xb2\xd0\xb0\xd0\xbb\xd0\xb8\xd1" \
			"\x82\xd0\xb8"				/* схвалити */
#define UK_APPROVE_UC	"\xd0\xa1\xd0\xa5\xd0\x92\xd0\x90\xd0\x9b\xd0\x98\xd0" \
			"\xa2\xd0\x98"				/* СХВАЛИТИ */

#define RC	"\xef\xbf\xbd"	/* U+FFFD */

/* words_fold: one spelling of a word (fold.h), UTF-8 in and out. */
static const struct {
	const char	*in;
	const char	*want;
} folds[] = {
	{ "", "" },
	{ "approve", "approve" },
	{ "APPROVE", "approve" },
	{ "ApPrOvE!", "approve!" },
	{ "+1", "+1" },
	{ "\xc3\x89" "CRIT", "\xc3\xa9" "crit" },		/* ÉCRIT */
	{ "\xc3\x9c" "BER", "\xc3\xbc" "ber" },		/* ÜBER */
	{ UK_APPROVE_UC, UK_APPROVE },
	{ "\xd0\x87", "\xd1\x97" },			/* Ї to ї */
	{ "\xce\xa3", "\xcf\x83" },			/* Σ to σ */
	{ AR_APPROVE, AR_APPROVE },			/* no case */
	{ "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80" },	/* an emoji */
	/* Bytes that are not UTF-8 become U+FFFD, never a letter. */
	{ "caf\xc9", "caf" RC },			/* Latin-1 É */
	{ "\xff\xfe" "A", RC RC "a" },
	{ "\xc1\x81", RC RC },			/* overlong A */
	{ "\xe2\x82", RC },				/* cut short */
	/* What keyboards and scripts vary in folds to one spelling. */
	{ "\xc3\x9f", "ss" },				/* ß: full folding */
	{ "\xe2\x80\x8f" "OK\xe2\x80\x8e", "ok" },	/* bidi marks */
	{ "e\xcc\x81", "\xc3\xa9" },			/* NFC */
	{ "\xd9\x85\xd9\x80\xd9\x88\xd8\xa7\xd9\x81\xd9\x82", AR_APPROVE }, /* tatweel */
	{ "\xd8\xaa\xd8\xa3\xdb\x8c\xdb\x8c\xd8\xaf",
	    "\xd8\xaa\xd8\xa7\xd9\x8a\xd9\x8a\xd8\xaf" },	/* تأیید, ی and أ */
	{ "\xda\xa9", "\xd9\x83" },			/* ک to ك */
	{ "\xd8\xa9", "\xd9\x87" },			/* ة to ه */
	{ "\xe1\x8d\x80", "\xe1\x8c\xb8" },		/* ፀ to ጸ */
	{ "\xe1\x8a\xa0", "\xe1\x8a\xa3" },		/* አ to ኣ */
	{ "d\xe2\x80\x99" "accord", "d'accord" },	/* the apostrophe */
};

/* Overlong forms are not UTF-8 either, so they must not fold to ASCII. */
static const struct {
	const char	*in;
	const char	*want;
} overlong[] = {
	{ "\xe0\x81\x81" "PPROVE", RC RC RC "pprove" },
	{ "\xf0\x80\x81\x81" "PPROVE", RC RC RC RC "pprove" },
};

/* words_match against the tree's templates/. */
static const struct {
	const char	*lang;
	const char	*word;
	const char	*wanted;
	const char	*want;		/* NULL: no match */
} matches[] = {
	{ NULL, "approve", NULL, "approve" },
	{ NULL, "APPROVED", NULL, "approve" },
	{ NULL, "Ok", NULL, "approve-alone" },	/* decide alone only */
	{ NULL, "+1", NULL, "approve-alone" },
	{ NULL, "-1", NULL, "reject-alone" },
	{ NULL, "y", NULL, "approve-alone" },
	{ NULL, "N", NULL, "reject-alone" },
	{ NULL, "spam", NULL, "discard-alone" },
	{ NULL, "?", NULL, "help" },
	{ NULL, "members", NULL, "who" },
	{ NULL, "join", "subscribe,unsubscribe", "subscribe" },
	{ NULL, "leave", "subscribe,unsubscribe", "unsubscribe" },
	{ NULL, "approve", "subscribe,unsubscribe", NULL },
	{ NULL, "reject", "approve,reject", "reject" },
	{ NULL, "approve", "approv", NULL },	/* keys are whole */
	{ NULL, "approve", "", NULL },		/* none wanted */
	{ NULL, "approve.", NULL, NULL },	/* the caller strips */
	{ NULL, "approve ", NULL, NULL },
	{ NULL, "appr", NULL, NULL },		/* words are whole */
	{ NULL, "", NULL, NULL },
	{ NULL, "maybe", NULL, NULL },
	{ "en", AR_APPROVE, NULL, NULL },
	{ NULL, AR_APPROVE, NULL, NULL },
	{ "ar", AR_APPROVE, NULL, "approve" },
	{ "ar", AR_DELETE, NULL, "discard-alone" },
	{ "ar", AR_JOIN, "subscribe", "subscribe" },
	{ "ar", AR_JOIN, "approve,reject,discard", NULL },
	{ "ar", "approve", NULL, "approve" },	/* English always works */
	{ "fa", FA_APPROVE, NULL, "approve" },
	{ "ar", FA_APPROVE, NULL, NULL },	/* Persian is not Arabic */
	{ "uk", UK_APPROVE_UC, NULL, "approve" },
	{ "uk", UK_APPROVE, NULL, "approve" },
	{ "xx", AR_APPROVE, NULL, NULL },	/* no such language */
	{ "../ar", AR_APPROVE, NULL, NULL },	/* not a language code */
	{ "ar/", AR_APPROVE, NULL, NULL },
};

/* words_match_any: the key and the language it was found in. */
static const struct {
	const char	*word;
	const char	*wanted;
	const char	*want;
	const char	*lang;
} anys[] = {
	{ "approve", NULL, "approve", "en" },
	{ "SUBSCRIBE", NULL, "subscribe", "en" },
	{ AR_APPROVE, NULL, "approve", "ar" },
	{ AR_DELETE, NULL, "discard-alone", "ar" },	/* Arabic and Persian: */
	{ FA_APPROVE, NULL, "approve", "fa" },	/* the first by name */
	{ UK_APPROVE_UC, NULL, "approve", "uk" },
	{ AR_DELETE, "subscribe", NULL, "en" },
	{ "zzz", NULL, NULL, "en" },
	/* A stranger's language is the script's (words.h). */
	{ "tak", NULL, "approve-alone", "pl" },
	{ "da", NULL, "approve-alone", "ro" },
	{ "oui", NULL, "approve-alone", "fr" },
	{ "Odrzu\xc4\x87", NULL, "reject", "pl" },		/* Odrzuć */
	{ "\xd1\x82\xd0\xb0\xd0\xba", NULL, "approve-alone", "uk" },	/* так */
	{ "\xd8\xae\xdb\x8c\xd8\xb1", NULL, "reject-alone", "fa" },	/* خیر */
	{ "\xd8\xae\xd9\x8a\xd8\xb1", NULL, "reject-alone", "fa" },	/* خير */
	{ "\xd9\x84\xd8\xa7", NULL, "reject-alone", "ar" },	/* لا */
	{ "\xe1\x8a\xa5\xe1\x8b\x88", NULL, "approve-alone", "ti" },	/* እወ */
	{ "\xe1\x8a\xa0\xe1\x8b\xad\xe1\x8d\x8b\xe1\x88\x8d", NULL,
	    "reject-alone", "ti" },			/* አይፋል, አ for ኣ */
};

/* words_check on files written here: 0, or -1 with this in the reason. */
static const struct {
	const char	*desc;
	const char	*text;
	const char	*why;		/* NULL: well formed */
} checks[] = {
	{ "an empty file", "", NULL },
	{ "comments only", "# approve = x\n#\n", NULL },
	{ "one key", "approve = ok\n", NULL },
	{ "a key without words", "approve =\n", NULL },
	{ "blanks around the key", "  approve\t=\tok  \n", NULL },
	{ "CRLF line ends", "approve = ok\r\nreject = no\r\n", NULL },
	{ "no final newline", "approve = ok", NULL },
	{ "a key on two lines", "approve = ok\napprove = yes\n", NULL },
	{ "every key", "approve = a\nreject = b\ndiscard = c\nsubscribe = d\n"
	    "unsubscribe = e\nconfirm = f\nhelp = g\nlists = h\nwho = i\n"
	    "set = j\ninfo = k\n", NULL },
	{ "no equals sign", "approve ok\n",
	    ":line 1: not \"key = words\"" },
	{ "the line number counts blank lines", "\n\n# c\napprove ok\n",
	    ":line 4: not \"key = words\"" },
	{ "an indented comment is not a comment", "  # note\n",
	    ":line 1: not \"key = words\"" },
	{ "an unknown key", "approve = ok\nmaybe = perhaps\n",
	    ":line 2: \"maybe\" is not a key" },
	{ "keys are lower case", "APPROVE = ok\n", "\"APPROVE\" is not a key" },
	{ "an empty key", "= ok\n", ":line 1: \"\" is not a key" },
	{ "the first mistake is the one named", "a b\nmaybe = x\n",
	    ":line 1: not" },
};

static char	dir[] = "/tmp/moot-words-test.XXXXXX";

/* put - write text to dir/name; the folders must exist */
static void
put(const char *name, const char *text)
{
	char	 path[512];
	FILE	*f;

	(void)snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL || fputs(text, f) == EOF ||
	    fclose(f) == EOF) {
		printf("Bail out! cannot write %s\n", path);
		exit(1);
	}
}

/* sub - mkdir dir/name */
static void
sub(const char *name)
{
	char	path[512];

	(void)snprintf(path, sizeof(path), "%s/%s", dir, name);
	(void)mkdir(path, 0755);
}

/* cleanup - what this test made, then the folder */
static void
cleanup(void)
{
	static const char *const made[] = { "check", "big", "dup",
	    "zz/words", "aa/words", "en/words", "x y/words", "zz", "aa", "en",
	    "x y", "README.md" };
	char	path[512];

	for (size_t i = 0; i < nitems(made); i++) {
		(void)snprintf(path, sizeof(path), "%s/%s", dir, made[i]);
		(void)remove(path);
	}
	(void)rmdir(dir);
}

int
main(void)
{
	const char	*src = getenv("MOOT_SRCDIR");
	static const char *const langs[] = { "en", "ar", "fa", "fr", "pl",
	    "ro", "ti", "uk" };
	struct conf	 c;
	struct vbuf	 out, why, big;
	char		 tree[512], path[1024], lang[16];
	const char	*k;
	size_t		 i;

	if (mkdtemp(dir) == NULL)
		return (1);
	atexit(cleanup);
	(void)snprintf(tree, sizeof(tree), "%s/templates",
	    src != NULL ? src : "..");
	memset(&c, 0, sizeof(c));
	c.templates = tree;
	vbuf_init(&out, VBUF_NOMAX);
	vbuf_init(&why, 4096);

	for (i = 0; i < nitems(folds); i++) {
		words_fold(folds[i].in, &out);
		is_str(vbuf_str(&out), folds[i].want, "fold case %zu", i);
	}
	/* An overlong form is not UTF-8 (vis.c's rule): "\xe0\x81\x81"
	 * must not fold to "a" and match "approve". */
	for (i = 0; i < nitems(overlong); i++) {
		words_fold(overlong[i].in, &out);
		is_str(vbuf_str(&out), overlong[i].want, "an overlong form is "
		    "kept, not folded to ASCII (case %zu)", i);
	}
	words_fold("ABC", &out);
	words_fold("x", &out);
	is_str(vbuf_str(&out), "x", "fold replaces, not appends");

	for (i = 0; i < nitems(matches); i++) {
		k = words_match(&c, matches[i].lang, matches[i].word,
		    matches[i].wanted);
		is_str(k, matches[i].want, "match \"%s\" in %s among %s",
		    matches[i].word,
		    matches[i].lang ? matches[i].lang : "(none)",
		    matches[i].wanted ? matches[i].wanted : "(any)");
	}
	for (i = 0; i < nitems(anys); i++) {
		memset(lang, 'Z', sizeof(lang));
		k = words_match_any(&c, anys[i].word, anys[i].wanted, lang,
		    sizeof(lang));
		is_str(k, anys[i].want, "match \"%s\" in any language",
		    anys[i].word);
		is_str(lang, anys[i].lang, "  and the language it is in");
	}

	/* Every words file of the tree is well formed. */
	for (i = 0; i < nitems(langs); i++) {
		(void)snprintf(path, sizeof(path), "%s/%s/words", tree,
		    langs[i]);
		vbuf_reset(&why);
		ok(words_check(path, &why) == 0, "templates/%s/words is well "
		    "formed", langs[i]);
		if (why.len)
			diag("%s", vbuf_str(&why));
	}

	for (i = 0; i < nitems(checks); i++) {
		int	rc;

		put("check", checks[i].text);
		(void)snprintf(path, sizeof(path), "%s/check", dir);
		vbuf_reset(&why);
		rc = words_check(path, &why);
		if (checks[i].why == NULL) {
			is_int(rc, 0, "check: %s", checks[i].desc);
			if (why.len)
				diag("%s", vbuf_str(&why));
		} else {
			is_int(rc, -1, "check: %s", checks[i].desc);
			has_str(vbuf_str(&why), checks[i].why, "  says why");
			ok(strncmp(vbuf_str(&why), path, strlen(path)) == 0,
			    "  and names the file");
		}
	}
	(void)snprintf(path, sizeof(path), "%s/missing", dir);
	vbuf_reset(&why);
	ok(words_check(path, &why) == -1, "check: a missing file");
	has_str(vbuf_str(&why), strerror(ENOENT), "  says it is not there");

	/* Past 64 KiB a words file is refused as too large, whatever errno
	 * held before. */
	vbuf_init(&big, VBUF_NOMAX);
	vbuf_puts(&big, "approve =");
	while (big.len <= 64 * 1024)
		vbuf_puts(&big, " yes");
	vbuf_putc(&big, '\n');
	put("big", vbuf_str(&big));
	vbuf_release(&big);
	(void)snprintf(path, sizeof(path), "%s/big", dir);
	vbuf_reset(&why);
	errno = 0;
	ok(words_check(path, &why) == -1, "check: a file over 64 KiB");
	has_str(vbuf_str(&why), "too large", "  is too large");
	/* A stale errno from an earlier call does not name a wrong cause. */
	vbuf_reset(&why);
	errno = ENOENT;
	(void)words_check(path, &why);
	has_str(vbuf_str(&why), "too large", "a stale errno does not change "
	    "the reason");

	/* A word belongs to one key only (moot.conf(5), templates/README.md):
	 * words_match() would answer with the first. */
	put("dup", "approve = yes\nreject = Yes\n");
	(void)snprintf(path, sizeof(path), "%s/dup", dir);
	vbuf_reset(&why);
	ok(words_check(path, &why) == -1, "check: a word under two keys is "
	    "refused");
	has_str(vbuf_str(&why), "line 2: \"yes\" is a word of approve "
	    "already", "  saying which line and word");
	put("dup", "approve = yes ok\napprove = yes\n");
	vbuf_reset(&why);
	is_int(words_check(path, &why), 0, "  the same word twice under one "
	    "key is fine");

	/*
	 * words_match_any in a folder of our own: languages are tried by
	 * name, whatever order the folder lists them in, and what is not a
	 * language folder is passed by.
	 */
	sub("zz");
	put("zz/words", "reject = foo\nhelp = bar\n");
	sub("aa");
	put("aa/words", "approve = foo\n");
	sub("en");
	put("en/words", "help = help\n");
	sub("x y");
	put("x y/words", "info = baz\n");
	put("README.md", "not a language\n");
	c.templates = dir;
	k = words_match_any(&c, "FOO", NULL, lang, sizeof(lang));
	is_str(k, "approve", "a word of two languages: the first by name");
	is_str(lang, "aa", "  which is aa");
	k = words_match_any(&c, "foo", "reject", lang, sizeof(lang));
	is_str(k, "reject", "the same word, wanted only as reject");
	is_str(lang, "zz", "  is found in zz");
	k = words_match_any(&c, "bar", NULL, lang, sizeof(lang));
	is_str(lang, "zz", "a word of one language is found there");
	k = words_match_any(&c, "baz", NULL, lang, sizeof(lang));
	ok(k == NULL, "a folder whose name is no language code is not read");
	is_str(lang, "en", "  and the language stays en");
	k = words_match(&c, "zz", "approve", NULL);
	ok(k == NULL, "English is what en/words says, not a built-in list");

	vbuf_release(&out);
	vbuf_release(&why);
	return (done_testing());
}
