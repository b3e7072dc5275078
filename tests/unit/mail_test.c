/* mail_test - checking and reading messages: real ones and hostile ones */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "global/conf.h"
#include "mail/mail.h"
#include "util/vbuf.h"
#include "../tap.h"
#include "testlib.h"

static const struct {
	const char	*file;
	const char	*subject;	/* decoded; NULL: do not check */
	const char	*msgid;		/* NULL: none expected */
	int		 multipart;
	const char	*subtype;
} real[] = {
	{ "real/alternative.eml", "Winter timetable: drop-in sessions and "
	    "English classes", "4b2f6c1e-8d3a-4f7b-9a0e-5c1d2e3f4a5b@one.example",
	    1, "alternative" },
	{ "real/arabic-subject.eml", "\xd8\xa7\xd8\xac\xd8\xaa\xd9\x85\xd8\xa7"
	    "\xd8\xb9 \xd8\xa7\xd9\x84\xd8\xb4\xd8\xb1\xd8\xa7\xd9\x83\xd8\xa9",
	    NULL, 0, "plain" },
	{ "real/attachments.eml", NULL, NULL, 1, "mixed" },
	{ "real/chinese-subject.eml", "\xe8\x8b\xb1\xe8\xaf\xad\xe8\xaf\xbe",
	    NULL, 1, "alternative" },
	{ "real/crlf.eml", "English class cancelled tonight", NULL, 0, "plain" },
	{ "real/dots.eml", NULL, NULL, 0, "plain" },
	{ "real/eightbit.eml", NULL, NULL, 0, "plain" },
	{ "real/forwarded.eml", NULL, NULL, 1, "mixed" },
	{ "real/latin1.eml", NULL, NULL, 0, "plain" },
	{ "real/long-headers.eml", NULL, NULL, 0, NULL },
	{ "real/no-message-id.eml", NULL, NULL, 0, "plain" },
	{ "real/reply.eml", "Re: [info] Drop-in session moved to Thursday",
	    NULL, 0, "plain" },
	{ "real/signed.eml", NULL, NULL, 1, "signed" },
};

/* The hostile set of threat D1 that moot cannot read: each is refused,
 * and says why (mootd holds a member's for a moderator). */
static const struct {
	const char	*file;
	const char	*reason;
} hostile[] = {
	{ "hostile/garbage.eml", "NUL bytes" },
	{ "hostile/no-headers.eml", "no header fields" },
	{ "hostile/no-separator.eml", "line 8 of the header section is not a "
	    "header field" },
	{ "hostile/nul-bytes.eml", "NUL bytes" },
	{ "hostile/deep-nesting-small.eml", "nested deeper than 20" },
	{ "imperfect/cpython-msg_35.eml", "line 4 of the header section is "
	    "not a header field" },
};

/*
 * Imperfect mail that RFC 5322 section 4, RFC 6532 and RFC 2046 tell a
 * receiver to accept, and the rest of the hostile set, which is read as
 * far as it goes: each parses, with what moot needs from it.
 */
static const struct {
	const char	*file;
	const char	*from;		/* NULL: none can be read */
	const char	*subject;	/* decoded; NULL: do not check */
	int		 multipart;
} imperfect[] = {
	{ "imperfect/utf8-headers.eml", "amira@one.example",
	    "\xd8\xa7\xd8\xac\xd8\xaa\xd9\x85\xd8\xa7\xd8\xb9 "
	    "\xd8\xa7\xd9\x84\xd8\xb4\xd8\xb1\xd8\xa7\xd9\x83\xd8\xa9 "
	    "\xe2\x80\x93 r\xc3\xa9union du partenariat", 0 },
	{ "imperfect/latin1-headers.eml", "amira@one.example",
	    "R\xc3\xa9union \xc3\xa0 18h, Espa\xc3\xb1ol", 0 },
	{ "imperfect/mbox-from.eml", "amira@one.example",
	    "Drop-in on Thursday", 0 },
	{ "imperfect/obsolete-syntax.eml", "amira@one.example",
	    "Housing advice moved", 0 },
	{ "imperfect/no-closing-boundary.eml", "amira@one.example", NULL, 1 },
	{ "imperfect/no-boundary-parameter.eml", "amira@one.example", NULL,
	    0 },
	{ "imperfect/no-from.eml", NULL, NULL, 0 },
	{ "imperfect/bad-from.eml", NULL, NULL, 0 },
	{ "imperfect/utf8-address.eml", "amira@one.example", NULL, 0 },
	{ "imperfect/cpython-msg_15.eml", "xx@xx.dk", "XX", 1 },
	{ "hostile/truncated-part.eml", "amira@one.example", NULL, 1 },
	{ "hostile/missing-boundary.eml", "amira@one.example", NULL, 0 },
	{ "hostile/endless-boundary.eml", "amira@one.example", NULL, 1 },
	{ "hostile/eightbit-headers.eml", "amira@one.example",
	    "Cours d\xe2\x80\x99""anglais \xe2\x80\x93 caf\xc3\xa9 / "
	    "R\xc3\xa9union \xc3\xa0 18h, Espa\xc3\xb1ol", 0 },
};

/* parse - canon and parse text; returns mail_parse()'s result */
static int
parse(struct mail *m, struct vbuf *canon, const char *text, size_t len,
    struct vbuf *why)
{
	struct limits	lim;

	test_limits(&lim);
	vbuf_reset(why);
	mail_canon(canon, text, len);
	return (mail_parse(m, canon->data, canon->len, &lim, why));
}

int
main(void)
{
	struct vbuf	 raw, canon, why, big;
	struct mail	 m;
	size_t		 i;
	clock_t		 t0;

	vbuf_init(&raw, VBUF_NOMAX);
	vbuf_init(&canon, VBUF_NOMAX);
	vbuf_init(&why, 1024);
	vbuf_init(&big, VBUF_NOMAX);

	mail_canon(&canon, "a\nb\r\nc\rd\r\r\n", 11);
	ok(canon.len == 14 && memcmp(canon.data, "a\r\nb\r\nc\r\nd\r\n\r\n",
	    14) == 0, "bare LF and bare CR become CRLF (threat E3)");

	for (i = 0; i < sizeof(real) / sizeof(real[0]); i++) {
		fixture(&raw, real[i].file);
		ok(parse(&m, &canon, raw.data, raw.len, &why) == 0,
		    "%s parses", real[i].file);
		if (why.len > 0)
			diag("%s", vbuf_str(&why));
		is_str(m.from_addr, "amira@one.example", "  From address");
		if (real[i].subject != NULL)
			has_str(m.subject, real[i].subject, "  subject decoded");
		if (real[i].msgid != NULL)
			is_str(m.msgid, real[i].msgid, "  Message-ID");
		is_int(m.multipart, real[i].multipart, "  multipart");
		if (real[i].subtype != NULL)
			is_str(m.subtype, real[i].subtype, "  subtype");
		mail_free(&m);
	}
	fixture(&raw, "real/no-message-id.eml");
	parse(&m, &canon, raw.data, raw.len, &why);
	ok(m.msgid == NULL && mail_field(&m, "Date", 0) == NULL,
	    "no Message-ID, no Date");
	mail_free(&m);
	fixture(&raw, "real/forwarded.eml");
	parse(&m, &canon, raw.data, raw.len, &why);
	is_int(m.mime_parts, 6, "forwarded: six parts, the inner message's "
	    "included");
	mail_free(&m);

	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		fixture(&raw, hostile[i].file);
		ok(parse(&m, &canon, raw.data, raw.len, &why) == -1,
		    "%s is refused", hostile[i].file);
		has_str(vbuf_str(&why), hostile[i].reason, "  with its reason");
		mail_free(&m);
	}
	for (i = 0; i < sizeof(imperfect) / sizeof(imperfect[0]); i++) {
		fixture(&raw, imperfect[i].file);
		ok(parse(&m, &canon, raw.data, raw.len, &why) == 0,
		    "%s is read", imperfect[i].file);
		if (why.len > 0)
			diag("%s", vbuf_str(&why));
		if (imperfect[i].from != NULL)
			is_str(m.from_addr, imperfect[i].from,
			    "  From address");
		else
			ok(m.from_addr == NULL, "  no From address");
		if (imperfect[i].subject != NULL)
			is_str(m.subject, imperfect[i].subject,
			    "  subject decoded");
		is_int(m.multipart, imperfect[i].multipart, "  multipart");
		mail_free(&m);
	}
	fixture(&raw, "imperfect/mbox-from.eml");
	parse(&m, &canon, raw.data, raw.len, &why);
	ok(strncmp(m.buf, "Received:", 9) == 0 && mail_field(&m, "From", 0) !=
	    NULL && mail_field(&m, "From", 1) == NULL, "the mbox From line is "
	    "no part of the message");
	mail_free(&m);
	fixture(&raw, "imperfect/obsolete-syntax.eml");
	parse(&m, &canon, raw.data, raw.len, &why);
	is_str(m.msgid, "obsolete-syntax-1@one.example", "white space before "
	    "the colon: the field is read");
	mail_free(&m);
	{
		const char *msg = "From : a@one.example\nSubject: x\n\nhi\n";

		ok(parse(&m, &canon, msg, strlen(msg), &why) == 0 &&
		    m.nfields == 2, "\"From :\" opening a message is a field, "
		    "not an mbox line");
		mail_free(&m);
	}
	fixture(&raw, "hostile/header-injection.eml");
	ok(parse(&m, &canon, raw.data, raw.len, &why) == 0 &&
	    strstr(m.subject, "\r\nBcc:") != NULL, "an encoded CRLF decodes "
	    "(rewriting must not trust it: threat E1)");
	mail_free(&m);

	/* Generated hostile input: threat D2. */
	vbuf_reset(&big);
	vbuf_puts(&big, "From: a@one.example\nSubject: ");
	for (i = 0; i < 1024 * 1024; i++)
		vbuf_putc(&big, 'x');
	vbuf_puts(&big, "\n\nbody\n");
	ok(parse(&m, &canon, big.data, big.len, &why) == -1,
	    "a 1 MB header line is refused");
	has_str(vbuf_str(&why), "longer than 65536 bytes", "  as too long");
	mail_free(&m);

	vbuf_reset(&big);
	vbuf_puts(&big, "From: a@one.example\n");
	for (i = 0; i < 5000; i++)
		vbuf_printf(&big, "X-Filler-%zu: %060zu\n", i, i);
	vbuf_puts(&big, "\nbody\n");
	ok(parse(&m, &canon, big.data, big.len, &why) == -1 &&
	    strstr(vbuf_str(&why), "header section longer") != NULL,
	    "a 400 KB header section is refused");
	mail_free(&m);

	t0 = clock();
	vbuf_reset(&big);
	vbuf_puts(&big, "From: a@one.example\n");
	for (i = 0; i < 10000; i++)
		vbuf_printf(&big, "Content-Type: multipart/mixed; "
		    "boundary=\"b%zu\"\n\n--b%zu\n", i, i);
	vbuf_puts(&big, "\nx\n");
	for (i = 10000; i-- > 0;)
		vbuf_printf(&big, "--b%zu--\n", i);
	ok(parse(&m, &canon, big.data, big.len, &why) == -1 &&
	    strstr(vbuf_str(&why), "more than 500 MIME parts") != NULL,
	    "10,000 nested multiparts are refused before libetpan sees them");
	mail_free(&m);

	vbuf_reset(&big);
	vbuf_puts(&big, "From: a@one.example\nContent-Type: multipart/mixed; "
	    "boundary=\"b\"\n\n");
	for (i = 0; i < 100000; i++)
		vbuf_puts(&big, "--b\n\nx\n");
	vbuf_puts(&big, "--b--\n");
	ok(parse(&m, &canon, big.data, big.len, &why) == -1 &&
	    strstr(vbuf_str(&why), "more than 500 MIME parts") != NULL,
	    "100,000 parts are refused");
	mail_free(&m);

	vbuf_reset(&big);
	vbuf_puts(&big, "From: a@one.example\nContent-Type: multipart/mixed; "
	    "boundary=\"b\"\n\n");
	for (i = 0; i < 501; i++)
		vbuf_puts(&big, "--b\nContent-Type: text/plain\n\nx\n");
	vbuf_puts(&big, "--b--\n");
	ok(parse(&m, &canon, big.data, big.len, &why) == -1 &&
	    strstr(vbuf_str(&why), "more than 500 MIME parts") != NULL,
	    "501 parts are counted in the tree too");
	mail_free(&m);
	ok((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0, "all of it in "
	    "under 5 s of CPU");

	{
		const char *msg = "From: robot@one.example\n"
		    "Auto-Submitted: auto-replied\nPrecedence: bulk\n"
		    "Received: a\nReceived: b\n\nout of office\n";

		parse(&m, &canon, msg, strlen(msg), &why);
		ok(m.auto_submitted && m.bulk && m.received == 2,
		    "Auto-Submitted, Precedence and Received are read");
		mail_free(&m);
	}
	{
		const char *msg = "From: person@one.example\n"
		    "Auto-Submitted: No (a person)\nPrecedence: list\n\nhi\n";

		parse(&m, &canon, msg, strlen(msg), &why);
		ok(!m.auto_submitted && !m.bulk, "Auto-Submitted: no and "
		    "Precedence: list are a person's mail");
		mail_free(&m);
	}
	{
		const char *msg = "From: \"Bob\" <bob@two.example>\n"
		    "Subject:\n  folded\n\tsubject\n\nhi\n";
		const struct hdr_field *f;

		ok(parse(&m, &canon, msg, strlen(msg), &why) == 0,
		    "folded fields parse");
		f = mail_field(&m, "subject", 0);
		vbuf_reset(&raw);
		hdr_unfold(f, &raw);
		is_str(vbuf_str(&raw), "folded\tsubject", "unfolding keeps "
		    "the whitespace after the fold");
		is_str(m.from_addr, "bob@two.example", "display name form");
		mail_free(&m);
	}
	vbuf_release(&raw);
	vbuf_release(&canon);
	vbuf_release(&why);
	vbuf_release(&big);
	return (done_testing());
}
