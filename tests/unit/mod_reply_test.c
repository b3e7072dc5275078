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

int
main(void)
{
	char		 dir[] = "/tmp/moot-decide-test.XXXXXX", path[512];
	const char	*src = getenv("MOOT_SRCDIR");
	struct conf	 c;
	struct vbuf	 canon, why, text;
	struct mail	 m;
	struct decision_read d;
	FILE		*f;

	if (mkdtemp(dir) == NULL)
		return (1);
	/* A templates folder with English from the tree and two words
	 * files of our own. */
	memset(&c, 0, sizeof(c));
	test_limits(&c.lim);
	c.templates = dir;
	(void)snprintf(path, sizeof(path), "%s/en", dir);
	mkdir(path, 0755);
	if (copy_words(src != NULL ? src : "..", dir) == -1)
		return (1);
	(void)snprintf(path, sizeof(path), "%s/ar", dir);
	mkdir(path, 0755);
	(void)snprintf(path, sizeof(path), "%s/ar/words", dir);
	f = fopen(path, "w");
	fputs("approve = \xd9\x85\xd9\x88\xd8\xa7\xd9\x81\xd9\x82\nreject = "
	    "\xd8\xb1\xd9\x81\xd8\xb6\n", f);
	fclose(f);
	(void)snprintf(path, sizeof(path), "%s/uk", dir);
	mkdir(path, 0755);
	(void)snprintf(path, sizeof(path), "%s/uk/words", dir);
	f = fopen(path, "w");
	fputs("approve = \xd1\x81\xd1\x85\xd0\xb2\xd0\xb0\xd0\xbb\xd0\xb8\xd1"
	    "\x82\xd0\xb8\n", f);
	fclose(f);

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
