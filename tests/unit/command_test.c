/* command_test - reading the commands in a message to LIST-request */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "list/command.h"
#include "global/conf.h"
#include "mail/mail.h"
#include "util/vbuf.h"
#include "../tap.h"
#include "testlib.h"
#include "todo.h"
#include "util/sys_defs.h"

#define AR_JOIN		"\xd8\xa7\xd8\xb4\xd8\xaa\xd8\xb1\xd9\x83" /* اشترك */
#define AR_COMMA	"\xd8\x8c"				/* ، */
#define FA_HELP		"\xd8\xb1\xd8\xa7\xd9\x87\xd9\x86\xd9\x85\xd8\xa7" \
			    /* راهنما */
#define UK_HELP_UC	"\xd0\x94\xd0\xbe\xd0\xbf\xd0\xbe\xd0\xbc\xd0\xbe" \
			    "\xd0\xb3\xd0\xb0"		/* Допомога */
#define QP		"Content-Type: text/plain; charset=utf-8\n" \
			    "Content-Transfer-Encoding: quoted-printable\n"
#define B64		"Content-Type: text/plain; charset=utf-8\n" \
			    "Content-Transfer-Encoding: base64\n"
#define HTML		"Content-Type: text/html; charset=utf-8\n"

/*
 * Each row is a message (From:, then Subject: unless it is NULL, then
 * the extra header lines, a blank line and the body) and what was read,
 * as render() writes it: each command's line as the reply quotes it,
 * "token=" for confirm, "(bad)" for a set with nothing to set, "(cut)"
 * for an argument too long to use; then "+N" for lines past CMD_MAX and
 * "lang=" for the first command word that is not English.
 */
static const struct {
	const char	*desc;
	const char	*subject;
	const char	*headers;
	const char	*body;
	const char	*want;
} cases[] = {
	{ "the Subject alone", "subscribe", "", "", "subscribe" },
	{ "the Subject less Re:", "Re: subscribe", "", "", "subscribe" },
	{ "the Subject less Aw: Fwd:", "Aw: Fwd: unsubscribe", "", "",
	    "unsubscribe" },
	{ "no Subject, no body", NULL, "", "", "" },
	{ "an empty body", "hello", "", "", "" },
	{ "a Subject that is no command, then the body", "Question", "",
	    "help\n", "help" },
	{ "the Subject, then text that is no command", "subscribe", "",
	    "Hi, please add me.\n", "subscribe" },
	{ "two lines", NULL, "", "subscribe\nunsubscribe\n",
	    "subscribe; unsubscribe" },
	{ "blank lines before and between", NULL, "", "\n\n  help  \n\n"
	    "lists\n", "help; lists" },
	{ "given twice: read once", "help", "", "help\nHELP\nhelp.\n",
	    "help" },
	{ "stops at the first line that is not a command", NULL, "",
	    "help\nthanks!\nlists\n", "help" },
	{ "stops at a signature", NULL, "", "help\n-- \nlists\n", "help" },
	{ "stops at a bare -- signature", NULL, "", "help\n--\nlists\n",
	    "help" },
	{ "quoted text first: nothing", NULL, "", "> help\nlists\n", "" },
	{ "stops at quoted text", NULL, "", "who\n> help\nlists\n", "who" },
	{ "an attribution is not a command", NULL, "",
	    "On Mon, 23 Nov 2026, moot wrote:\n> subscribe\n", "" },
	{ "commands are words of their own", NULL, "", "helpful\n", "" },
	{ "any case", NULL, "", "SUBSCRIBE\nHeLp\n", "subscribe; help" },
	{ "punctuation after the word", NULL, "", "help!\nlists.\nwho?\n",
	    "help; lists; who" },
	{ "other words for the commands", NULL, "", "join\nleave\nmembers\n"
	    "about\n", "subscribe; unsubscribe; who; info" },
	{ "CRLF line ends", NULL, "", "help\r\nlists\r\n", "help; lists" },

	{ "subscribe with a mode", NULL, "", "subscribe digest\n",
	    "subscribe digest" },
	{ "subscribe NOMAIL: modes in any case", NULL, "",
	    "subscribe NOMAIL\n", "subscribe nomail" },
	{ "subscribe someone else", NULL, "",
	    "subscribe other@two.example\n", "subscribe other@two.example" },
	{ "the address first, then the mode", NULL, "",
	    "subscribe other@two.example digest\n",
	    "subscribe digest other@two.example" },
	{ "<brackets> come off", NULL, "", "subscribe <o@two.example>\n",
	    "subscribe o@two.example" },
	{ "mailto: comes off, the case stays", NULL, "",
	    "subscribe mailto:Other@Two.example\n",
	    "subscribe Other@Two.example" },
	{ "address= comes off", NULL, "",
	    "unsubscribe address=x@y.example\n", "unsubscribe x@y.example" },
	{ "the first address only", NULL, "",
	    "subscribe a@x.example b@y.example\n", "subscribe a@x.example" },
	{ "words without @ are not an address", NULL, "",
	    "subscribe me please\n", "subscribe" },
	{ "subscribe: with a colon", NULL, "", "subscribe: me@x.example\n",
	    "subscribe me@x.example" },
	{ "subscribe:address without a space", NULL, "",
	    "subscribe:me@x.example\n", "subscribe me@x.example" },
	{ "subscribe, with a comma", NULL, "", "subscribe, me@x.example\n",
	    "subscribe me@x.example" },
	{ "a mode is only for subscribe", NULL, "", "unsubscribe digest\n",
	    "unsubscribe" },
	/* Threat E1: only an address moot can use is quoted back. */
	{ "a non-ASCII address is not quoted back", NULL, "",
	    "subscribe \xc3\xa9l\xc3\xa8ve@x.example\n", "subscribe ..." },
	{ "a link given as an address is not quoted back", NULL, "",
	    "subscribe https://evil.example/win@x.example\n",
	    "subscribe ..." },
	{ "nor one with a space", NULL, "",
	    "subscribe \"click here\"@x.example\n", "subscribe ..." },
	{ "subscribe twice, once for another address", NULL, "",
	    "subscribe\nsubscribe o@two.example\nsubscribe\n",
	    "subscribe; subscribe o@two.example" },
	{ "addresses differ only in case: once", NULL, "",
	    "subscribe o@two.example\nsubscribe O@TWO.example\n",
	    "subscribe o@two.example" },

	{ "confirm a token", NULL, "",
	    "confirm abcdefghijklmnopqrstuvwxyz\n",
	    "confirm token=abcdefghijklmnopqrstuvwxyz" },
	{ "confirm a confirm address", NULL, "",
	    "confirm info-confirm+ABC123@lists.example.org\n",
	    "confirm token=ABC123" },
	{ "confirm a mailto: confirm address", NULL, "",
	    "confirm mailto:info-confirm+tok9@lists.example.org\n",
	    "confirm token=tok9" },
	{ "confirm without a token", NULL, "", "confirm\n", "confirm" },
	{ "the token is in the Subject of a reply", "Re: confirm "
	    "Qz7kd0", "", "> Reply to confirm\n", "confirm token=Qz7kd0" },

	{ "set a mode", NULL, "", "set digest\n", "set digest" },
	{ "the plain-text digest", NULL, "", "set digest plain\n",
	    "set digest plain" },
	{ "the MIME digest, said", NULL, "", "set DIGEST mime\n",
	    "set digest" },
	{ "plain alone is no mode", NULL, "", "set plain\n", "set (bad)" },
	{ "nodigest is mail", NULL, "", "set nodigest\n", "set mail" },
	{ "set a language", NULL, "", "set language AR\n",
	    "set language ar" },
	{ "set lang, the short form", NULL, "", "set lang fr\n",
	    "set language fr" },
	{ "set both", NULL, "", "set nomail language uk\n",
	    "set nomail language uk" },
	{ "set nothing", NULL, "", "set\n", "set (bad)" },
	{ "set an unknown thing", NULL, "", "set colour blue\n",
	    "set (bad)" },
	{ "set language without a code", NULL, "", "set language\n",
	    "set (bad)" },
	{ "a language code over 15 bytes is none", NULL, "",
	    "set language abcdefghijklmnopqrst\n", "set (bad)" },
	{ "a link is no language code (E1)", NULL, "",
	    "set language bit.ly/x\n", "set (bad)" },
	{ "a language code with a region", NULL, "",
	    "set language pt-BR\n", "set language pt-br" },

	{ "Arabic", NULL, "", AR_JOIN "\n", "subscribe lang=ar" },
	{ "Arabic, an Arabic comma, an address", NULL, "",
	    AR_JOIN AR_COMMA " a@x.example\n",
	    "subscribe a@x.example lang=ar" },
	{ "English first, then Arabic: the language is Arabic", NULL, "",
	    "help\n" AR_JOIN "\n", "help; subscribe lang=ar" },
	{ "Persian", NULL, "", FA_HELP "\n", "help lang=fa" },
	{ "Ukrainian in capitals", NULL, "", UK_HELP_UC "\n",
	    "help lang=uk" },
	{ "French with an accent in capitals", NULL, "",
	    "D\xc3\x89SABONNER\n", "unsubscribe lang=fr" },
	{ "an encoded Arabic Subject", "=?UTF-8?B?2KfYtNiq2LHZgw==?=", "", "",
	    "subscribe lang=ar" },

	{ "quoted-printable", NULL, QP, "subscribe=20digest\n",
	    "subscribe digest" },
	{ "quoted-printable soft line break", NULL, QP, "unsub=\nscribe\n",
	    "unsubscribe" },
	{ "base64", NULL, B64, "dW5zdWJzY3JpYmUNCg==\n", "unsubscribe" },
	{ "HTML only: quotes are left out", NULL, HTML,
	    "<p>subscribe</p><blockquote>unsubscribe</blockquote>\n",
	    "subscribe" },
	{ "a long line after a command", NULL, "", "help "
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "\n", "help" },
};

/* render - what r holds, in the words of the table */
static void
render(const struct command_read *r, struct vbuf *out)
{
	vbuf_reset(out);
	for (size_t i = 0; i < r->n; i++) {
		const struct command *c = &r->cmd[i];

		vbuf_printf(out, "%s%s", i > 0 ? "; " : "", c->line);
		if (c->kind == CMD_CONFIRM && c->arg[0] != '\0')
			vbuf_printf(out, " token=%s", c->arg);
		if (c->bad)
			vbuf_puts(out, " (bad)");
		if (c->arg_too_long)
			vbuf_puts(out, " (cut)");
	}
	if (r->more > 0)
		vbuf_printf(out, " +%zu", r->more);
	if (r->lang[0] != '\0')
		vbuf_printf(out, " lang=%s", r->lang);
	if (out->data == NULL)
		vbuf_cat(out, "", 0);
}

/* read_text - command_read of a message made of subject, headers, body */
static void
read_text(const struct conf *c, const char *subject, const char *headers,
    const char *body, struct command_read *r)
{
	struct vbuf	 raw, canon, why;
	struct mail	 m;

	vbuf_init(&raw, VBUF_NOMAX);
	vbuf_init(&canon, VBUF_NOMAX);
	vbuf_init(&why, 1024);
	vbuf_puts(&raw, "From: amira@one.example\n");
	if (subject != NULL)
		vbuf_printf(&raw, "Subject: %s\n", subject);
	vbuf_printf(&raw, "%s\n%s", headers, body);
	mail_canon(&canon, raw.data, raw.len);
	if (mail_parse(&m, canon.data, canon.len, &c->lim, &why) == -1) {
		diag("does not parse: %s", vbuf_str(&why));
		memset(r, 0, sizeof(*r));
	} else
		command_read(c, &m, r);
	mail_free(&m);
	vbuf_release(&raw);
	vbuf_release(&canon);
	vbuf_release(&why);
}

int
main(void)
{
	const char		*src = getenv("MOOT_SRCDIR");
	struct command_read	 r;
	struct conf		 c;
	struct vbuf		 got, body;
	char			 tree[512];
	size_t			 i;

	memset(&c, 0, sizeof(c));
	test_limits(&c.lim);
	(void)snprintf(tree, sizeof(tree), "%s/templates",
	    src != NULL ? src : "..");
	c.templates = tree;
	c.domain = "lists.example.org";
	c.delimiter = '+';
	vbuf_init(&got, VBUF_NOMAX);
	vbuf_init(&body, VBUF_NOMAX);

	for (i = 0; i < nitems(cases); i++) {
		read_text(&c, cases[i].subject, cases[i].headers,
		    cases[i].body, &r);
		render(&r, &got);
		is_str(vbuf_str(&got), cases[i].want, "%s", cases[i].desc);
	}

	/* The words file has "help = help ?", but the reader takes the
	 * '?' for punctuation and is left with no word. */
	read_text(&c, NULL, "", "?\n", &r);
	render(&r, &got);
	todo_ok(strcmp(vbuf_str(&got), "help") == 0, "reply_first_word "
	    "strips the whole word", "\"?\" asks for help, as en/words says");

	/* CMD_MAX commands; the rest are counted (threat D3). */
	vbuf_reset(&body);
	for (i = 1; i <= 12; i++)
		vbuf_printf(&body, "subscribe a%zu@x.example\n", i);
	read_text(&c, NULL, "", vbuf_str(&body), &r);
	is_int(r.n, CMD_MAX, "12 commands: CMD_MAX are read");
	is_int(r.more, 2, "  and 2 counted past them");
	is_str(r.cmd[CMD_MAX - 1].arg, "a10@x.example", "  in order");

	/* A flood of lines: at most CMD_MAX * 10 are looked at. */
	vbuf_reset(&body);
	for (i = 1; i <= 150; i++)
		vbuf_printf(&body, "subscribe a%zu@x.example\n", i);
	read_text(&c, NULL, "", vbuf_str(&body), &r);
	is_int(r.n + r.more, CMD_MAX * 10, "150 command lines: 100 looked at");
	vbuf_reset(&body);
	for (i = 0; i < 500; i++)
		vbuf_puts(&body, "help\n");
	vbuf_puts(&body, "lists\n");
	read_text(&c, NULL, "", vbuf_str(&body), &r);
	render(&r, &got);
	is_str(vbuf_str(&got), "help", "500 times help, then lists: lists "
	    "is past the lines looked at");

	/* An address too long to use is refused, never taken for the
	 * sender's own. */
	vbuf_reset(&body);
	vbuf_puts(&body, "subscribe ");
	for (i = 0; i < 300; i++)
		vbuf_putc(&body, 'a');
	vbuf_puts(&body, "@x.example\n");
	read_text(&c, NULL, "", vbuf_str(&body), &r);
	render(&r, &got);
	is_str(vbuf_str(&got), "subscribe ... (cut)", "a 311-byte address");
	is_int(strlen(r.cmd[0].arg), ADDR_MAX + 1, "  kept cut to the buffer");
	vbuf_reset(&body);
	vbuf_puts(&body, "unsubscribe ");
	for (i = 0; i < 300; i++)
		vbuf_putc(&body, 'b');
	vbuf_puts(&body, "\n");
	read_text(&c, NULL, "", vbuf_str(&body), &r);
	render(&r, &got);
	is_str(vbuf_str(&got), "unsubscribe ... (cut)", "a 300-byte word "
	    "without @ is an address too long too");

	/* The quoted line is cut to CMD_LINE_MAX. */
	vbuf_reset(&body);
	vbuf_puts(&body, "subscribe digest ");
	for (i = 0; i < 64; i++)
		vbuf_putc(&body, 'c');
	vbuf_putc(&body, '@');
	for (i = 0; i < 170; i++)
		vbuf_putc(&body, 'd');
	vbuf_puts(&body, ".example\n");
	read_text(&c, NULL, "", vbuf_str(&body), &r);
	is_int(r.n, 1, "a 260-byte command line");
	is_int(strlen(r.cmd[0].line), CMD_LINE_MAX - 1, "  is quoted in %d "
	    "bytes", CMD_LINE_MAX - 1);
	ok(strncmp(r.cmd[0].line, "subscribe digest ccc", 20) == 0,
	    "  from its start");
	ok(!r.cmd[0].arg_too_long, "  and the address itself is whole");

	/* Every kind has its name. */
	is_str(command_name(CMD_SUBSCRIBE), "subscribe", "command_name");
	is_str(command_name(CMD_INFO), "info", "command_name, the last");
	is_str(command_name((enum cmd_kind)99), "?", "command_name of no "
	    "command");

	vbuf_release(&got);
	vbuf_release(&body);
	return (done_testing());
}
