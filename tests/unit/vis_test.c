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
	 * U+202E RIGHT-TO-LEFT OVERRIDE is valid UTF-8 and no C0 or C1
	 * control: the contract lets it through (it is not escaped).
	 */
	{ "U+202E RLO is not a control in the contract's sense",
	    "a\xe2\x80\xae" "b", "a\xe2\x80\xae" "b" },
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

	/* An escape is four bytes: a capped buffer says it is full. */
	vbuf_init(&small, 8);
	vis_append(&small, "\x1b\x1b\x1b");
	ok(vbuf_err(&small), "three escapes do not fit 8 bytes: sticky error");
	vbuf_release(&small);

	vbuf_release(&out);
	return (done_testing());
}
