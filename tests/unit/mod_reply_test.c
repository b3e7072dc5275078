/* mod_reply_test - reading a moderator's decision (threat B5) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "global/conf.h"
#include "list/mod_reply.h"
#include "mail/mail.h"
#include "mail/text_part.h"
#include "util/vbuf.h"
#include "global/words.h"
#include "../tap.h"
#include "testlib.h"

#define PLAIN "From: mod@one.example\nSubject: Re: [info] held post\n" \
	"Content-Type: text/plain; charset=utf-8\n\n"

static const struct {
	const char	*desc;
	const char	*msg;
	const char	*lang;
	enum decision	 want;
	const char	*reason;
} cases[] = {
	{ "approve", PLAIN "approve\n", NULL, DECISION_APPROVE, NULL },
	{ "Approved! with punctuation", PLAIN "Approved!\n", NULL,
	    DECISION_APPROVE, NULL },
	{ "OK", PLAIN "OK\n", NULL, DECISION_APPROVE, NULL },
	{ "+1", PLAIN "+1\n", NULL, DECISION_APPROVE, NULL },
	{ "yes, with more words", PLAIN "yes please, thanks\n", NULL,
	    DECISION_APPROVE, NULL },
	{ "after blank lines and spaces", PLAIN "\n\n   Approve   \n", NULL,
	    DECISION_APPROVE, NULL },
	{ "reject: reason on the line", PLAIN "reject: off topic\n", NULL,
	    DECISION_REJECT, "off topic" },
	{ "Reject - reason", PLAIN "Reject - not for this list\n", NULL,
	    DECISION_REJECT, "not for this list" },
	{ "reject, reason on the lines after", PLAIN "reject\nThis is off "
	    "topic.\nPlease use the ops list.\n\n> quoted\n", NULL,
	    DECISION_REJECT, "This is off topic. Please use the ops list." },
	{ "no", PLAIN "No\n", NULL, DECISION_REJECT, "" },
	{ "discard", PLAIN "discard\n", NULL, DECISION_DISCARD, NULL },
	{ "approve only inside a quote", PLAIN "> approve\n> more\n", NULL,
	    DECISION_NONE, NULL },
	{ "answer below the quote", PLAIN "> Held for moderation\n> stuff\n"
	    "\napprove\n", NULL, DECISION_APPROVE, NULL },
	{ "an attribution line before the quote", PLAIN "On Mon, 23 Nov "
	    "2026, moot wrote:\n> approve?\n\ndiscard\n", NULL,
	    DECISION_DISCARD, NULL },
	{ "a signature first", PLAIN "-- \napprove\n", NULL, DECISION_NONE,
	    NULL },
	{ "an unknown word", PLAIN "maybe later\n", NULL, DECISION_NONE,
	    NULL },
	{ "garbage", PLAIN "\x01\x02 zzz \xff\xfe\n", NULL, DECISION_NONE,
	    NULL },
	{ "a vacation reply with the token", "From: mod@one.example\n"
	    "Auto-Submitted: auto-replied\nSubject: Out of office\n\napprove\n",
	    NULL, DECISION_NONE, NULL },
	{ "an empty body: the Subject", "From: mod@one.example\nSubject: "
	    "Re: approve\n\n", NULL, DECISION_APPROVE, NULL },
	{ "HTML only: Reject with a reason", "From: mod@one.example\n"
	    "Subject: Re: held\nContent-Type: text/html; charset=utf-8\n\n"
	    "<html><body><div>Reject: off topic</div><blockquote>approve"
	    "</blockquote></body></html>\n", NULL, DECISION_REJECT,
	    "off topic" },
	{ "HTML with the answer below a quote", "From: mod@one.example\n"
	    "Subject: Re: held\nContent-Type: text/html\n\n<blockquote>"
	    "<p>reject</p></blockquote><p>approve&nbsp;</p>\n", NULL,
	    DECISION_APPROVE, NULL },
	{ "multipart/alternative: the plain part", "From: mod@one.example\n"
	    "Subject: Re: held\nContent-Type: multipart/alternative; "
	    "boundary=b\n\n--b\nContent-Type: text/plain\n\ndiscard\n--b\n"
	    "Content-Type: text/html\n\n<p>approve</p>\n--b--\n", NULL,
	    DECISION_DISCARD, NULL },
	{ "quoted-printable", "From: mod@one.example\nSubject: x\n"
	    "Content-Type: text/plain; charset=utf-8\n"
	    "Content-Transfer-Encoding: quoted-printable\n\nreject: c=C3=A9=\n"
	    "la ne va pas\n", NULL, DECISION_REJECT, "c\xc3\xa9la ne va pas" },
	{ "Arabic, from an Arabic speaker", PLAIN
	    "\xd9\x85\xd9\x88\xd8\xa7\xd9\x81\xd9\x82\n", "ar", DECISION_APPROVE,
	    NULL },
	{ "Arabic reject with a reason", PLAIN "\xd8\xb1\xd9\x81\xd8\xb6: "
	    "\xd8\xae\xd8\xa7\xd8\xb1\xd8\xac \xd8\xa7\xd9\x84\xd9\x85\xd9\x88"
	    "\xd8\xb6\xd9\x88\xd8\xb9\n", "ar", DECISION_REJECT,
	    "\xd8\xae\xd8\xa7\xd8\xb1\xd8\xac \xd8\xa7\xd9\x84\xd9\x85\xd9\x88"
	    "\xd8\xb6\xd9\x88\xd8\xb9" },
	{ "English from an Arabic speaker", PLAIN "approve\n", "ar",
	    DECISION_APPROVE, NULL },
	{ "Ukrainian in capitals", PLAIN "\xd0\xa1\xd0\xa5\xd0\x92\xd0\x90\xd0"
	    "\x9b\xd0\x98\xd0\xa2\xd0\x98\n", "uk", DECISION_APPROVE, NULL },
	{ "Arabic with an Arabic question mark", PLAIN
	    "\xd9\x85\xd9\x88\xd8\xa7\xd9\x81\xd9\x82\xd8\x9f\n", "ar",
	    DECISION_APPROVE, NULL },
	{ "Arabic reject, an Arabic comma, a reason", PLAIN
	    "\xd8\xb1\xd9\x81\xd8\xb6\xd8\x8c \xd8\xae\xd8\xa7\xd8\xb1"
	    "\xd8\xac\n", "ar", DECISION_REJECT, "\xd8\xae\xd8\xa7\xd8\xb1"
	    "\xd8\xac" },
	{ "Ukrainian approve with a full stop", PLAIN "\xd1\x81\xd1\x85\xd0"
	    "\xb2\xd0\xb0\xd0\xbb\xd0\xb8\xd1\x82\xd0\xb8.\n", "uk",
	    DECISION_APPROVE, NULL },
	{ "Arabic words from an English speaker", PLAIN
	    "\xd9\x85\xd9\x88\xd8\xa7\xd9\x81\xd9\x82\n", "en", DECISION_NONE,
	    NULL },
};

/* copy_words - the tree's English words file into DIR/en/ */
static int
copy_words(const char *srcdir, const char *dir)
{
	char	 from[512], to[512], buf[4096];
	FILE	*in, *out;
	size_t	 n;
	int	 rc = 0;

	(void)snprintf(from, sizeof(from), "%s/templates/en/words", srcdir);
	(void)snprintf(to, sizeof(to), "%s/en/words", dir);
	if ((in = fopen(from, "r")) == NULL)
		return (-1);
	if ((out = fopen(to, "w")) == NULL) {
		fclose(in);
		return (-1);
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (ferror(in))
		rc = -1;
	fclose(in);
	if (fclose(out) != 0)
		rc = -1;
	return (rc);
}

/* remove_tree - the files this test made, then their folders */
static void
remove_tree(const char *dir)
{
	static const char *const made[] = { "en/words", "ar/words",
	    "uk/words", "en", "ar", "uk", "" };
	char	 path[512];

	for (size_t i = 0; i < sizeof(made) / sizeof(made[0]); i++) {
		(void)snprintf(path, sizeof(path), "%s/%s", dir, made[i]);
		(void)remove(path);
	}
}

/* expand - \u{XXXX} in s into UTF-8, appended to out */
static void
expand(const char *s, struct vbuf *out)
{
	while (*s != '\0') {
		unsigned long	 c;
		char		*end;

		if (strncmp(s, "\\u{", 3) != 0 || (c = strtoul(s + 3, &end,
		    16)) == 0 || *end != '}') {
			vbuf_putc(out, *s++);
			continue;
		}
		if (c < 0x800) {
			vbuf_putc(out, 0xc0 | (int)(c >> 6));
			vbuf_putc(out, 0x80 | (int)(c & 0x3f));
		} else {
			vbuf_putc(out, 0xe0 | (int)(c >> 12));
			vbuf_putc(out, 0x80 | (int)((c >> 6) & 0x3f));
			vbuf_putc(out, 0x80 | (int)(c & 0x3f));
		}
		s = end + 1;
	}
}

struct tcase {
	char		 desc[200], lang[8], want[16], reason[600];
	int		 has_reason;
	struct vbuf	 hdr, body;
};

/* run_case - read the case's message and check its decision */
static void
run_case(const struct conf *c, struct tcase *t)
{
	struct vbuf		 msg, canon, why;
	struct mail		 m;
	struct decision_read	 d;
	const char		*h = vbuf_str(&t->hdr);

	vbuf_init(&msg, VBUF_NOMAX);
	vbuf_init(&canon, VBUF_NOMAX);
	vbuf_init(&why, 1024);
	vbuf_puts(&msg, "From: \"Alice Martin\" <alice@mods.example>\n");
	if (strstr(h, "Subject:") == NULL)
		vbuf_puts(&msg, "Subject: Re: Waiting for you: hello (to "
		    "info)\n");
	if (strstr(h, "Content-Type:") == NULL)
		vbuf_puts(&msg, "Content-Type: text/plain; charset=utf-8\n");
	vbuf_printf(&msg, "%s\n%s", h, vbuf_str(&t->body));
	mail_canon(&canon, vbuf_str(&msg), msg.len);
	if (mail_parse(&m, canon.data, canon.len, &c->lim, &why) == -1)
		ok(0, "%s: parses (%s)", t->desc, vbuf_str(&why));
	else if (strcmp(t->want, "confirm") == 0 ||
	    strcmp(t->want, "decline") == 0) {
		is_str(mod_reply_declines(c, &m) ? "decline" : "confirm",
		    t->want, "confirmation: %s", t->desc);
		mail_free(&m);
	} else {
		mod_reply_read(c, &m, strcmp(t->lang, "-") == 0 ? NULL :
		    t->lang, &d);
		is_str(mod_reply_name(d.d), strcmp(t->want, "none") == 0 ?
		    "none" : t->want, "%s: %s", t->lang, t->desc);
		if (t->has_reason)
			is_str(d.reason, t->reason, "  its reason");
		mail_free(&m);
	}
	vbuf_release(&msg);
	vbuf_release(&canon);
	vbuf_release(&why);
}

/* table - every case of tests/data/replies/<name> */
static void
table(const struct conf *c, const char *src, const char *name)
{
	struct tcase	 t;
	char		 path[512], line[2048];
	FILE		*f;
	int		 open = 0;

	(void)snprintf(path, sizeof(path), "%s/tests/data/replies/%s", src,
	    name);
	if ((f = fopen(path, "r")) == NULL) {
		ok(0, "cannot open %s", path);
		return;
	}
	vbuf_init(&t.hdr, VBUF_NOMAX);
	vbuf_init(&t.body, VBUF_NOMAX);
	for (;;) {
		int	eof = fgets(line, sizeof(line), f) == NULL;

		if (eof || strncmp(line, "=== ", 4) == 0) {
			if (open && (eof || strncmp(line, "=== reason:", 11)))
				run_case(c, &t);
			if (eof)
				break;
		}
		if (line[0] == '#')
			continue;
		if (strncmp(line, "=== reason:", 11) == 0) {
			(void)snprintf(t.reason, sizeof(t.reason), "%s",
			    line + 11 + (line[11] == ' '));
			t.reason[strcspn(t.reason, "\n")] = '\0';
			t.has_reason = 1;
		} else if (strncmp(line, "=== ", 4) == 0) {
			char	*bar = strstr(line, " | ");

			open = 1;
			t.has_reason = 0;
			vbuf_reset(&t.hdr);
			vbuf_reset(&t.body);
			if (bar == NULL || sscanf(line, "=== %15s %7s",
			    t.want, t.lang) != 2) {
				ok(0, "a malformed case: %s", line);
				open = 0;
				continue;
			}
			(void)snprintf(t.desc, sizeof(t.desc), "%s", bar + 3);
			t.desc[strcspn(t.desc, "\n")] = '\0';
		} else if (open && strncmp(line, "+H ", 3) == 0)
			vbuf_puts(&t.hdr, line + 3);
		else if (open)
			expand(line, &t.body);
	}
	fclose(f);
	vbuf_release(&t.hdr);
	vbuf_release(&t.body);
}

int
main(void)
{
	char		 dir[] = "/tmp/moot-decide-test.XXXXXX", path[512];
	char		 tdir[512];
	const char	*src = getenv("MOOT_SRCDIR");
	struct conf	 c;
	struct vbuf	 canon, why, text;
	struct mail	 m;
	struct decision_read d;
	FILE		*f;

	if (mkdtemp(dir) == NULL)
		return (1);
	/* The tree's words files, and a folder of our own with a copy of
	 * the English one for words_check. */
	if (src == NULL)
		src = "..";
	memset(&c, 0, sizeof(c));
	test_limits(&c.lim);
	(void)snprintf(tdir, sizeof(tdir), "%s/templates", src);
	c.templates = tdir;
	c.domain = "lists.example";
	(void)snprintf(path, sizeof(path), "%s/en", dir);
	mkdir(path, 0755);
	if (copy_words(src, dir) == -1)
		return (1);

	vbuf_init(&canon, VBUF_NOMAX);
	vbuf_init(&why, 1024);
	vbuf_init(&text, VBUF_NOMAX);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mail_canon(&canon, cases[i].msg, strlen(cases[i].msg));
		vbuf_reset(&why);
		if (mail_parse(&m, canon.data, canon.len, &c.lim, &why) == -1) {
			ok(0, "%s: parses (%s)", cases[i].desc, vbuf_str(&why));
			continue;
		}
		mod_reply_read(&c, &m, cases[i].lang, &d);
		is_str(mod_reply_name(d.d), mod_reply_name(cases[i].want), "%s",
		    cases[i].desc);
		if (cases[i].reason != NULL)
			is_str(d.reason, cases[i].reason, "  its reason");
		if (cases[i].want == DECISION_NONE)
			ok(d.why[0] != '\0', "  and why not (%s)", d.why);
		mail_free(&m);
	}
	table(&c, src, "moderation.txt");
	table(&c, src, "confirm.txt");

	/* The HTML reader leaves quotes out and reads entities. */
	text_part_html("<p>a &amp; b</p><blockquote>no</blockquote><br>c",
	    48, 1000, &text);
	is_str(vbuf_str(&text), "\na & b\n\n\nc", "HTML to text");

	(void)snprintf(path, sizeof(path), "%s/en/words", dir);
	vbuf_reset(&why);
	ok(words_check(path, &why) == 0, "the English words file is well "
	    "formed");
	f = fopen(path, "a");
	fputs("maybe = perhaps\n", f);
	fclose(f);
	vbuf_reset(&why);
	ok(words_check(path, &why) == -1 && strstr(vbuf_str(&why),
	    "\"maybe\" is not a key") != NULL, "an unknown key is refused");
	remove_tree(dir);
	vbuf_release(&canon);
	vbuf_release(&why);
	vbuf_release(&text);
	return (done_testing());
}
