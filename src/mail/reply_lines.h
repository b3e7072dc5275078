/*
 * reply_lines.h - reading what a person wrote back, line by line
 *
 * Owns: the rules shared by moderators' replies (list/mod_reply.h) and command
 * messages (command.h) for where a person's own words are: lines quoted
 * with '>', an attribution ("On Monday, X wrote:") before a quote, what
 * mail programs write above quoted text (Outlook, Gmail, forwards), a
 * "-- " signature, reply prefixes on a subject ("Re: Aw: Fwd:"), and the
 * first word of a line without its trailing punctuation.  Pure.
 */
#ifndef REPLY_LINES_H
#define REPLY_LINES_H

#include <stddef.h>

enum reply_line {
	RL_BLANK,		/* only spaces */
	RL_QUOTE,		/* starts with '>' */
	RL_SIG,			/* "-- " or "--": a signature follows */
	RL_TEXT,
};

/* reply_line_class - what the line s (n bytes, no LF) is */
enum reply_line reply_line_class(const char *s, size_t n);

/*
 * reply_next_line - the line at *p (without its LF or trailing spaces;
 * its length in *n), advancing *p; NULL at the end of the text
 */
const char *reply_next_line(const char **p, size_t *n);

/*
 * reply_is_attribution - s (n bytes) says who wrote a quote: it ends in
 * ':' and the next non-blank line of rest is quoted with '>', or it
 * ends in ':' and says "wrote" in one of moot's languages ("On Mon, X
 * wrote:", "Le lun., X a écrit :", "W dniu ... pisze:", "În ... a
 * scris:", "... пише:", "... كتب:", "تمت كتابة ما يلي بواسطة X:",
 * "... نوشت:", "... ጸሓፈ:"), alone or wrapped over s and the next line
 */
int	reply_is_attribution(const char *s, size_t n, const char *rest);

/*
 * reply_quote_starts - the line s (n bytes) begins what the person
 * quoted, to the end of the text: an attribution not followed by a '>'
 * quote (a mail program that quotes in HTML, or Outlook), Outlook's
 * "-----Original Message-----" (any "-----words-----" line, so also
 * Gmail's "---------- Forwarded message ---------"), Outlook's line of
 * underscores before a "From:" line, a forwarded message's header
 * ("Begin forwarded message:"...), or a block of header lines ("From: X
 * <a@b>" then "Sent: ..."), in any language.  rest: the text after s.
 */
int	reply_quote_starts(const char *s, size_t n, const char *rest);

/*
 * reply_first_word - the first word of s (n bytes) into w, without
 * trailing ".!?;" or their Arabic-script and Ethiopic kin (and stopping
 * at ':', ',' or a comma of those scripts); returns the offset
 * just after the word
 */
size_t	reply_first_word(const char *s, size_t n, char *w, size_t size);

/* reply_skip_separators - the length of the blanks, ':', '-', ',' and
 * other scripts' commas and colons that s (n bytes) starts with */
size_t	reply_skip_separators(const char *s, size_t n);

/* reply_unprefix - subject without its "Re:", "Fwd:"... prefixes */
const char *reply_unprefix(const char *subject);

#endif /* REPLY_LINES_H */
