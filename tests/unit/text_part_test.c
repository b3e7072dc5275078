/* text_part_test - the text of a message, as a person would read it */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "global/conf.h"
#include "mail/mail.h"
#include "mail/text_part.h"
#include "util/vbuf.h"
#include "../tap.h"
#include "testlib.h"
#include "util/sys_defs.h"

#define PLAIN8	"Content-Type: text/plain; charset=utf-8\n" \
		"Content-Transfer-Encoding: 8bit\n"
#define MIXED	"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n"
#define ALT	"MIME-Version: 1.0\n" \
		"Content-Type: multipart/alternative; boundary=b\n"
#define AR_HELLO "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7"	/* مرحبا */

static const struct {
	const char		*desc;
	const char		*headers;	/* after From: and Subject: */
	const char		*body;
	size_t			 max;		/* 0: 65536 */
	enum text_part_from	 from;
	const char		*want;
} cases[] = {
	{ "no Content-Type: plain text", "", "hello\n", 0, TEXT_PART_PLAIN,
	    "hello\n" },
	{ "an empty body", "", "", 0, TEXT_PART_PLAIN, "" },
	{ "CRLF becomes LF", "", "a\r\nb\r\n", 0, TEXT_PART_PLAIN, "a\nb\n" },
	{ "long lines are kept whole", "", "0123456789012345678901234567890123"
	    "4567890123456789012345678901234567890123456789012345678901234567"
	    "89\n", 0, TEXT_PART_PLAIN, "0123456789012345678901234567890123"
	    "4567890123456789012345678901234567890123456789012345678901234567"
	    "89\n" },
	{ "UTF-8, 8bit, right to left", PLAIN8, AR_HELLO "\n", 0,
	    TEXT_PART_PLAIN, AR_HELLO "\n" },
	{ "quoted-printable UTF-8", "Content-Type: text/plain; charset=utf-8\n"
	    "Content-Transfer-Encoding: quoted-printable\n", "caf=C3=A9 =\n"
	    "cr=C3=A8me=20\n", 0, TEXT_PART_PLAIN,
	    "caf\xc3\xa9 cr\xc3\xa8me \n" },
	{ "base64 with a bare CR inside", "Content-Type: text/plain\n"
	    "Content-Transfer-Encoding: base64\n", "YQ1iDQpj\n", 0,
	    TEXT_PART_PLAIN, "a\nb\nc" },
	{ "Latin-1 to UTF-8", "Content-Type: text/plain; charset=iso-8859-1\n"
	    "Content-Transfer-Encoding: 8bit\n", "caf\xe9 se\xf1or\n", 0,
	    TEXT_PART_PLAIN, "caf\xc3\xa9 se\xc3\xb1or\n" },
	{ "Latin-1, quoted-printable", "Content-Type: text/plain; "
	    "charset=ISO-8859-1\nContent-Transfer-Encoding: quoted-printable\n",
	    "J=FCrgen\n", 0, TEXT_PART_PLAIN, "J\xc3\xbcrgen\n" },
	{ "windows-1252 quotes", "Content-Type: text/plain; "
	    "charset=windows-1252\n", "\x93quoted\x94\n", 0, TEXT_PART_PLAIN,
	    "\xe2\x80\x9cquoted\xe2\x80\x9d\n" },
	{ "KOI8-U Ukrainian", "Content-Type: text/plain; charset=koi8-u\n",
	    "\xf0\xd2\xc9\xd7\xa6\xd4\n", 0, TEXT_PART_PLAIN,
	    "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd1\x96\xd1\x82\n" },
	{ "an unknown charset: the bytes as they are", "Content-Type: "
	    "text/plain; charset=x-no-such\n", "abc\xff\n", 0, TEXT_PART_PLAIN,
	    "abc\xff\n" },
	{ "cut to max", "", "abcdef\n", 3, TEXT_PART_PLAIN, "abc" },
	{ "cut to max at a character boundary", PLAIN8,
	    "\xc3\xa9\xc3\xa9\xc3\xa9\n", 5, TEXT_PART_PLAIN,
	    "\xc3\xa9\xc3\xa9" },
	{ "cut inside a three-byte character", PLAIN8,
	    "a\xe2\x80\x9c" "b\n", 3, TEXT_PART_PLAIN, "a" },
	{ "cut inside Arabic", PLAIN8, AR_HELLO, 5, TEXT_PART_PLAIN,
	    "\xd9\x85\xd8\xb1" },
	{ "a limit of one byte", "", "abc\n", 1, TEXT_PART_PLAIN, "a" },

	{ "alternative: the plain part", ALT, "--b\nContent-Type: text/plain\n"
	    "\nplain\n--b\nContent-Type: text/html\n\n<p>html</p>\n--b--\n", 0,
	    TEXT_PART_PLAIN, "plain" },
	{ "alternative, HTML first: still the plain part", ALT,
	    "--b\nContent-Type: text/html\n\n<p>html</p>\n--b\n"
	    "Content-Type: text/plain\n\nplain\n--b--\n", 0, TEXT_PART_PLAIN,
	    "plain" },
	{ "HTML only", "Content-Type: text/html; charset=utf-8\n",
	    "<p>a &amp; b</p><blockquote>approve</blockquote>c&nbsp;d\n", 0,
	    TEXT_PART_HTML, "\na & b\nc d\n" },
	{ "HTML in Latin-1", "Content-Type: text/html; charset=iso-8859-1\n",
	    "<p>caf\xe9</p>\n", 0, TEXT_PART_HTML, "\ncaf\xc3\xa9\n\n" },
	{ "HTML, quoted-printable", "Content-Type: text/html; charset=utf-8\n"
	    "Content-Transfer-Encoding: quoted-printable\n",
	    "<div dir=3D\"rtl\">=D9=85=D8=B1=D8=AD=D8=A8=D8=A7</div>\n", 0,
	    TEXT_PART_HTML, "\n" AR_HELLO "\n\n" },
	{ "mixed: an attached text is not the text", MIXED,
	    "--b\nContent-Type: text/plain\nContent-Disposition: attachment; "
	    "filename=a.txt\n\nattached\n--b\nContent-Type: text/plain\n\n"
	    "mine\n--b--\n", 0, TEXT_PART_PLAIN, "mine" },
	{ "mixed: only an attached text", MIXED, "--b\nContent-Type: "
	    "text/plain\nContent-Disposition: attachment\n\nattached\n--b--\n",
	    0, TEXT_PART_NONE, "" },
	{ "mixed: an inline disposition is text", MIXED, "--b\n"
	    "Content-Type: text/plain\nContent-Disposition: inline\n\n"
	    "inline\n--b--\n", 0, TEXT_PART_PLAIN, "inline" },
	{ "an image only", "Content-Type: image/png\n"
	    "Content-Transfer-Encoding: base64\n", "iVBORw0KGgo=\n", 0,
	    TEXT_PART_NONE, "" },
	{ "mixed: an image, then text", MIXED, "--b\nContent-Type: image/png\n"
	    "\nxx\n--b\nContent-Type: text/plain\n\ntext\n--b--\n", 0,
	    TEXT_PART_PLAIN, "text" },
	{ "a text/enriched part is not read", "Content-Type: text/enriched\n",
	    "<bold>x</bold>\n", 0, TEXT_PART_NONE, "" },
	{ "an attached message is someone else's text", MIXED, "--b\n"
	    "Content-Type: message/rfc822\n\nFrom: x@two.example\nSubject: y"
	    "\n\napprove\n--b--\n", 0, TEXT_PART_NONE, "" },
	{ "text, then an attached message", MIXED, "--b\nContent-Type: "
	    "text/plain\n\nreject\n--b\nContent-Type: message/rfc822\n\n"
	    "From: x@two.example\n\napprove\n--b--\n", 0, TEXT_PART_PLAIN,
	    "reject" },
	{ "a message that is a message: its text", "Content-Type: "
	    "message/rfc822\n", "From: x@two.example\nSubject: y\n\ninner\n", 0,
	    TEXT_PART_PLAIN, "inner\n" },
	{ "nested multiparts", MIXED, "--b\nContent-Type: multipart/"
	    "alternative; boundary=c\n\n--c\nContent-Type: text/html\n\n"
	    "<p>h</p>\n--c\nContent-Type: text/plain\n\ndeep\n--c--\n--b--\n",
	    0, TEXT_PART_PLAIN, "deep" },
};

/* text_part_html on its own: blocks, quotes, entities and what is not
 * text. */
static const struct {
	const char	*html;
	int		 rc;
	const char	*want;
} htmls[] = {
	{ "<p>a &amp; b</p>", 0, "\na & b\n" },
	{ "plain text", 0, "\nplain text\n" },
	{ "<blockquote>x</blockquote>y", 0, "y" },
	{ "<BLOCKQUOTE>q</BLOCKQUOTE>r", 0, "r" },
	{ "<p>a</p><blockquote><p>q</p><blockquote>qq</blockquote>"
	    "</blockquote><p>b</p>", 0, "\na\n\nb\n" },
	{ "<script>alert(1)</script>ok", 0, "\nok\n" },
	{ "<style>p{}</style><p>ok</p>", 0, "\nok\n" },
	{ "<head><title>x</title></head><body>y</body>", 0, "y" },
	{ "<!-- approve --><p>x</p>", 0, "\nx\n" },
	{ "a&nbsp;b", 0, "\na b\n" },
	{ "a<br>b", 0, "\na\n\nb\n" },
	{ "<ul><li>one</li><li>two</li></ul>", 0, "\n\none\n\ntwo\n\n" },
	{ "<pre>a\n  b</pre>", 0, "\na\n  b\n" },
	{ "<p>unclosed <b>bold", 0, "\nunclosed bold\n" },
	{ "&#1605;&eacute;", 0, "\n\xd9\x85\xc3\xa9\n" },
	{ "&lt;script&gt;", 0, "\n<script>\n" },
	{ "<div dir=\"rtl\">" AR_HELLO "</div>", 0, "\n" AR_HELLO "\n" },
	/* Table cells are not blocks: their words run together. */
	{ "<table><tr><td>a</td><td>b</td></tr></table>", 0, "\n\nab\n\n" },
	{ "", -1, "" },
};

/* A held post's text as a moderator is shown it, and as read. */
#define HTML	"Content-Type: text/html; charset=utf-8\n"
static const struct {
	const char	*desc;
	const char	*headers;
	const char	*body;
	const char	*want;		/* text_part_show */
	const char	*get;		/* text_part_get */
} shows[] = {
	{ "a link whose text is another site: its target after it", HTML,
	    "Log in: <a href=\"https://evil.example/l\">https://bank.example"
	    "/</a>\n", "\nLog in: https://bank.example/ "
	    "<https://evil.example/l>\n\n",
	    "\nLog in: https://bank.example/\n\n" },
	{ "a link whose text is its target: once", HTML,
	    "<a href=\"https://x.example/\">x.example</a>\n",
	    "x.example\n", "x.example\n" },
	{ "words over a link", HTML,
	    "<p><a href=\"https://x.example/n\">the <b>notes</b></a></p>\n",
	    "\nthe notes <https://x.example/n>\n\n", "\nthe notes\n\n" },
	{ "an override in the text or the target is shown", HTML,
	    "<a href=\"https://x.example/\xe2\x80\xae\">a\xe2\x80\xae"
	    "b</a>\n", "a\\u{202E}b <https://x.example/\\u{202E}>\n",
	    "a\xe2\x80\xae" "b\n" },
	{ "plain text: URLs as they are", "",
	    "see https://x.example/ now\n", "see https://x.example/ now\n",
	    "see https://x.example/ now\n" },
};

/* Real messages: where the text comes from, and how it starts. */
static const struct {
	const char		*file;
	enum text_part_from	 from;
	const char		*start;
} files[] = {
	{ "real/alternative.eml", TEXT_PART_PLAIN, "Hi everyone,\n\nFrom "
	    "Monday 4 December the winter timetable starts. Drop-in sessions "
	    "move to the caf\xc3\xa9 room" },
	{ "real/latin1.eml", TEXT_PART_PLAIN, "Hi all,\n\nNotes from Friday's "
	    "legal clinic, for the volunteers who were not there.\n\n- "
	    "Jos\xc3\xa9 Mu\xc3\xb1oz" },
	{ "real/chinese-subject.eml", TEXT_PART_PLAIN, "\xe5\xa4\xa7\xe5\xae"
	    "\xb6\xe5\xa5\xbd\xef\xbc\x8c\n\n" },
	{ "real/arabic-subject.eml", TEXT_PART_PLAIN, "\xd9\x85\xd8\xb1\xd8\xad"
	    "\xd8\xa8\xd8\xa7\xd9\x8b \xd8\xa8\xd8\xa7\xd9\x84\xd8\xac\xd9\x85"
	    "\xd9\x8a\xd8\xb9\xd8\x8c\n\n" },
	{ "real/forwarded.eml", TEXT_PART_PLAIN, "Forwarding Priya's referral "
	    "(attached)" },
	{ "real/attachments.eml", TEXT_PART_PLAIN, "Hi all,\n\nAttached are "
	    "the legal clinic rota" },
	{ "real/signed.eml", TEXT_PART_PLAIN, "Hi all,\n\nStarting on 1 "
	    "December the legal clinic changes how it takes new cases:\n\n1. "
	    "Everyone is first seen at a drop-in session (Tuesday or Thursday,"
	    "\n   10:00\xe2\x80\x93" },
	{ "real/crlf.eml", TEXT_PART_PLAIN, "Hi all,\n\n" },
	{ "hostile/garbage.eml", TEXT_PART_NONE, "" },
};

/* utf8_valid - every byte of s (n bytes) is part of a UTF-8 character */
static int
utf8_valid(const unsigned char *s, size_t n)
{
	size_t	i = 0, k, j;

	while (i < n) {
		if (s[i] < 0x80)
			k = 1;
		else if (s[i] >= 0xc2 && s[i] <= 0xdf)
			k = 2;
		else if (s[i] >= 0xe0 && s[i] <= 0xef)
			k = 3;
		else if (s[i] >= 0xf0 && s[i] <= 0xf4)
			k = 4;
		else
			return (0);
		if (i + k > n)
			return (0);
		for (j = 1; j < k; j++)
			if ((s[i + j] & 0xc0) != 0x80)
				return (0);
		i += k;
	}
	return (1);
}

int
main(void)
{
	static const char *const fromname[] = { "none", "plain", "html" };
	struct limits	 lim;
	struct vbuf	 raw, canon, why, out;
	struct mail	 m;
	size_t		 i, bad;

	test_limits(&lim);
	vbuf_init(&raw, VBUF_NOMAX);
	vbuf_init(&canon, VBUF_NOMAX);
	vbuf_init(&why, 1024);
	vbuf_init(&out, VBUF_NOMAX);

	for (i = 0; i < nitems(cases); i++) {
		enum text_part_from	from;

		vbuf_reset(&raw);
		vbuf_printf(&raw, "From: a@one.example\nSubject: t\n%s\n%s",
		    cases[i].headers, cases[i].body);
		mail_canon(&canon, raw.data, raw.len);
		vbuf_reset(&why);
		if (mail_parse(&m, canon.data, canon.len, &lim, &why) == -1) {
			ok(0, "%s: parses (%s)", cases[i].desc, vbuf_str(&why));
			mail_free(&m);
			continue;
		}
		from = text_part_get(&m, cases[i].max ? cases[i].max : 65536,
		    &out);
		is_str(fromname[from], fromname[cases[i].from], "%s",
		    cases[i].desc);
		/* A part's text ends before the CRLF of its delimiter. */
		is_str(vbuf_str(&out), cases[i].want, "  its text");
		mail_free(&m);
	}

	for (i = 0; i < nitems(htmls); i++) {
		int	rc;

		rc = text_part_html(htmls[i].html, strlen(htmls[i].html), 1000,
		    &out);
		is_int(rc, htmls[i].rc, "HTML case %zu: %s", i, htmls[i].html);
		is_str(vbuf_str(&out), htmls[i].want, "  its text");
	}
	text_part_html("<p>abcdef</p>", 13, 3, &out);
	is_str(vbuf_str(&out), "\nab", "HTML cut to max");
	text_part_html("<p>abc</p>", 6, 1000, &out);
	is_str(vbuf_str(&out), "\nabc\n", "only len bytes of the HTML are "
	    "read");

	/* text_part_show: each link's target after its text, for a person
	 * deciding; text_part_get leaves the HTML's text alone. */
	for (i = 0; i < nitems(shows); i++) {
		vbuf_reset(&raw);
		vbuf_printf(&raw, "From: a@one.example\nSubject: t\n%s\n%s",
		    shows[i].headers, shows[i].body);
		mail_canon(&canon, raw.data, raw.len);
		vbuf_reset(&why);
		if (mail_parse(&m, canon.data, canon.len, &lim, &why) == -1) {
			ok(0, "%s: parses", shows[i].desc);
			mail_free(&m);
			continue;
		}
		(void)text_part_show(&m, 65536, &out);
		is_str(vbuf_str(&out), shows[i].want, "show: %s",
		    shows[i].desc);
		(void)text_part_get(&m, 65536, &out);
		is_str(vbuf_str(&out), shows[i].get, "  get: the text alone");
		mail_free(&m);
	}

	for (i = 0; i < nitems(files); i++) {
		enum text_part_from	from;

		fixture(&raw, files[i].file);
		mail_canon(&canon, raw.data, raw.len);
		vbuf_reset(&why);
		if (mail_parse(&m, canon.data, canon.len, &lim, &why) == -1) {
			/* mail_parse refuses it: so does everything after */
			is_int(files[i].from, TEXT_PART_NONE, "%s is refused "
			    "before its text is read (%s)", files[i].file,
			    vbuf_str(&why));
			mail_free(&m);
			continue;
		}
		from = text_part_get(&m, 65536, &out);
		is_str(fromname[from], fromname[files[i].from], "%s",
		    files[i].file);
		ok(strncmp(vbuf_str(&out), files[i].start,
		    strlen(files[i].start)) == 0, "  starts as it should");
		ok(strchr(vbuf_str(&out), '\r') == NULL, "  no CR is left");
		ok(utf8_valid((const unsigned char *)out.data, out.len),
		    "  it is UTF-8");
		/* However small the limit, the cut is between characters. */
		bad = 0;
		for (size_t max = 1; bad == 0 && max < 64; max++) {
			text_part_get(&m, max, &out);
			if (out.len > max || !utf8_valid((const unsigned
			    char *)out.data, out.len))
				bad = max;
		}
		ok(bad == 0, "  cut at 1..63 bytes: UTF-8 within the limit");
		if (bad != 0)
			diag("not at %zu bytes", bad);
		mail_free(&m);
	}

	vbuf_release(&raw);
	vbuf_release(&canon);
	vbuf_release(&why);
	vbuf_release(&out);
	return (done_testing());
}
