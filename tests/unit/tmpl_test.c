/* tmpl_test - templates: loading, filling slots, and the check at load */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "global/conf.h"
#include "global/tmpl.h"
#include "util/vbuf.h"
#include "../tap.h"
#include "util/sys_defs.h"

#define AR_HELLO "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7"	/* مرحبا */
#define HW_SLOTS "list,list_address,subject,owner_address"

/*
 * Filling: en/held-waiting (slots list, list_address, subject,
 * owner_address; a Subject: is required) is written with text, then
 * rendered with list and subject set to the values given.  want_err
 * NULL: it renders to subject and body; else it fails saying want_err.
 */
static const struct {
	const char	*desc;
	const char	*text;
	const char	*list;
	const char	*subject;
	const char	*want_subject;
	const char	*want_body;
	const char	*want_err;
} fills[] = {
	{ "slots in Subject and body", "Subject: Held: {subject}\n\n"
	    "Hello {list}.\n", "info", "x", "Held: x", "Hello info.\n", NULL },
	{ "a slot twice, and slots side by side", "Subject: {list}{list}\n\n"
	    "{list}{subject}{list}\n", "a", "b", "aa", "aba\n", NULL },
	{ "a NULL value is empty", "Subject: [{subject}]\n\n[{subject}]\n",
	    "info", NULL, "[]", "[]\n", NULL },
	{ "a slot not given is empty", "Subject: s\n\n[{owner_address}]\n",
	    "info", "x", "s", "[]\n", NULL },
	{ "{{ and }} are braces", "Subject: {{x}}\n\n{{list}} }} } {{\n",
	    "info", "x", "{x}", "{list} } } {\n", NULL },
	{ "a value is not filled again", "Subject: {subject}\n\n{subject}\n",
	    "info", "{list} {{", "{list} {{", "{list} {{\n", NULL },
	{ "Subject: in any case", "subject: lower\n\nb\n", "info", "x",
	    "lower", "b\n", NULL },
	{ "the last Subject: wins", "Subject: a\nSubject: b\n\nc\n", "info",
	    "x", "b", "c\n", NULL },
	{ "no final newline", "Subject: s\n\nbody", "info", "x", "s", "body",
	    NULL },
	{ "an empty body", "Subject: s\n\n", "info", "x", "s", "", NULL },
	{ "no blank line after the Subject", "Subject: s\n", "info", "x",
	    "s", "", NULL },
	{ "Arabic text and value", "Subject: " AR_HELLO " {list}\n\n"
	    AR_HELLO "\n  {subject}\n", "info", AR_HELLO, AR_HELLO " info",
	    AR_HELLO "\n  " AR_HELLO "\n", NULL },
	/* Threat E1: a value never makes a header line of its own. */
	{ "CR and LF in a Subject value become spaces", "Subject: {subject}"
	    "\n\nb\n", "info", "x\r\nBcc: evil@x", "x  Bcc: evil@x", "b\n",
	    NULL },
	{ "a tab in a Subject value is a space", "Subject: {subject}\n\n",
	    "info", "a\tb", "a b", "", NULL },
	{ "controls in a Subject value go", "Subject: {subject}\n\n", "info",
	    "\x1b[2J\x07" "a\x7f" "b\xc2\x85" "c", "[2Jabc", "", NULL },
	{ "a body value keeps LF and tab, loses CR", "Subject: s\n\n"
	    "{subject}\n", "info", "a\r\nb\tc", "s", "a\nb\tc\n", NULL },
	{ "a body value loses ESC, BEL and DEL", "Subject: s\n\n{subject}\n",
	    "info", "\x1b[2J\x07" "a\x7f" "b", "s", "[2Jab\n", NULL },
	{ "a body value keeps right-to-left marks", "Subject: s\n\n"
	    "{subject}\n", "info", "\xe2\x80\x8f" "a", "s",
	    "\xe2\x80\x8f" "a\n", NULL },

	{ "a slot this template does not have", "Subject: s\n\n{confirm}\n",
	    "info", "x", NULL, NULL, ":line 3: {confirm} is not a slot of "
	    "this template (it has: " HW_SLOTS ")" },
	{ "an unknown slot in the Subject", "Subject: {bogus}\n\n", "info",
	    "x", NULL, NULL, ":line 1: {bogus} is not a slot" },
	{ "the line of a slot deep in the body", "Subject: s\n\n1\n2\n3\n"
	    "4 {nope}\n", "info", "x", NULL, NULL, ":line 6: {nope}" },
	{ "an upper-case slot", "Subject: s\n\n{List}\n", "info", "x", NULL,
	    NULL, ":line 3: a { that does not start a {slot} (write {{ for a "
	    "brace)" },
	{ "{}", "Subject: s\n\n{}\n", "info", "x", NULL, NULL,
	    "a { that does not start" },
	{ "spaces inside the braces", "Subject: s\n\n{ list }\n", "info", "x",
	    NULL, NULL, "a { that does not start" },
	{ "a brace left open", "Subject: s\n\n{list", "info", "x", NULL, NULL,
	    "a { that does not start" },
	{ "a lone {", "Subject: s\n\na { b\n", "info", "x", NULL, NULL,
	    "a { that does not start" },
	{ "a slot name over 32 letters", "Subject: s\n\n"
	    "{abcdefghijklmnopqrstuvwxyzabcdefg}\n", "info", "x", NULL, NULL,
	    "a { that does not start" },
	{ "no Subject", "\nbody\n", "info", "x", NULL, NULL,
	    ":line 1: this template needs a Subject: line" },
	{ "an empty file", "", "info", "x", NULL, NULL,
	    "this template needs a Subject: line" },
	{ "a header other than Subject", "From: x@y\nSubject: s\n\nb\n",
	    "info", "x", NULL, NULL, ":line 1: a template may set only "
	    "Subject:" },
	{ "a second header line is checked too", "Subject: s\nTo: x@y\n\n",
	    "info", "x", NULL, NULL, ":line 2: a template may set only" },
	{ "a first line without a colon", "Hello {list}\n\nb\n", "info", "x",
	    NULL, NULL, ":line 1: not a \"Name: value\" header line, and no "
	    "blank line before the body" },
	/* A file saved with CRLF has no empty line: refused at the check. */
	{ "CRLF line ends", "Subject: s\r\n\r\nbody\r\n", "info", "x", NULL,
	    NULL, ":line 2: not a \"Name: value\" header line" },
};

/* Footer: no Subject needed. */
static const struct {
	const char	*text;
	const char	*want_body;	/* NULL: refused */
} footers[] = {
	{ "\n-- \n{list}\n", "-- \ninfo\n" },
	{ "", "" },
	{ "\n", "" },
	{ "Subject: allowed\n\n{list}\n", "info\n" },
	{ "-- \n{list}\n", NULL },	/* the first line is a header line */
};

/* tmpl_check_all on a copy of en/: one change each, then undone. */
static const struct {
	const char	*desc;
	const char	*path;		/* under the templates folder */
	const char	*text;		/* NULL: remove the file */
	const char	*want;		/* NULL: passes; else in the reason */
} checks[] = {
	{ "a copy of en/ passes", NULL, NULL, NULL },
	{ "a file for people at the top is passed by", "README.md", "hi\n",
	    NULL },
	{ "a hidden file is passed by", "en/.welcome.swp", "x", NULL },
	{ "a language with one file passes", "ar/welcome",
	    "Subject: " AR_HELLO "\n\n{list}\n", NULL },
	{ "a region code passes", "pt-br/welcome", "Subject: s\n\nb\n", NULL },
	{ "an unknown slot, named by file and line", "en/welcome",
	    "Subject: Welcome to {list}\n\nHello {nmae}\n",
	    "/en/welcome:line 3: {nmae} is not a slot of this template" },
	{ "a slot of another template", "ar/goodbye", "Subject: s\n\n"
	    "{confirm_address}\n", "/ar/goodbye:line 3: {confirm_address}" },
	{ "a missing Subject", "fr/welcome", "\nBienvenue\n",
	    "/fr/welcome:line 1: this template needs a Subject: line" },
	{ "a file that is no template", "en/welcom", "Subject: s\n\nb\n",
	    "/en/welcom: not a template moot knows" },
	{ "a folder that is no language code", "english/welcome",
	    "Subject: s\n\nb\n", "/english: not a language folder" },
	{ "an upper-case folder", "EN/welcome", "Subject: s\n\nb\n",
	    "/EN: not a language folder" },
	{ "a template missing in English", "en/goodbye", NULL,
	    "/en/goodbye: missing (every template must exist in English)" },
	{ "phrases missing in English", "en/phrases", NULL,
	    "/en/phrases: " },
	{ "a phrase missing in English", "en/phrases", "[r-none]\nNone.\n",
	    "] is missing (English must have every phrase)" },
	{ "a phrase missing in Arabic is fine", "ar/phrases",
	    "[r-none]\n" AR_HELLO "\n", NULL },
	{ "a phrase twice", "ar/phrases", "[r-none]\na\n\n[r-none]\nb\n",
	    ":line 4: [r-none] is there twice" },
	{ "a phrase moot does not know", "ar/phrases", "[r-nothing]\na\n",
	    ":line 1: [r-nothing] is not a phrase moot knows" },
	{ "an unknown slot in a phrase", "ar/phrases", "[r-more]\n{count} "
	    "and {counter}\n", "{counter} is not a slot" },
	{ "text before the first phrase", "ar/phrases", "hello\n[r-none]\na\n",
	    ":line 1: text before the first [name] line" },
	{ "a broken words file", "ar/words", "approve ok\n",
	    "/ar/words:line 1: not \"key = words\"" },
	{ "NUL in a template", "en/welcome", NULL, "NUL byte" },
	/* Counted nouns: forms by number, and {slot:noun}. */
	{ "forms by number pass", "ar/phrases", "[days:two]\n" AR_HELLO
	    "\n\n[days:other]\n{n} " AR_HELLO "\n", NULL },
	{ "a counted slot in a phrase passes", "ar/phrases", "[r-more]\n"
	    "{count:lines}\n", NULL },
	{ "a form the language does not have", "fr/phrases", "[days:one]\n"
	    "{n} jour\n[days:few]\n{n}\n[days:other]\n{n} jours\n",
	    "/fr/phrases:line 3: [days:few]: fr has no form few (it has: one "
	    "many other)" },
	{ "a form CLDR does not have", "ar/phrases", "[days:several]\n{n}\n",
	    "/ar/phrases:line 1: [days:several]: several is not a plural "
	    "category" },
	{ "forms on a phrase that is not counted", "ar/phrases",
	    "[r-none:one]\nx\n", ":line 1: [r-none] has no forms by number" },
	{ "forms of a phrase moot does not know", "ar/phrases",
	    "[dayz:one]\n{n}\n", ":line 1: [dayz] is not a phrase moot knows" },
	{ "a form twice", "ar/phrases", "[days:one]\na\n[days]\nb\n"
	    "[days:one]\nc\n", ":line 5: [days:one] is there twice" },
	{ "forms, but none for other numbers", "ar/phrases", "[days:one]\n"
	    "{n}\n", "/ar/phrases: [days] has forms by number but no "
	    "[days:other]" },
	{ "a counted noun moot does not know", "en/held-reminder",
	    "Subject: {count:postz}\n\n{posts}\n", "/en/held-reminder:line 1: "
	    "[postz] is not a counted noun moot knows" },
	{ "a phrase that is not a counted noun", "en/held-reminder",
	    "Subject: s\n\n{count:r-none}\n", ":line 3: [r-none] is not a "
	    "counted noun" },
	{ "a counted slot the template does not have", "en/held-reminder",
	    "Subject: {size:posts}\n\n", ":line 1: {size} is not a slot" },
	{ "a counted noun in a counted noun", "ar/phrases", "[days]\n"
	    "{n:hours}\n", ":line 2: {n:hours}: a counted noun holds no "
	    "other" },
	{ "a counted slot with no noun", "en/held-reminder",
	    "Subject: {count:}\n\n", "a { that does not start a {slot}" },
};

static char	root[] = "/tmp/moot-tmpl-test.XXXXXX";

/* put - write len bytes of text (-1: all) to root/rel, making folders */
static void
put(const char *rel, const char *text, ssize_t len)
{
	char	 path[1024], *slash;
	FILE	*f;
	size_t	 n = len < 0 ? strlen(text) : (size_t)len;

	(void)snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (slash = path + strlen(root) + 1; (slash = strchr(slash, '/')) !=
	    NULL; slash++) {
		*slash = '\0';
		(void)mkdir(path, 0755);
		*slash = '/';
	}
	if ((f = fopen(path, "w")) == NULL || fwrite(text, 1, n, f) != n ||
	    fclose(f) == EOF) {
		printf("Bail out! cannot write %s\n", path);
		exit(1);
	}
}

/* slurp - root/rel or an absolute path into b; -1 if it is not there */
static int
slurp(const char *path, struct vbuf *b)
{
	char	 chunk[4096];
	size_t	 n;
	FILE	*f;

	vbuf_reset(b);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		vbuf_cat(b, chunk, n);
	fclose(f);
	return (0);
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return (remove(path));
}

/* rm_tree - root/rel and all below it */
static void
rm_tree(const char *rel)
{
	char	path[1024];

	(void)snprintf(path, sizeof(path), "%s/%s", root, rel);
	(void)nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void
cleanup(void)
{
	(void)nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* copy_en - the tree's en/ into root/en/ */
static void
copy_en(const char *tree)
{
	struct dirent	*de;
	struct vbuf	 b;
	char		 from[1024], rel[512];
	DIR		*d;

	(void)snprintf(from, sizeof(from), "%s/en", tree);
	if ((d = opendir(from)) == NULL) {
		printf("Bail out! cannot read %s\n", from);
		exit(1);
	}
	vbuf_init(&b, VBUF_NOMAX);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		(void)snprintf(from, sizeof(from), "%s/en/%s", tree,
		    de->d_name);
		(void)snprintf(rel, sizeof(rel), "en/%s", de->d_name);
		if (slurp(from, &b) == 0)
			put(rel, vbuf_str(&b), (ssize_t)b.len);
	}
	closedir(d);
	vbuf_release(&b);
}

/* render - tmpl_render of name for langs with list and subject set */
static int
render(const struct conf *c, const char *const *langs, const char *name,
    const char *list, const char *subject, struct tmpl_out *out,
    struct vbuf *err)
{
	struct tmpl_slot	slots[2];

	slots[0] = (struct tmpl_slot){ "list", list };
	slots[1] = (struct tmpl_slot){ "subject", subject };
	vbuf_reset(err);
	return (tmpl_render(c, langs, name, slots, nitems(slots), out, err));
}

static void
test_fills(struct conf *c)
{
	static const char *const en[] = { "en", NULL };
	struct tmpl_out	 out;
	struct vbuf	 err;
	size_t		 i;
	int		 rc;

	tmpl_out_init(&out);
	vbuf_init(&err, 4096);
	c->templates = root;
	for (i = 0; i < nitems(fills); i++) {
		put("en/held-waiting", fills[i].text, -1);
		rc = render(c, en, "held-waiting", fills[i].list,
		    fills[i].subject, &out, &err);
		if (fills[i].want_err == NULL) {
			is_int(rc, 0, "%s", fills[i].desc);
			if (rc == -1)
				diag("%s", vbuf_str(&err));
			is_str(vbuf_str(&out.subject), fills[i].want_subject,
			    "  its Subject");
			is_str(vbuf_str(&out.body), fills[i].want_body,
			    "  its body");
		} else {
			is_int(rc, -1, "%s: refused", fills[i].desc);
			has_str(vbuf_str(&err), fills[i].want_err,
			    "  says why");
			has_str(vbuf_str(&err), "/en/held-waiting:",
			    "  names the file");
		}
	}
	/* NUL cannot be in a C string of the table. */
	put("en/held-waiting", "Subject: s\n\na\0b\n", 15);
	ok(render(c, en, "held-waiting", "info", "x", &out, &err) == -1 &&
	    strstr(vbuf_str(&err), "NUL byte") != NULL, "a NUL byte in the "
	    "file is refused");
	/* Slot values lose their controls in the body as in the Subject:
	 * U+0085 NEL and U+009B CSI too (threat E1). */
	put("en/held-waiting", "Subject: s\n\n{subject}\n", -1);
	render(c, en, "held-waiting", "info", "a\xc2\x85" "b\xc2\x9b" "c"
	    "\xc2\xa0" "d", &out, &err);
	is_str(vbuf_str(&out.body), "abc\xc2\xa0" "d\n", "a body value loses "
	    "C1 controls too, and keeps U+00A0");
	/* Over 64 KiB is too large to be a template. */
	{
		struct vbuf	big;

		vbuf_init(&big, VBUF_NOMAX);
		vbuf_puts(&big, "Subject: s\n\n");
		while (big.len <= 64 * 1024)
			vbuf_puts(&big, "0123456789abcdef\n");
		put("en/held-waiting", vbuf_str(&big), (ssize_t)big.len);
		vbuf_release(&big);
		rc = render(c, en, "held-waiting", "info", "x", &out, &err);
		is_int(rc, -1, "a template over 64 KiB is refused");
		has_str(vbuf_str(&err), strerror(EFBIG), "  as too large");
	}
	for (i = 0; i < nitems(footers); i++) {
		put("en/footer", footers[i].text, -1);
		rc = render(c, en, "footer", "info", NULL, &out, &err);
		if (footers[i].want_body != NULL) {
			is_int(rc, 0, "footer case %zu", i);
			is_str(vbuf_str(&out.body), footers[i].want_body,
			    "  its body");
		} else
			ok(rc == -1 && strstr(vbuf_str(&err), "not a \"Name: "
			    "value\"") != NULL, "footer case %zu: refused", i);
	}
	tmpl_out_release(&out);
	vbuf_release(&err);
}

static void
test_fallback(struct conf *c)
{
	static const struct {
		const char	*langs[8];
		const char	*site;		/* [moot] language */
		const char	*want;		/* the language used */
	} falls[] = {
		{ { "ar", NULL }, "en", "ar" },
		{ { "fr", "ar", NULL }, "en", "ar" },	/* fr has none */
		{ { "", NULL, }, "ar", "ar" },		/* "" is skipped */
		{ { NULL }, "ar", "ar" },		/* the site's */
		{ { "fr", NULL }, "fr", "en" },		/* then en */
		{ { "../ar", NULL }, "en", "en" },	/* not a language */
		{ { "xx", "ar", NULL }, "en", "ar" },
		/* Five languages of the caller's at most. */
		{ { "aa", "ab", "ac", "ad", "ae", "ar", NULL }, "en", "en" },
		{ { "aa", "ab", "ac", "ad", "ar", NULL }, "en", "ar" },
	};
	struct tmpl_out	 out;
	struct vbuf	 err;
	size_t		 i;
	int		 rc;

	tmpl_out_init(&out);
	vbuf_init(&err, 4096);
	c->templates = root;
	put("en/held-waiting", "Subject: en\n\nen {list}\n", -1);
	put("ar/held-waiting", "Subject: " AR_HELLO "\n\n" AR_HELLO
	    " {list}\n", -1);
	for (i = 0; i < nitems(falls); i++) {
		c->language = (char *)falls[i].site;
		rc = render(c, falls[i].langs, "held-waiting", "info", NULL,
		    &out, &err);
		is_int(rc, 0, "fallback case %zu renders", i);
		is_str(out.lang, falls[i].want, "  in the language wanted");
		is_str(vbuf_str(&out.subject), strcmp(falls[i].want, "ar") ==
		    0 ? AR_HELLO : "en", "  from that file");
	}
	c->language = "en";
	rc = render(c, NULL, "held-waitin", "info", NULL, &out, &err);
	ok(rc == -1 && strcmp(vbuf_str(&err), "no template is called "
	    "held-waitin") == 0, "a name that is no template");
	rc = render(c, NULL, "welcome", "info", NULL, &out, &err);
	is_int(rc, -1, "a template in no language");
	has_str(vbuf_str(&err), "/en/welcome: no such template", "  says "
	    "so of English");
	/* A broken translation is an error, not English: the check at
	 * start keeps it from ever being read. */
	put("ar/held-waiting", "Subject: s\n\n{bogus}\n", -1);
	{
		static const char *const ar[] = { "ar", NULL };

		rc = render(c, ar, "held-waiting", "info", NULL, &out, &err);
		is_int(rc, -1, "a broken Arabic file: no rendering");
		has_str(vbuf_str(&err), "/ar/held-waiting:line 3:", "  names "
		    "the file and line");
	}
	rm_tree("ar");
	tmpl_out_release(&out);
	vbuf_release(&err);
}

static void
test_phrases(struct conf *c)
{
	static const char *const ar[] = { "ar", NULL };
	struct tmpl_slot	 count = { "count", "3" };
	struct vbuf		 out, err;
	int			 rc;

	vbuf_init(&out, VBUF_NOMAX);
	vbuf_init(&err, 4096);
	c->templates = root;
	c->language = "en";
	put("en/phrases", "# a note\n[r-none]\n\n\nNothing.\n# not text\n"
	    "More.\n\n\n[r-more]   \n{count} more\n[r-who-refused]\n"
	    "No list {count}.\n", -1);
	rc = tmpl_phrase(c, NULL, "r-none", NULL, 0, &out, &err);
	is_int(rc, 0, "a phrase");
	is_str(vbuf_str(&out), "Nothing.\nMore.", "  without notes, leading "
	    "or trailing blank lines");
	vbuf_reset(&out);
	rc = tmpl_phrase(c, NULL, "r-more", &count, 1, &out, &err);
	is_str(vbuf_str(&out), "3 more", "a phrase with a slot, its section "
	    "line with trailing blanks");
	vbuf_reset(&out);
	vbuf_puts(&out, "> help\n");
	rc = tmpl_phrase(c, NULL, "r-more", &count, 1, &out, &err);
	is_str(vbuf_str(&out), "> help\n3 more", "a phrase is appended");
	vbuf_reset(&out);
	vbuf_reset(&err);
	rc = tmpl_phrase(c, NULL, "r-who-refused", &count, 1, &out, &err);
	ok(rc == -1 && strstr(vbuf_str(&err), "{count} is not a slot") !=
	    NULL, "a slot the phrase does not have");
	is_str(vbuf_str(&out), "", "  leaves nothing behind");
	vbuf_reset(&err);
	rc = tmpl_phrase(c, NULL, "r-nothing", NULL, 0, &out, &err);
	ok(rc == -1 && strstr(vbuf_str(&err), "no phrase is called "
	    "r-nothing") != NULL, "a phrase moot does not know");
	vbuf_reset(&err);
	rc = tmpl_phrase(c, NULL, "r-lists", NULL, 0, &out, &err);
	ok(rc == -1 && strstr(vbuf_str(&err), "/en/phrases: no [r-lists]") !=
	    NULL, "a phrase missing in English too");

	put("ar/phrases", "[r-more]\n{count} " AR_HELLO "\n", -1);
	vbuf_reset(&out);
	vbuf_reset(&err);
	rc = tmpl_phrase(c, ar, "r-more", &count, 1, &out, &err);
	is_str(vbuf_str(&out), "3 " AR_HELLO, "an Arabic phrase");
	is_str(vbuf_str(&err), "", "  and no complaint");
	vbuf_reset(&out);
	rc = tmpl_phrase(c, ar, "r-none", NULL, 0, &out, &err);
	is_str(vbuf_str(&out), "Nothing.\nMore.", "missing in Arabic: "
	    "English");
	/* A broken translation: English still serves, and err says so. */
	put("ar/phrases", "[r-more]\n{count} {bogus} " AR_HELLO "\n", -1);
	vbuf_reset(&out);
	vbuf_reset(&err);
	vbuf_puts(&out, "x: ");
	rc = tmpl_phrase(c, ar, "r-more", &count, 1, &out, &err);
	is_int(rc, 0, "a broken Arabic phrase");
	is_str(vbuf_str(&out), "x: 3 more", "  gives the English one, and "
	    "nothing of the Arabic");
	has_str(vbuf_str(&err), "/ar/phrases:line 2: {bogus}", "  and names "
	    "what is wrong");
	rm_tree("ar");
	vbuf_release(&out);
	vbuf_release(&err);
}

/* {slot:noun} in a notice and a phrase, in English and Arabic */
static void
test_counted(struct conf *c)
{
	static const char *const ar[] = { "ar", NULL }, *const en[] = { "en",
	    NULL };
	static const struct {
		const char *const	*langs;
		const char		*count, *subject, *body;
	} cases[] = {
		{ en, "1", "1 post to info", "1 post, 1 post" },
		{ en, "2", "2 posts to info", "2 posts, 2 posts" },
		{ en, "0", "0 posts to info", "0 posts, 0 posts" },
		{ ar, "2", AR_HELLO " 2", "TWO" },
		/* ar has no [posts:one]: its own "other", not English */
		{ ar, "1", AR_HELLO " 1", "1 AR" },
		{ ar, "11", AR_HELLO " 11", "11 AR" },
		/* not a number: "other", and a Subject stays one line */
		{ en, "x\r\nBcc: e@x", "x Bcc: e@x posts to info",
		    "x\nBcc: e@x posts, x\nBcc: e@x posts" },
		{ en, NULL, " posts to info", " posts,  posts" },
	};
	struct tmpl_out	 out;
	struct vbuf	 err;

	tmpl_out_init(&out);
	vbuf_init(&err, 4096);
	c->templates = root;
	put("en/phrases", "[posts:one]\n{n} post\n\n[posts:other]\n{n} "
	    "posts\n[lines]\n{n} lines\n[r-more]\n{count:lines} more\n", -1);
	put("ar/phrases", "[posts:two]\nTWO\n[posts:other]\n{n} AR\n", -1);
	put("en/held-reminder", "Subject: {count:posts} to {list}\n\n"
	    "{count:posts}, {count:posts}", -1);
	put("ar/held-reminder", "Subject: " AR_HELLO " {count}\n\n"
	    "{count:posts}", -1);
	for (size_t i = 0; i < nitems(cases); i++) {
		struct tmpl_slot s[] = {
			{ "list", "info" }, { "count", cases[i].count },
		};

		vbuf_reset(&err);
		is_int(tmpl_render(c, cases[i].langs, "held-reminder", s,
		    nitems(s), &out, &err), 0, "counted case %zu renders", i);
		is_str(vbuf_str(&out.subject), cases[i].subject, "  its "
		    "Subject");
		is_str(vbuf_str(&out.body), cases[i].body, "  its body");
		is_str(vbuf_str(&err), "", "  no complaint");
	}
	{
		struct tmpl_slot	s = { "count", "1" };
		struct vbuf		p;

		vbuf_init(&p, VBUF_NOMAX);
		ok(tmpl_phrase(c, ar, "r-more", &s, 1, &p, &err) == 0 &&
		    strcmp(vbuf_str(&p), "1 lines more") == 0, "a counted slot "
		    "in a phrase; [lines] with no forms serves every number");
		vbuf_release(&p);
	}
	rm_tree("ar");
	tmpl_out_release(&out);
	vbuf_release(&err);
}

static void
test_check(struct conf *c, const char *tree)
{
	struct vbuf	 err, keep;
	char		 path[1024];
	size_t		 i;
	int		 rc, had;

	vbuf_init(&err, 4096);
	vbuf_init(&keep, VBUF_NOMAX);
	c->templates = root;
	rm_tree("en");
	copy_en(tree);
	for (i = 0; i < nitems(checks); i++) {
		had = 0;
		if (checks[i].path != NULL) {
			(void)snprintf(path, sizeof(path), "%s/%s", root,
			    checks[i].path);
			had = slurp(path, &keep) == 0;
			if (strcmp(checks[i].want != NULL ? checks[i].want :
			    "", "NUL byte") == 0) {
				vbuf_cat(&keep, "\0", 1);
				put(checks[i].path, keep.data,
				    (ssize_t)keep.len);
				keep.len--;
			} else if (checks[i].text != NULL)
				put(checks[i].path, checks[i].text, -1);
			else
				(void)remove(path);
		}
		vbuf_reset(&err);
		rc = tmpl_check_all(c, &err);
		if (checks[i].want == NULL) {
			is_int(rc, 0, "check: %s", checks[i].desc);
			if (rc == -1)
				diag("%s", vbuf_str(&err));
		} else {
			is_int(rc, -1, "check: %s", checks[i].desc);
			has_str(vbuf_str(&err), checks[i].want, "  says why");
		}
		/* Undo: put the file back, or take the new one away. */
		if (checks[i].path == NULL)
			continue;
		if (had)
			put(checks[i].path, keep.data, (ssize_t)keep.len);
		else if (strncmp(checks[i].path, "en/", 3) == 0 ||
		    strchr(checks[i].path, '/') == NULL)
			(void)remove(path);
		else {
			*strchr(path + strlen(root) + 1, '/') = '\0';
			rm_tree(path + strlen(root) + 1);
		}
	}
	vbuf_reset(&err);
	ok(tmpl_check_all(c, &err) == 0, "check: every change was undone");
	c->templates = root;
	(void)snprintf(path, sizeof(path), "%s/nowhere", root);
	c->templates = path;
	vbuf_reset(&err);
	ok(tmpl_check_all(c, &err) == -1 && strstr(vbuf_str(&err),
	    strerror(ENOENT)) != NULL, "check: no templates folder");
	vbuf_release(&err);
	vbuf_release(&keep);
}

/* test_tree - the templates moot ships */
static void
test_tree(struct conf *c, const char *tree)
{
	struct tmpl_slot slots[] = {
		{ "list", "info" },
		{ "subject", "Drop-in \xe2\x80\x93 Thursday" },
		{ "owner_address", "info-owner@lists.example.org" },
	};
	struct tmpl_out	 out;
	struct vbuf	 err, langs;
	struct dirent	*de;
	DIR		*d;
	char		 path[1024], one[16], *l, *save;
	int		 bad = 0, n = 0;

	tmpl_out_init(&out);
	vbuf_init(&err, 4096);
	vbuf_init(&langs, VBUF_NOMAX);
	c->templates = (char *)tree;
	c->language = "en";
	ok(tmpl_check_all(c, &err) == 0, "the tree's templates pass the "
	    "check");
	if (err.len)
		diag("%s", vbuf_str(&err));
	tmpl_languages(c, &langs);
	is_str(vbuf_str(&langs), "ar en fa fr pl ro ti uk", "its languages, "
	    "by name");
	ok(tmpl_has_language(c, "ar") && tmpl_has_language(c, "en"),
	    "it has ar and en");
	ok(!tmpl_has_language(c, "xx") && !tmpl_has_language(c, "../en") &&
	    !tmpl_has_language(c, "README.md") && !tmpl_has_language(c, ""),
	    "but not xx, ../en, README.md or \"\"");

	vbuf_reset(&err);
	{
		static const char *const en[] = { "en", NULL };

		ok(tmpl_render(c, en, "held-waiting", slots, nitems(slots),
		    &out, &err) == 0, "en/held-waiting renders");
	}
	is_str(vbuf_str(&out.subject), "Your post to info is waiting for a "
	    "moderator", "  its Subject");
	{
		const char	*start = "Thank you for writing to the info "
		    "list.\n\nYour post \"Drop-in \xe2\x80\x93 Thursday\" is "
		    "waiting";

		ok(strncmp(vbuf_str(&out.body), start, strlen(start)) == 0,
		    "  its body, filled");
	}
	has_str(vbuf_str(&out.body), "\nQuestions: info-owner@lists.example."
	    "org\n", "  to its last line");

	/* Every template in every language renders, from its own file. */
	save = vbuf_take(&langs, NULL);
	for (l = strtok(save, " "); l != NULL; l = strtok(NULL, " ")) {
		const char	*ll[] = { l, NULL };

		(void)snprintf(one, sizeof(one), "%s", l);
		(void)snprintf(path, sizeof(path), "%s/%s", tree, one);
		if ((d = opendir(path)) == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.' || strcmp(de->d_name,
			    "words") == 0 || strcmp(de->d_name, "phrases") == 0)
				continue;
			n++;
			vbuf_reset(&err);
			if (tmpl_render(c, ll, de->d_name, slots,
			    nitems(slots), &out, &err) == -1 ||
			    strcmp(out.lang, one) != 0) {
				diag("%s/%s: %s", one, de->d_name,
				    vbuf_str(&err));
				bad++;
			}
		}
		closedir(d);
	}
	free(save);
	ok(n > 100 && bad == 0, "%d templates of the tree render in their "
	    "own language", n);
	tmpl_out_release(&out);
	vbuf_release(&err);
	vbuf_release(&langs);
}

int
main(void)
{
	const char	*src = getenv("MOOT_SRCDIR");
	struct conf	 c;
	char		 tree[512];

	if (mkdtemp(root) == NULL)
		return (1);
	atexit(cleanup);
	(void)snprintf(tree, sizeof(tree), "%s/templates",
	    src != NULL ? src : "..");
	memset(&c, 0, sizeof(c));
	c.language = "en";
	c.domain = "lists.example.org";

	test_tree(&c, tree);
	test_fills(&c);
	test_fallback(&c);
	test_phrases(&c);
	test_counted(&c);
	test_check(&c, tree);
	return (done_testing());
}
