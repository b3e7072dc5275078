/* replytext_test - where a person's own words are in a reply */
#include <string.h>

#include "mail/reply_lines.h"
#include "util/vbuf.h"
#include "../tap.h"
#include "util/sys_defs.h"

#define AR_COMMA	"\xd8\x8c"		/* ، */
#define AR_QUESTION	"\xd8\x9f"		/* ؟ */
#define AR_SEMICOLON	"\xd8\x9b"		/* ؛ */
#define ET_COMMA	"\xe1\x8d\xa3"		/* ፣ */
#define ET_COLON	"\xe1\x8d\xa1"		/* ፡ */
#define ET_STOP		"\xe1\x8d\xa2"		/* ። */
#define AR_APPROVE	"\xd9\x85\xd9\x88\xd8\xa7\xd9\x81\xd9\x82" /* موافق */
#define AR_REJECT	"\xd8\xb1\xd9\x81\xd8\xb6"		 /* رفض */
#define TI_APPROVE	"\xe1\x8a\xa3\xe1\x8c\xbd\xe1\x8b\xb5\xe1\x89\x95"

/* reply_quote_starts: the line begins a quote that runs to the end. */
static const struct {
	const char	*line;
	const char	*rest;
	int		 want;
} quotes[] = {
	{ "-----Original Message-----", "From: a@b\n", 1 },
	{ "-----Message d'origine-----", "De : a@b\n", 1 },
	{ "---------- Forwarded message ---------", "From: a@b\n", 1 },
	{ "________________________________", "From: moot <info@x>\n", 1 },
	{ "________________________________", "\napprove\n", 0 },
	{ "From: moot <info-mod+abc@lists.example>", "Sent: Monday\n", 1 },
	{ "De : moot", "Envoy\xc3\xa9 : lundi\n\xc3\x80 : moi\n", 1 },
	{ "From: moot", "approve\n", 0 },
	{ "reject: off topic", "approve\n", 0 },
	{ "Begin forwarded message:", "\nFrom: a@b\n", 1 },
	{ "On Mon, 23 Nov 2026, moot wrote:", "", 1 },
	{ "On Mon, 23 Nov 2026, moot wrote:", "> approve\n", 0 },
	{ "On Mon, 23 Nov 2026 at 10:00, Alice <", "a@b> wrote:\n> x\n", 0 },
	{ "On Mon, 23 Nov 2026 at 10:00, Alice <", "a@b> wrote:\nx\n", 1 },
	{ "approve", "-----Original Message-----\n", 0 },
	{ "-----", "", 0 },
};

static const struct {
	const char	*line;
	int		 n;		/* -1: strlen(line) */
	enum reply_line	 want;
} classes[] = {
	{ "", -1, RL_BLANK },
	{ "   ", -1, RL_BLANK },
	{ " \t ", -1, RL_BLANK },
	{ "-- ", -1, RL_SIG },
	{ "--", -1, RL_SIG },
	{ "-- trailing words", 3, RL_SIG },	/* only n bytes count */
	{ "-- x", -1, RL_TEXT },
	{ "---", -1, RL_TEXT },
	{ " -- ", -1, RL_TEXT },		/* indented: not a signature */
	{ "-", -1, RL_TEXT },
	{ "> quoted", -1, RL_QUOTE },
	{ ">", -1, RL_QUOTE },
	{ ">> twice quoted", -1, RL_QUOTE },
	{ "   > indented quote", -1, RL_QUOTE },
	{ "\t>tab then quote", -1, RL_QUOTE },
	{ "approve", -1, RL_TEXT },
	{ "approve > that", -1, RL_TEXT },	/* '>' later on the line */
	{ "|quoted the other way", -1, RL_TEXT },
	/* A no-break space is not one of the blanks. */
	{ "\xc2\xa0", -1, RL_TEXT },
	{ AR_APPROVE, -1, RL_TEXT },
	{ "> " AR_APPROVE, -1, RL_QUOTE },
};

/* Lines as reply_next_line gives them, joined with '|'. */
static const struct {
	const char	*text;
	const char	*want;
} splits[] = {
	{ "", "" },
	{ "a", "a" },
	{ "a\n", "a" },
	{ "\n", "" },			/* one empty line */
	{ "\n\n", "|" },
	{ "a\nb  \n\nc", "a|b||c" },
	{ "trailing tab\t\nx", "trailing tab|x" },
	{ "  leading kept", "  leading kept" },
	{ "   \n", "" },			/* a line of spaces is empty */
	{ "trailing spaces   \n", "trailing spaces" },
	/* Callers turn CRLF into LF first: a CR is kept. */
	{ "crlf\r\nnext", "crlf\r|next" },
	{ AR_APPROVE " \n" AR_REJECT, AR_APPROVE "|" AR_REJECT },
};

static const struct {
	const char	*line;
	const char	*rest;
	int		 want;
} attributions[] = {
	{ "On Mon, 23 Nov 2026, moot wrote:", "> approve?\n", 1 },
	{ "On Mon, 23 Nov 2026, moot wrote:", "\n  \n> approve?\n", 1 },
	/* "wrote" says it whatever follows (HTML quotes leave nothing). */
	{ "On Mon, 23 Nov 2026, moot wrote:", "approve\n> x\n", 1 },
	{ "On Mon, 23 Nov 2026, moot wrote:", "", 1 },
	{ "On Mon, 23 Nov 2026, moot wrote:", "\n\n", 1 },
	{ "On Mon, 23 Nov 2026, moot wrote:", "-- \n> x\n", 1 },
	{ "Re: held post:", "approve\n", 0 },
	{ "On Mon, 23 Nov 2026 at 10:00, Alice Martin <",
	    "alice@example.org> wrote:\n> x\n", 1 },	/* wrapped */
	{ "On Mon, 23 Nov 2026, moot wrote", "> approve?\n", 0 },
	{ "", "> x\n", 0 },
	{ ":", "> x\n", 1 },
	{ "Le lundi 23 novembre 2026, moot a \xc3\xa9" "crit :", "> x\n", 1 },
	{ "\xd9\x83\xd8\xaa\xd8\xa8 moot:", "> x\n", 1 },
	/* Spaces and bidi marks after the colon do not count. */
	{ "moot wrote: ", "> x\n", 1 },
	{ "\xd9\x83\xd8\xaa\xd8\xa8 moot:\xe2\x80\xac", "", 1 },
};

static const struct {
	const char	*line;
	int		 n;		/* -1: strlen(line) */
	size_t		 size;		/* 0: 64 */
	const char	*word;
	size_t		 end;		/* offset after the word */
} words[] = {
	{ "", -1, 0, "", 0 },
	{ "   ", -1, 0, "", 3 },
	{ "approve", -1, 0, "approve", 7 },
	{ "  approve  now", -1, 0, "approve", 9 },
	{ "Approved!", -1, 0, "Approved", 9 },	/* case is kept */
	{ "approve.", -1, 0, "approve", 8 },
	{ "approve!?.;", -1, 0, "approve", 11 },
	{ "reject: off topic", -1, 0, "reject", 6 },
	{ "reject:off topic", -1, 0, "reject", 6 },
	{ "ok, thanks", -1, 0, "ok", 2 },
	{ "help\tme", -1, 0, "help", 4 },
	{ "what?is", -1, 0, "what?is", 7 },	/* only at the end */
	{ "+1", -1, 0, "+1", 2 },
	{ "-1", -1, 0, "-1", 2 },
	{ "approve-now", -1, 0, "approve-now", 11 },
	{ "approve", 3, 0, "app", 3 },		/* only n bytes count */
	{ "subscribe me", -1, 4, "sub", 9 },	/* cut to size, not shorter */
	{ "?", -1, 0, "", 1 },			/* punctuation only */
	{ "...", -1, 0, "", 3 },
	{ AR_APPROVE, -1, 0, AR_APPROVE, 10 },
	{ AR_APPROVE AR_QUESTION, -1, 0, AR_APPROVE, 12 },
	{ AR_APPROVE AR_SEMICOLON "!", -1, 0, AR_APPROVE, 13 },
	{ AR_REJECT AR_COMMA " x", -1, 0, AR_REJECT, 6 },
	{ AR_REJECT ": x", -1, 0, AR_REJECT, 6 },
	{ TI_APPROVE ET_STOP, -1, 0, TI_APPROVE, 15 },
	{ TI_APPROVE ET_COLON "x", -1, 0, TI_APPROVE, 12 },
	{ TI_APPROVE ET_COMMA, -1, 0, TI_APPROVE, 12 },
	{ "approve" AR_QUESTION ".", -1, 0, "approve", 10 },
};

static const struct {
	const char	*s;
	size_t		 want;
} separators[] = {
	{ "", 0 },
	{ "x", 0 },
	{ ": off topic", 2 },
	{ " - not for this list", 3 },
	{ ",,  x", 4 },
	{ "--:", 3 },
	{ "\t:\n x", 4 },
	{ AR_COMMA "  x", 4 },
	{ ET_COMMA "x", 3 },
	{ ET_COLON " " ET_COMMA "x", 7 },
	{ ";x", 0 },				/* not a separator */
	{ AR_QUESTION "x", 0 },			/* a stop, not a comma */
	{ ". x", 0 },
};

static const struct {
	const char	*subject;
	const char	*want;
} prefixes[] = {
	{ "", "" },
	{ "hello", "hello" },
	{ "Re: hello", "hello" },
	{ "RE: Re: re:hello", "hello" },
	{ "Aw: Fwd: subscribe", "subscribe" },
	{ "SV: VS: TR: FW: x", "x" },
	{ "Fwd:Re:x", "x" },
	{ "  re:  x", "x" },
	{ "\tRe:\tx", "x" },
	{ "Re:", "" },
	{ "Re: Re: [info] Drop-in", "[info] Drop-in" },
	{ "Reply: x", "Reply: x" },
	{ "Re[2]: x", "Re[2]: x" },
	{ "re :x", "re :x" },
	{ "Regards", "Regards" },
	{ "x Re: y", "x Re: y" },		/* only at the start */
	{ "Re: " AR_APPROVE, AR_APPROVE },
};

/* split - every line of text through reply_next_line, joined with '|' */
static void
split(const char *text, struct vbuf *out)
{
	const char	*p = text, *l;
	size_t		 n;
	int		 first = 1;

	vbuf_reset(out);
	while ((l = reply_next_line(&p, &n)) != NULL) {
		if (!first)
			vbuf_putc(out, '|');
		vbuf_cat(out, l, n);
		first = 0;
	}
}

int
main(void)
{
	struct vbuf	 got;
	char		 w[64];
	size_t		 i, end, n;

	vbuf_init(&got, VBUF_NOMAX);
	for (i = 0; i < nitems(classes); i++) {
		n = classes[i].n < 0 ? strlen(classes[i].line) :
		    (size_t)classes[i].n;
		is_int(reply_line_class(classes[i].line, n), classes[i].want,
		    "class of \"%s\" (%zu bytes)", classes[i].line, n);
	}
	for (i = 0; i < nitems(splits); i++) {
		split(splits[i].text, &got);
		is_str(vbuf_str(&got), splits[i].want, "lines of case %zu", i);
	}
	for (i = 0; i < nitems(attributions); i++)
		is_int(reply_is_attribution(attributions[i].line,
		    strlen(attributions[i].line), attributions[i].rest),
		    attributions[i].want, "attribution: \"%s\" before case %zu",
		    attributions[i].line, i);
	for (i = 0; i < nitems(quotes); i++)
		is_int(reply_quote_starts(quotes[i].line, strlen(quotes[i].line),
		    quotes[i].rest), quotes[i].want, "a quote starts at \"%s\"",
		    quotes[i].line);
	for (i = 0; i < nitems(words); i++) {
		size_t	size = words[i].size ? words[i].size : sizeof(w);

		n = words[i].n < 0 ? strlen(words[i].line) :
		    (size_t)words[i].n;
		memset(w, 'Z', sizeof(w));
		end = reply_first_word(words[i].line, n, w, size);
		is_str(w, words[i].word, "first word of \"%s\"", words[i].line);
		is_int(end, words[i].end, "  ends at byte %zu", words[i].end);
	}
	for (i = 0; i < nitems(separators); i++)
		is_int(reply_skip_separators(separators[i].s,
		    strlen(separators[i].s)), separators[i].want,
		    "separators at the start of \"%s\"", separators[i].s);
	/* Only n bytes count: a separator past them is not skipped. */
	is_int(reply_skip_separators(": x", 1), 1, "separators within n only");

	for (i = 0; i < nitems(prefixes); i++)
		is_str(reply_unprefix(prefixes[i].subject), prefixes[i].want,
		    "unprefixed \"%s\"", prefixes[i].subject);
	/* The answer points into the subject: nothing is copied. */
	{
		const char	*s = "Re: Fwd: x";

		ok(reply_unprefix(s) == s + 9, "unprefix returns a pointer "
		    "into the subject");
	}
	vbuf_release(&got);
	return (done_testing());
}
