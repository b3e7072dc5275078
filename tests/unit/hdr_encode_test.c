/* hdr_encode_test - RFC 2047 encoding, folding, and no CR/LF in any value */
#include <string.h>

#include "mail/hdr_encode.h"
#include "mail/mail.h"
#include "util/vbuf.h"
#include "../tap.h"
#include "testlib.h"

static const char *const texts[] = {
	"plain ASCII subject",
	"caf\xc3\xa9 au lait",
	"\xd8\xa7\xd8\xac\xd8\xaa\xd9\x85\xd8\xa7\xd8\xb9 \xd8\xa7\xd9\x84\xd8"
	    "\xb9\xd9\x85\xd9\x84\xd9\x8a\xd8\xa7\xd8\xaa \xd9\x81\xd9\x8a "
	    "\xd8\xa7\xd9\x84\xd9\x85\xd8\xb1\xd9\x83\xd8\xb2 \xd8\xa7\xd9\x84"
	    "\xd9\x85\xd8\xac\xd8\xaa\xd9\x85\xd8\xb9\xd9\x8a \xd9\x8a\xd9\x88"
	    "\xd9\x85 \xd8\xa7\xd9\x84\xd8\xab\xd9\x84\xd8\xa7\xd8\xab\xd8\xa7"
	    "\xd8\xa1",
	"\xe8\x8b\xb1\xe8\xaf\xad\xe8\xaf\xbe\xe7\xa8\x8b\xe6\x8a\xa5\xe5\x90"
	    "\x8d\xe5\x8f\x8a\xe4\xbd\x8f\xe6\x88\xbf\xe5\x92\xa8\xe8\xaf\xa2"
	    "\xe6\x97\xb6\xe9\x97\xb4\xe5\xae\x89\xe6\x8e\x92\xe8\x8b\xb1\xe8"
	    "\xaf\xad\xe8\xaf\xbe\xe7\xa8\x8b",
	"emoji \xf0\x9f\x8f\xa0 and \xf0\x9f\x93\x85 in a long line that goes "
	    "on and on past one encoded word",
	"looks like =?UTF-8?B?eA==?= a word",
};

/* max_line - the longest line of a header block */
static size_t
max_line(const char *s)
{
	size_t	max = 0, n;

	while (*s != '\0') {
		n = strcspn(s, "\r\n");
		if (n > max)
			max = n;
		s += n;
		while (*s == '\r' || *s == '\n')
			s++;
	}
	return (max);
}

/* Fields that came with raw 8-bit bytes (RFC 6532), as written for a
 * relay without SMTPUTF8; NULL: cannot be. */
static const struct {
	const char	*in;
	const char	*out;
} raw8[] = {
	{ "Subject: caf\xc3\xa9\r\n",
	    "Subject: =?UTF-8?B?Y2Fmw6k=?=\r\n" },
	{ "Subject: caf\xe9\r\n",			/* ISO-8859-1 */
	    "Subject: =?UTF-8?B?Y2Fmw6k=?=\r\n" },
	{ "X-Note: a =?UTF-8?Q?b?= \xc3\xa9\r\n",	/* words decoded */
	    "X-Note: =?UTF-8?B?YSBiIMOp?=\r\n" },
	{ "From: Zo\xc3\xab <zoe@one.example>\r\n",
	    "From: =?UTF-8?B?Wm/Dqw==?= <zoe@one.example>\r\n" },
	{ "Cc: \"A, B\" <a@x.example>, G\xc3\xa9: c@x.example;\r\n",
	    "Cc: \"A, B\" <a@x.example>, =?UTF-8?B?R8Op?=: c@x.example;\r\n" },
	{ "To: Jo <j\xc3\xb6ran@x.example>\r\n", NULL },
	{ "Content-Type: text/plain; name=\"caf\xc3\xa9\"\r\n", NULL },
};

/* raw_fields - each raw8 row through hdr_encode_8bit() */
static void
raw_fields(struct vbuf *out)
{
	struct mail	 m;
	struct limits	 lim;
	struct vbuf	 why;
	const char	*no;

	test_limits(&lim);
	vbuf_init(&why, 1024);
	for (size_t i = 0; i < sizeof(raw8) / sizeof(raw8[0]); i++) {
		vbuf_reset(out);
		vbuf_puts(out, raw8[i].in);
		vbuf_puts(out, "\r\nbody\r\n");
		vbuf_reset(&why);
		if (mail_parse(&m, out->data, out->len, &lim, &why) == -1 ||
		    m.nfields != 1) {
			ok(0, "raw 8-bit field %zu: %s", i, vbuf_str(&why));
			continue;
		}
		{
			struct vbuf	got;

			vbuf_init(&got, VBUF_NOMAX);
			if (raw8[i].out != NULL) {
				ok(hdr_encode_8bit(&got, &m.fields[0],
				    &no) == 0, "raw 8-bit field %zu encoded",
				    i);
				is_str(vbuf_str(&got), raw8[i].out, "  as "
				    "encoded words");
			} else
				ok(hdr_encode_8bit(&got, &m.fields[0],
				    &no) == -1 && got.len == 0 && no != NULL,
				    "raw 8-bit field %zu: cannot be, and why",
				    i);
			/* A MIME field is the body's: left as it is. */
			ok((raw8[i].out == NULL && raw8[i].in[0] != 'C') ==
			    (hdr_encode_unsendable(&m) != NULL), "  unsendable "
			    "names addresses only");
			vbuf_release(&got);
		}
		mail_free(&m);
	}
	vbuf_release(&why);
}

/*
 * long_lines - a 60,000-character word is written as folded encoded
 * words that read back the same; a word no fold can cut is refused; a
 * field with a line over 998 octets is written again, and a body line
 * over 998 octets makes a message unsendable (threat D1, issue 11)
 */
static void
long_lines(void)
{
	struct vbuf	 w, v, f, d, why;
	struct mail	 m;
	struct limits	 lim;
	struct hdr_field hf;
	const char	*no;

	vbuf_init(&w, VBUF_NOMAX);
	vbuf_init(&v, VBUF_NOMAX);
	vbuf_init(&f, VBUF_NOMAX);
	vbuf_init(&d, VBUF_NOMAX);
	vbuf_init(&why, 1024);
	for (int i = 0; i < 60000; i++)
		vbuf_putc(&w, 'S');
	ok(hdr_encode_longest("ab\r\nabcd\nx", 11) == 4 &&
	    hdr_encode_longest("", 0) == 0, "hdr_encode_longest counts "
	    "octets, not CR LF");
	hdr_encode_text(&v, vbuf_str(&w));
	ok(hdr_encode_field(&f, "Subject", vbuf_str(&v)) == 0,
	    "a 60,000-character word is written");
	ok(max_line(vbuf_str(&f)) <= 76, "  no line over 76 (longest %zu)",
	    max_line(vbuf_str(&f)));
	memset(&hf, 0, sizeof(hf));
	hf.name = f.data;
	hf.name_len = 7;
	hf.value = f.data + 8;
	hf.value_len = f.len - 8 - 2;
	hdr_unfold(&hf, &v);
	mail_decode_phrase(vbuf_str(&v), &d);
	ok(strcmp(vbuf_str(&d), vbuf_str(&w)) == 0, "  and reads back the "
	    "same");
	vbuf_reset(&f);
	ok(hdr_encode_field(&f, "X-Long", vbuf_str(&w)) == -1 && f.len == 0,
	    "a raw word longer than a line is never written");
	/* The same word in a field as received: written again. */
	test_limits(&lim);
	vbuf_reset(&v);
	vbuf_printf(&v, "X-Note: a %.*s b\r\n\r\nbody\r\n", 2000, w.data);
	if (mail_parse(&m, v.data, v.len, &lim, &why) == 0) {
		vbuf_reset(&f);
		ok(hdr_encode_remade(&m.fields[0]), "a field with a line of "
		    "2,000 octets is written again");
		ok(hdr_encode_8bit(&f, &m.fields[0], &no) == 0 &&
		    max_line(vbuf_str(&f)) <= 76, "  folded as encoded words");
		ok(hdr_encode_unsendable(&m) == NULL, "  and the message can "
		    "be sent");
		mail_free(&m);
	} else
		ok(0, "parse a 2,000-octet field: %s", vbuf_str(&why));
	vbuf_reset(&v);
	vbuf_printf(&v, "Subject: x\r\n\r\nbody\r\n%.*s\r\n", 999, w.data);
	if (mail_parse(&m, v.data, v.len, &lim, &why) == 0) {
		no = hdr_encode_unsendable(&m);
		ok(no != NULL && strstr(no, "998") != NULL, "a body line of "
		    "999 octets: unsendable, saying why");
		mail_free(&m);
	} else
		ok(0, "parse a 999-octet body line: %s", vbuf_str(&why));
	vbuf_release(&w);
	vbuf_release(&v);
	vbuf_release(&f);
	vbuf_release(&d);
	vbuf_release(&why);
}

int
main(void)
{
	struct vbuf	 v, f, d;
	struct mail	 m;
	struct hdr_field hf;

	vbuf_init(&v, VBUF_NOMAX);
	vbuf_init(&f, VBUF_NOMAX);
	vbuf_init(&d, VBUF_NOMAX);
	(void)m;

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		vbuf_reset(&v);
		vbuf_reset(&f);
		hdr_encode_text(&v, texts[i]);
		ok(hdr_encode_field(&f, "Subject", vbuf_str(&v)) == 0,
		    "text %zu written", i);
		ok(max_line(vbuf_str(&f)) <= 76, "  no line over 76 "
		    "(longest %zu)", max_line(vbuf_str(&f)));
		for (const char *p = vbuf_str(&f); *p; p++)
			if ((unsigned char)*p >= 0x80) {
				ok(0, "  8-bit byte in the header");
				break;
			}
		/* Decode what a reader would see: unfold, then RFC 2047. */
		memset(&hf, 0, sizeof(hf));
		hf.name = f.data;
		hf.name_len = 7;
		hf.value = f.data + 8;
		hf.value_len = f.len - 8 - 2;
		hdr_unfold(&hf, &v);
		mail_decode_phrase(vbuf_str(&v), &d);
		is_str(vbuf_str(&d), texts[i], "  decodes to the same text");
	}

	vbuf_reset(&f);
	ok(hdr_encode_field(&f, "Subject", "x\r\nBcc: evil@x") == -1 &&
	    f.len == 0, "a value with CR LF is never written (threat E1)");
	ok(hdr_encode_field(&f, "Subject", "x\nBcc: evil@x") == -1 && f.len == 0,
	    "nor with a bare LF");

	hdr_encode_clean(&v, "a\x1b[2Jb\x07\r\nBcc: evil@x\xc2\x9b");
	is_str(vbuf_str(&v), "a[2Jb  Bcc: evil@x", "clean drops controls, C1 "
	    "too, and makes line breaks spaces");
	hdr_encode_clean_text(&v, "a\x1b[2Jb\x07\r\n\tc\xc2\x9b\n");
	is_str(vbuf_str(&v), "a[2Jb\n\tc\n", "clean_text keeps LF and tabs, "
	    "drops CR and the other controls");
	hdr_encode_shown(&v, "Invoice \xe2\x80\xae" "fdp.exe\r\n\x1b");
	is_str(vbuf_str(&v), "Invoice \\u{202E}fdp.exe  ", "shown: cleaned, "
	    "and a bidi override made visible (F3)");
	hdr_encode_clean(&v, "a\xe2\x80\xae" "b");
	is_str(vbuf_str(&v), "a\xe2\x80\xae" "b", "clean alone leaves it: a "
	    "post's own fields go out as written");

	vbuf_reset(&v);
	hdr_encode_phrase(&v, "Information Group");
	is_str(vbuf_str(&v), "Information Group", "a plain phrase");
	vbuf_reset(&v);
	hdr_encode_phrase(&v, "Smith, J. \"Jo\"");
	is_str(vbuf_str(&v), "\"Smith, J. \\\"Jo\\\"\"", "specials are quoted");
	vbuf_reset(&v);
	hdr_encode_mailbox(&v, "Caf\xc3\xa9 Group", "info-owner@lists.example.org");
	is_str(vbuf_str(&v), "=?UTF-8?B?Q2Fmw6kgR3JvdXA=?= "
	    "<info-owner@lists.example.org>", "a non-ASCII display name");
	raw_fields(&v);
	long_lines();
	vbuf_release(&v);
	vbuf_release(&f);
	vbuf_release(&d);
	return (done_testing());
}
