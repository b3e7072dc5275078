/* vis_test - mail-derived text made safe for a terminal (threat F3) */
#include <string.h>

#include "util/vbuf.h"
#include "util/vis.h"
#include "../tap.h"
#include "util/sys_defs.h"

static const struct {
	const char	*desc;
	const char	*in;
	const char	*want;
} cases[] = {
	{ "empty", "", "" },
	{ "plain ASCII", "Drop-in moved to Thursday",
	    "Drop-in moved to Thursday" },
	{ "every printable ASCII byte but the backslash",
	    " !\"#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~",
	    " !\"#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~" },
	{ "a backslash is doubled, so \\x1b in the text stays readable",
	    "C:\\x1b", "C:\\\\x1b" },
	{ "the clear-screen ESC and a BEL (threat F3)", "\x1b[2J\x07hi",
	    "\\x1b[2J\\x07hi" },
	{ "a tab", "a\tb", "a\\x09b" },
	{ "CR and LF: one log line stays one line", "x\r\nBcc: evil@x",
	    "x\\x0d\\x0aBcc: evil@x" },
	{ "DEL", "a\x7f", "a\\x7f" },
	{ "the lowest C0 control after NUL", "\x01", "\\x01" },
	{ "0x1f, the last C0 control", "\x1f", "\\x1f" },
	{ "UTF-8 French passes", "caf\xc3\xa9 cr\xc3\xa8me",
	    "caf\xc3\xa9 cr\xc3\xa8me" },
	{ "Arabic (right to left) passes",
	    "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7",
	    "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7" },
	{ "Ukrainian passes", "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd1\x96\xd1"
	    "\x82", "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd1\x96\xd1\x82" },
	{ "a four-byte emoji passes", "ok \xf0\x9f\x98\x80",
	    "ok \xf0\x9f\x98\x80" },
	{ "U+0800, the smallest three-byte character", "\xe0\xa0\x80",
	    "\xe0\xa0\x80" },
	{ "U+10FFFF, the last character", "\xf4\x8f\xbf\xbf",
	    "\xf4\x8f\xbf\xbf" },
	/*
	 * The bidi controls are valid UTF-8 but turn the rest of a line
	 * around ("invoice\u{202E}fdp.exe" shows as "invoiceexe.pdf"):
	 * shown by their code point, all of Unicode's Bidi_Control.
	 */
	{ "U+202E RLO is shown, not obeyed", "a\xe2\x80\xae" "b",
	    "a\\u{202E}b" },
	{ "U+202A LRE, the first embedding", "\xe2\x80\xaa",
	    "\\u{202A}" },
	{ "U+202C PDF", "x\xe2\x80\xac", "x\\u{202C}" },
	{ "U+2066 LRI and U+2069 PDI", "\xe2\x81\xa6" "a\xe2\x81\xa9",
	    "\\u{2066}a\\u{2069}" },
	{ "U+200E LRM and U+200F RLM", "\xe2\x80\x8e\xe2\x80\x8f",
	    "\\u{200E}\\u{200F}" },
	{ "U+061C ARABIC LETTER MARK", "\xd8\x9c", "\\u{061C}" },
	{ "U+200D ZWJ, in emoji and Persian, is not bidi: it passes",
	    "\xe2\x80\x8d", "\xe2\x80\x8d" },
	{ "U+202F NARROW NO-BREAK SPACE, just past RLO, passes",
	    "\xe2\x80\xaf", "\xe2\x80\xaf" },
	{ "U+2065, before LRI, passes (unassigned but valid)",
	    "\xe2\x81\xa5", "\xe2\x81\xa5" },
	{ "U+206A, after PDI, passes", "\xe2\x81\xaa", "\xe2\x81\xaa" },
	{ "U+0085 NEL, a C1 control, as UTF-8", "a\xc2\x85" "b",
	    "a\\xc2\\x85b" },
	{ "U+009B CSI, the C1 escape of terminals", "\xc2\x9b" "2J",
	    "\\xc2\\x9b" "2J" },
	{ "U+0080, the first C1 control", "\xc2\x80", "\\xc2\\x80" },
	{ "U+00A0, just past C1, passes", "\xc2\xa0", "\xc2\xa0" },
	{ "Latin-1, not UTF-8", "caf\xe9", "caf\\xe9" },
	{ "a lone continuation byte", "\x80", "\\x80" },
	{ "0xff 0xfe", "\xff\xfe", "\\xff\\xfe" },
	{ "a sequence cut by the end of the string", "a\xe2\x82",
	    "a\\xe2\\x82" },
	{ "a sequence cut by ASCII", "\xe2\x82" "A", "\\xe2\\x82" "A" },
	{ "an overlong '/' in two bytes", "\xc0\xaf", "\\xc0\\xaf" },
	{ "an overlong '/' in three bytes", "\xe0\x80\xaf",
	    "\\xe0\\x80\\xaf" },
	{ "an overlong in four bytes", "\xf0\x80\x80\xaf",
	    "\\xf0\\x80\\x80\\xaf" },
	{ "a UTF-16 surrogate", "\xed\xa0\x80", "\\xed\\xa0\\x80" },
	{ "past U+10FFFF", "\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80" },
	{ "a five-byte lead", "\xf8\x88\x80\x80\x80",
	    "\\xf8\\x88\\x80\\x80\\x80" },
};

int
main(void)
{
	struct vbuf	 out, small;
	char		 line[2100];
	size_t		 i;

	vbuf_init(&out, VBUF_NOMAX);
	for (i = 0; i < nitems(cases); i++) {
		vbuf_reset(&out);
		vis_append(&out, cases[i].in);
		is_str(vbuf_str(&out), cases[i].want, "%s", cases[i].desc);
	}

	/* It appends, and leaves what was there alone. */
	vbuf_reset(&out);
	vbuf_puts(&out, "subject=");
	vis_append(&out, "\x1b");
	is_str(vbuf_str(&out), "subject=\\x1b", "appends to what is there");
	vis_append(&out, NULL);
	is_str(vbuf_str(&out), "subject=\\x1b", "NULL appends nothing");

	/* A long line is neither cut nor split. */
	memset(line, 'a', 2000);
	line[2000] = '\x1b';
	line[2001] = '\0';
	vbuf_reset(&out);
	vis_append(&out, line);
	is_int(out.len, 2004, "a 2001-byte line: 2000 bytes and one escape");
	ok(strcmp(vbuf_str(&out) + 2000, "\\x1b") == 0, "  the escape is at "
	    "its end");

	/* vis_bidi_append escapes only the bidi controls. */
	vbuf_reset(&out);
	vis_bidi_append(&out, "a\\b\n\xe2\x80\xae" "c\xd9\x85");
	is_str(vbuf_str(&out), "a\\b\n\\u{202E}c\xd9\x85",
	    "vis_bidi_append: only the override is escaped");
	vbuf_reset(&out);
	vis_bidi_append(&out, NULL);
	is_str(vbuf_str(&out), "", "vis_bidi_append: NULL appends nothing");

	/* vis_bounded never cuts \u{202E} in half. */
	{
		char	dst[8];
		size_t	took = vis_bounded(dst, sizeof(dst), "ab\xe2\x80\xae");

		is_str(dst, "ab", "vis_bounded: an escape that does not fit "
		    "is left out whole");
		is_int(took, 2, "  and the bytes it took say so");
	}

	/* vis_utf8_text: text, or not */
	ok(vis_utf8_text("caf\xc3\xa9 \xd9\x85\n", 9), "vis_utf8_text: UTF-8");
	ok(!vis_utf8_text("caf\xe9", 4), "  not Latin-1");
	ok(!vis_utf8_text("a\0b", 3), "  not with a NUL");
	ok(!vis_utf8_text("\xc3\xa9", 1), "  not a character cut by len");
	ok(vis_utf8_text("", 0), "  nothing is text");

	/* An escape is four bytes: a capped buffer says it is full. */
	vbuf_init(&small, 8);
	vis_append(&small, "\x1b\x1b\x1b");
	ok(vbuf_err(&small), "three escapes do not fit 8 bytes: sticky error");
	vbuf_release(&small);

	vbuf_release(&out);
	return (done_testing());
}
