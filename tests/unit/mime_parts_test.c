/* mime_parts_test - a message's attachments and the links of its HTML,
 * as a moderator must see them */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "global/conf.h"
#include "mail/mail.h"
#include "mail/mime_parts.h"
#include "util/vbuf.h"
#include "../tap.h"
#include "testlib.h"
#include "util/sys_defs.h"

#define MIXED	"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n"
#define ALT	"MIME-Version: 1.0\n" \
		"Content-Type: multipart/alternative; boundary=b\n"

/*
 * A message's parts, as "name|type|size" lines (a part's bytes end
 * before the CRLF of the delimiter that follows: "xyz\n--b" is 3
 * bytes), and its links, as "text|target|differs" lines.
 */
static const struct {
	const char	*desc;
	const char	*headers;
	const char	*body;
	const char	*atts;
	const char	*links;
} cases[] = {
	{ "plain text: nothing", "", "hello\n", "", "" },
	{ "plain text URLs are not links", "", "see https://x.example/\n",
	    "", "" },
	{ "HTML: a link whose text is another host (phishing)",
	    "Content-Type: text/html\n",
	    "<p>Log in at <a href=\"https://evil.example/login\">"
	    "https://www.bank.example/</a></p>\n", "",
	    "https://www.bank.example/|https://evil.example/login|1\n" },
	{ "HTML: text that is its target, slash or scheme aside",
	    "Content-Type: text/html\n",
	    "<a href=\"https://x.example/\">x.example</a>"
	    "<a href=\"https://x.example/a\">https://x.example/a</a>\n", "",
	    "x.example|https://x.example/|0\n"
	    "https://x.example/a|https://x.example/a|0\n" },
	{ "HTML: a host that begins as the text does still differs",
	    "Content-Type: text/html\n",
	    "<a href=\"https://paypal.com.evil.example/\">paypal.com</a>\n",
	    "", "paypal.com|https://paypal.com.evil.example/|1\n" },
	{ "HTML: words over a link, white space run together",
	    "Content-Type: text/html\n",
	    "<a href=' https://x.example/r '>Read\n  <b>the</b>&nbsp;"
	    "notes</a>\n", "", "Read the notes|https://x.example/r|1\n" },
	{ "HTML: an image link has no text, and an <a> without href is "
	    "no link", "Content-Type: text/html\n",
	    "<a href=\"https://x.example/i\"><img src=x></a><a name=n>n</a>\n",
	    "", "|https://x.example/i|0\n" },
	{ "alternative: the HTML's links, though the plain part is shown",
	    ALT, "--b\nContent-Type: text/plain\n\nClick here\n--b\n"
	    "Content-Type: text/html\n\n<a href=\"http://evil.example/\">"
	    "Click here</a>\n--b--\n", "",
	    "Click here|http://evil.example/|1\n" },
	{ "HTML quoted-printable, in Latin-1", "Content-Type: text/html; "
	    "charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n",
	    "<a href=3D\"https://x.example/c\">caf=E9</a>\n", "",
	    "caf\xc3\xa9|https://x.example/c|1\n" },
	{ "an attachment: name, type, decoded size", MIXED,
	    "--b\nContent-Type: text/plain\n\nsee attached\n--b\n"
	    "Content-Type: application/pdf; name=\"r.pdf\"\n"
	    "Content-Disposition: attachment; filename=\"rota.pdf\"\n"
	    "Content-Transfer-Encoding: base64\n\naGVsbG8gd29ybGQ=\n--b--\n",
	    "rota.pdf|application/pdf|11\n", "" },
	{ "a name in encoded words is decoded", MIXED,
	    "--b\nContent-Type: image/png; name=\"=?utf-8?q?caf=C3=A9.png?=\"\n"
	    "Content-Transfer-Encoding: base64\n\nAAAA\n--b--\n",
	    "caf\xc3\xa9.png|image/png|3\n", "" },
	{ "a part with no name and no disposition, not text", MIXED,
	    "--b\nContent-Type: Application/Octet-Stream\n\nxyz\n--b--\n",
	    "|application/octet-stream|3\n", "" },
	{ "a text part that is an attachment", MIXED,
	    "--b\nContent-Type: text/plain\n\nmine\n--b\n"
	    "Content-Type: text/plain\nContent-Disposition: attachment; "
	    "filename=notes.txt\n\nabc\n--b--\n",
	    "notes.txt|text/plain|3\n", "" },
	{ "an HTML attachment: listed, its links not read", MIXED,
	    "--b\nContent-Type: text/html; name=x.html\n\n"
	    "<a href=\"https://evil.example/\">a</a>\n--b--\n",
	    "x.html|text/html|37\n", "" },
	{ "an attached message is one attachment", MIXED,
	    "--b\nContent-Type: text/plain\n\nfwd\n--b\n"
	    "Content-Type: message/rfc822\n\nFrom: x@two.example\n"
	    "Subject: y\n\ninner\n--b--\n", "|message/rfc822|", "" },
	{ "a message that is an image", "Content-Type: image/jpeg\n"
	    "Content-Transfer-Encoding: base64\n", "AAAA\n",
	    "|image/jpeg|3\n", "" },
	{ "a bidi override in a name stays for the notice to show",
	    MIXED, "--b\nContent-Type: application/octet-stream; "
	    "name=\"=?utf-8?b?eOKArmZkcC5leGU=?=\"\n\nz\n--b--\n",
	    "x\xe2\x80\xae" "fdp.exe|application/octet-stream|1\n", "" },
};

/* show - the parts of p, as the table writes them */
static void
show(const struct mime_parts *p, struct vbuf *atts, struct vbuf *links)
{
	vbuf_reset(atts);
	vbuf_reset(links);
	vbuf_cat(atts, "", 0);
	vbuf_cat(links, "", 0);
	for (size_t i = 0; i < p->natt; i++)
		vbuf_printf(atts, "%s|%s|%zu\n", p->att[i].name,
		    p->att[i].type, p->att[i].size);
	for (size_t i = 0; i < p->nlinks; i++)
		vbuf_printf(links, "%s|%s|%d\n", p->links[i].text,
		    p->links[i].target, mime_link_differs(&p->links[i]));
}

int
main(void)
{
	struct limits		 lim;
	struct vbuf		 raw, canon, why, atts, links;
	struct mime_parts	 p;
	struct mail		 m;
	size_t			 i;

	test_limits(&lim);
	vbuf_init(&raw, VBUF_NOMAX);
	vbuf_init(&canon, VBUF_NOMAX);
	vbuf_init(&why, 1024);
	vbuf_init(&atts, VBUF_NOMAX);
	vbuf_init(&links, VBUF_NOMAX);

	for (i = 0; i < nitems(cases); i++) {
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
		is_int(mime_parts_read(&m, &p), 0, "%s", cases[i].desc);
		show(&p, &atts, &links);
		/* An attached message's size counts its CRLFs: only the
		 * start of the line is compared when the table says so. */
		if (cases[i].atts[strlen(cases[i].atts) - 1 + (*cases[i].atts ==
		    '\0')] == '|')
			ok(strncmp(vbuf_str(&atts), cases[i].atts,
			    strlen(cases[i].atts)) == 0 && p.att[0].size > 20,
			    "  its attachments");
		else
			is_str(vbuf_str(&atts), cases[i].atts,
			    "  its attachments");
		is_str(vbuf_str(&links), cases[i].links, "  its links");
		mime_parts_release(&p);
		mail_free(&m);
	}

	/* At most MIME_PARTS_LINKS_MAX links are kept; the rest counted. */
	vbuf_reset(&raw);
	for (i = 0; i < MIME_PARTS_LINKS_MAX + 5; i++)
		vbuf_printf(&raw, "<a href=\"https://x.example/%zu\">%zu</a>",
		    i, i);
	memset(&p, 0, sizeof(p));
	is_int(mime_parts_html_links(raw.data, raw.len, &p), 0,
	    "many links: read");
	is_int(p.nlinks, MIME_PARTS_LINKS_MAX, "  %d kept",
	    MIME_PARTS_LINKS_MAX);
	is_int(p.more_links, 5, "  5 counted");
	mime_parts_release(&p);
	is_int(p.nlinks, 0, "released: empty");

	/* A long target is kept to its end, up to 2048 bytes. */
	vbuf_reset(&raw);
	vbuf_puts(&raw, "<a href=\"https://bank.example.");
	for (i = 0; i < 1000; i++)
		vbuf_puts(&raw, "a.");
	vbuf_puts(&raw, "evil.example/\">bank</a>");
	(void)mime_parts_html_links(raw.data, raw.len, &p);
	ok(p.nlinks == 1 && strstr(p.links[0].target, "evil.example") !=
	    NULL, "a 2,000-byte host is kept whole");
	mime_parts_release(&p);

	/* Real messages. */
	fixture(&raw, "real/attachments.eml");
	mail_canon(&canon, raw.data, raw.len);
	if (mail_parse(&m, canon.data, canon.len, &lim, &why) == 0 &&
	    mime_parts_read(&m, &p) == 0) {
		show(&p, &atts, &links);
		ok(p.natt == 2 && strncmp(vbuf_str(&atts),
		    "legal-clinic-rota-december.pdf|application/pdf|", 47) == 0,
		    "real/attachments.eml: the PDF");
		ok(strstr(vbuf_str(&atts), "\ndrop-in flyer \xe2\x80\x93 caf"
		    "\xc3\xa9.png|image/png|") != NULL, "  the image, its RFC "
		    "2231 name decoded");
	} else
		ok(0, "real/attachments.eml parses");
	mime_parts_release(&p);
	mail_free(&m);
	fixture(&raw, "real/forwarded.eml");
	mail_canon(&canon, raw.data, raw.len);
	if (mail_parse(&m, canon.data, canon.len, &lim, &why) == 0 &&
	    mime_parts_read(&m, &p) == 0) {
		show(&p, &atts, &links);
		ok(p.natt == 1 && strncmp(vbuf_str(&atts), "Emergency "
		    "housing referral - family of four.eml|message/rfc822|",
		    54) == 0, "real/forwarded.eml: the forwarded message");
	} else
		ok(0, "real/forwarded.eml parses");
	mime_parts_release(&p);
	mail_free(&m);

	vbuf_release(&raw);
	vbuf_release(&canon);
	vbuf_release(&why);
	vbuf_release(&atts);
	vbuf_release(&links);
	return (done_testing());
}
