/* rewrite_test - the members' copy: list headers, prefix, footer part,
 * and every original MIME leaf byte for byte (threat E4); the author's
 * DKIM signature kept or dropped, and the From: for DMARC */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "global/conf.h"
#include "db/db_list.h"
#include "mail/mail.h"
#include "mootd/rewrite.h"
#include "util/vbuf.h"
#include "../tap.h"
#include "testlib.h"
#include "leaves.h"

static const char *const files[] = {
	"real/alternative.eml", "real/arabic-subject.eml",
	"real/attachments.eml", "real/chinese-subject.eml", "real/crlf.eml",
	"real/dots.eml", "real/eightbit.eml", "real/forwarded.eml",
	"real/latin1.eml", "real/long-headers.eml", "real/no-message-id.eml",
	"real/reply.eml", "real/signed.eml",
};

static struct conf	conf;
static struct list	list;

/* header_section - the output's header section, NUL-terminated copy */
static char *
header_section(const struct vbuf *out)
{
	const char	*end = strstr(vbuf_str(out), "\r\n\r\n");
	size_t		 n = end != NULL ? (size_t)(end - out->data) + 2 : out->len;
	char		*h = malloc(n + 1);

	memcpy(h, out->data, n);
	h[n] = '\0';
	return (h);
}

/* count - occurrences of needle in hay */
static int
count(const char *hay, const char *needle)
{
	int	n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return (n);
}

/* count_ci - case-insensitive count of needle in hay */
static int
count_ci(const char *hay, const char *needle)
{
	int	n = 0;

	while ((hay = strcasestr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return (n);
}

/* rewrite_file - parse name and rewrite it with footer into out */
static int
rewrite_file(const char *name, const char *footer, struct vbuf *canon,
    struct vbuf *out)
{
	struct limits		lim;
	struct mail		m;
	struct rewrite_in	in;
	struct vbuf		raw, why;
	int			rc;

	test_limits(&lim);
	vbuf_init(&raw, VBUF_NOMAX);
	vbuf_init(&why, 1024);
	fixture(&raw, name);
	mail_canon(canon, raw.data, raw.len);
	if (mail_parse(&m, canon->data, canon->len, &lim, &why) == -1) {
		diag("%s: %s", name, vbuf_str(&why));
		rc = -1;
	} else {
		memset(&in, 0, sizeof(in));
		in.conf = &conf;
		in.list = &list;
		in.mail = &m;
		in.footer = footer;
		in.msgid = "moot.7.1795428000@lists.example.org";
		in.date = 1795428000;
		rc = rewrite_post(&in, out, &why);
	}
	mail_free(&m);
	vbuf_release(&raw);
	vbuf_release(&why);
	return (rc);
}

/* rewrite_str - post (LF text) rewritten for list with prefix (NULL:
 * "[info]"), footer and from_list; its header section, to free */
static char *
rewrite_str(const char *post, const char *prefix, const char *footer,
    int from_list)
{
	struct limits		lim;
	struct mail		m;
	struct rewrite_in	in;
	struct vbuf		canon, out, why;
	char			*h;

	test_limits(&lim);
	vbuf_init(&canon, VBUF_NOMAX);
	vbuf_init(&out, VBUF_NOMAX);
	vbuf_init(&why, 1024);
	mail_canon(&canon, post, strlen(post));
	if (mail_parse(&m, canon.data, canon.len, &lim, &why) == -1)
		diag("%s", vbuf_str(&why));
	memset(&in, 0, sizeof(in));
	list.subject_prefix = (char *)(uintptr_t)prefix;
	in.conf = &conf;
	in.list = &list;
	in.mail = &m;
	in.footer = footer;
	in.msgid = "x@y";
	in.from_list = from_list;
	if (rewrite_post(&in, &out, &why) == -1)
		diag("%s", vbuf_str(&why));
	h = header_section(&out);
	list.subject_prefix = NULL;
	mail_free(&m);
	vbuf_release(&canon);
	vbuf_release(&out);
	vbuf_release(&why);
	return (h);
}

/* The author's DKIM signature stays only when the copy changes nothing
 * it covers; the From: for DMARC (rewrite_from.h). */
static void
test_dkim_and_from(void)
{
	static const char signed_post[] = "DKIM-Signature: v=1; a=rsa-sha256; "
	    "d=one.example; s=s1; h=from:subject; bh=x; b=y\n"
	    "From: Ann <ann@one.example>\nSubject: hello\n\nbody\n";
	static const char prefixed[] = "DKIM-Signature: v=1; d=one.example\n"
	    "From: ann@one.example\nSubject: Re: [info] hello\n\nbody\n";
	static const char raw_reply_to[] = "From: Ann <ann@one.example>\n"
	    "Reply-To: J\xc3\xb6rg <j@one.example>\nSubject: hi\n\nbody\n";
	char	*h;

	h = rewrite_str(signed_post, "", NULL, 0);
	ok(count(h, "DKIM-Signature:") == 1, "no prefix, no footer: the "
	    "author's DKIM-Signature stays");
	free(h);
	h = rewrite_str(prefixed, NULL, NULL, 0);
	ok(count(h, "DKIM-Signature:") == 1, "a subject that has the prefix "
	    "already: it stays");
	free(h);
	h = rewrite_str(signed_post, NULL, NULL, 0);
	ok(count(h, "DKIM-Signature:") == 0, "a prefix added: it goes");
	free(h);
	h = rewrite_str(signed_post, "", "\n-- \nfooter\n", 0);
	ok(count(h, "DKIM-Signature:") == 0, "a footer added: it goes");
	free(h);
	h = rewrite_str(signed_post, "", NULL, 1);
	ok(count(h, "DKIM-Signature:") == 0, "the From: rewritten: it goes");
	ok(count(h, "From: Ann via info <info@lists.example.org>\r\n") == 1 &&
	    count(h, "From:") == 1, "From: \"Ann via info\" <info@...>, "
	    "once");
	ok(count(h, "Reply-To: Ann <ann@one.example>\r\n") == 1,
	    "the author in Reply-To:");
	free(h);
	h = rewrite_str(raw_reply_to, "", NULL, 1);
	ok(count(h, "Cc: Ann <ann@one.example>\r\n") == 1 &&
	    count(h, "ann@one.example") == 1, "a Reply-To: with raw 8-bit "
	    "bytes: the author in Cc: instead");
	free(h);
}

int
main(void)
{
	static const char *const footers[] = {
		"\n-- \nYou get this as a member of info.\n",
		"\n-- \n\xd8\xaa\xd8\xb5\xd9\x84\xd9\x83 \xd9\x87\xd8\xb0\xd9\x87 "
		    "\xd8\xa7\xd9\x84\xd8\xb1\xd8\xb3\xd8\xa7\xd9\x84\xd8\xa9\n",
	};
	const char	*src = getenv("MOOT_SRCDIR");
	struct vbuf	 canon, out, why;
	struct limits	 lim;
	char		*h, tree[512];

	/* the From: rewrite's display name is a phrase (from-via) */
	(void)snprintf(tree, sizeof(tree), "%s/templates",
	    src != NULL ? src : "..");
	conf.templates = tree;
	conf.language = "en";
	conf.domain = "lists.example.org";
	conf.delimiter = '+';
	list.id = 1;
	list.name = "info";
	list.description = "Information Group";
	test_limits(&lim);
	vbuf_init(&canon, VBUF_NOMAX);
	vbuf_init(&out, VBUF_NOMAX);
	vbuf_init(&why, 1024);

	for (size_t fi = 0; fi < sizeof(footers) / sizeof(footers[0]); fi++)
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct leaves	 a, b;
		struct mailmime	*ta = NULL, *tb = NULL;
		struct mail	 m;
		size_t		 k;
		int		 same;

		ok(rewrite_file(files[i], footers[fi], &canon, &out) == 0,
		    "%s rewritten (footer %zu)", files[i], fi);
		vbuf_reset(&why);
		ok(mail_parse(&m, out.data, out.len, &lim, &why) == 0,
		    "  the copy passes moot's own checks");
		if (why.len)
			diag("%s", vbuf_str(&why));
		mail_free(&m);
		leaves_of(canon.data, canon.len, &a, &ta);
		leaves_of(out.data, out.len, &b, &tb);
		is_int(b.n, a.n + 1, "  one more leaf: the footer");
		same = b.n == a.n + 1;
		for (k = 0; same && k < a.n; k++)
			same = a.len[k] == b.len[k] &&
			    memcmp(a.p[k], b.p[k], a.len[k]) == 0;
		ok(same, "  every original leaf is byte for byte the same");
		if (tb != NULL && b.n > 0 && fi == 0)
			ok(b.len[b.n - 1] >= 10 && memmem(b.p[b.n - 1],
			    b.len[b.n - 1], "member of info", 14) != NULL,
			    "  the last leaf is the footer");
		mailmime_free(ta);
		mailmime_free(tb);

		h = header_section(&out);
		is_int(count(h, "\r\nList-Id: Information Group "
		    "<info.lists.example.org>\r\n"), 1, "  List-Id");
		is_int(count(h, "\r\nList-Post: <mailto:info@lists.example.org>"),
		    1, "  List-Post");
		is_int(count(h, "\r\nList-Unsubscribe: <mailto:info-leave@"),
		    1, "  List-Unsubscribe");
		is_int(count(h, "\r\nList-Help: "), 1, "  List-Help");
		is_int(count(h, "\r\nList-Subscribe: "), 1, "  List-Subscribe");
		is_int(count(h, "\r\nList-Owner: "), 1, "  List-Owner");
		is_int(count(h, "\r\nPrecedence: list\r\n"), 1, "  Precedence");
		is_int(count(h, "\r\nX-Loop: info@lists.example.org\r\n"), 1,
		    "  X-Loop");
		is_int(count(h, "[info]"), 1, "  the prefix, once");
		is_int(count_ci(h, "\nMessage-ID:") + (strncasecmp(h,
		    "Message-ID:", 11) == 0), 1, "  one Message-ID");
		is_int(count(h, "\nDate: ") + (strncmp(h, "Date: ", 6) == 0), 1,
		    "  one Date");
		free(h);
	}

	ok(rewrite_file("real/no-message-id.eml", footers[0], &canon,
	    &out) == 0, "no Message-ID: rewritten");
	h = header_section(&out);
	has_str(h, "Message-ID: <moot.7.1795428000@lists.example.org>\r\n",
	    "  a stable Message-ID is added");
	has_str(h, "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n",
	    "  the Date is the time it was received");
	free(h);

	ok(rewrite_file("real/reply.eml", NULL, &canon, &out) == 0,
	    "a reply without footer");
	h = header_section(&out);
	has_str(h, "Subject: Re: [info] Drop-in session moved to Thursday\r\n",
	    "  the prefix is not added again");
	ok(strstr(vbuf_str(&out), "multipart") == NULL, "  no footer: not "
	    "wrapped");
	free(h);

	ok(rewrite_file("real/arabic-subject.eml", NULL, &canon, &out) == 0,
	    "Arabic subject");
	h = header_section(&out);
	has_str(h, "Subject: [info] =?UTF-8?B?", "  the prefix goes before the "
	    "encoded words, which are kept as they were");
	free(h);

	ok(rewrite_file("hostile/approved-header.eml", footers[0], &canon,
	    &out) == 0, "a post with Approved: and Bcc:");
	h = header_section(&out);
	ok(strcasestr(h, "\nApproved:") == NULL && strcasestr(h,
	    "\nX-Approved:") == NULL, "  Approved fields are gone (threat B6)");
	ok(strcasestr(h, "\nBcc:") == NULL && strstr(vbuf_str(&out),
	    "x@y.example") == NULL, "  Bcc is gone, address and all (F1)");
	ok(strstr(vbuf_str(&out), "secret") == NULL, "  and so is the "
	    "\"Approved: secret\" line that opened the text");
	has_str(vbuf_str(&out), "\r\n\r\n\r\nHi all,\r\n", "  the text "
	    "after it is as it was");
	free(h);

	ok(rewrite_file("hostile/approved-parts.eml", footers[0], &canon,
	    &out) == 0, "approvals in every part of a multipart post");
	is_int(count(vbuf_str(&out), "secret"), 0, "  none reaches the "
	    "members: part headers, text, HTML, attached message (B6)");
	is_int(count(vbuf_str(&out), "The drop-in moves to Thursday."), 2,
	    "  the text of both alternatives is still there");
	ok(strstr(vbuf_str(&out), "Content-Type: text/html; charset=us-ascii"
	    "\r\n\r\n<p>") != NULL, "  the HTML part's header is whole "
	    "without the field");
	ok(strstr(vbuf_str(&out), "Subject: forwarded\r\nMessage-ID: "
	    "<fwd-1@four.example>\r\n\r\nSee above.") != NULL, "  the "
	    "attached message keeps the rest of its header and text");

	ok(rewrite_file("hostile/header-injection.eml", footers[0], &canon,
	    &out) == 0, "an encoded CRLF in the subject");
	h = header_section(&out);
	ok(strstr(h, "\nBcc:") == NULL && strstr(h, "evil@x") == NULL,
	    "  does not become a header field (threat E1)");
	free(h);

	{
		static const char post[] = "From: a@one.example\n"
		    "List-Id: Other <other.example.net>\n"
		    "List-Unsubscribe: <mailto:leave@example.net>\n"
		    "Return-Path: <x@y.example>\nPrecedence: bulk\n"
		    "Subject: hello\n\nbody\n";
		struct mail		m;
		struct rewrite_in	in;

		mail_canon(&canon, post, strlen(post));
		mail_parse(&m, canon.data, canon.len, &lim, &why);
		memset(&in, 0, sizeof(in));
		in.conf = &conf;
		in.list = &list;
		in.mail = &m;
		in.msgid = "x@y";
		rewrite_post(&in, &out, &why);
		h = header_section(&out);
		ok(strstr(h, "other.example.net") == NULL && strstr(h,
		    "leave@example.net") == NULL, "inbound List-* fields are "
		    "replaced by ours");
		ok(strstr(h, "Return-Path") == NULL && strstr(h, "bulk") ==
		    NULL, "Return-Path and the old Precedence are gone");
		free(h);
		mail_free(&m);
	}
	test_dkim_and_from();
	vbuf_release(&canon);
	vbuf_release(&out);
	vbuf_release(&why);
	return (done_testing());
}
