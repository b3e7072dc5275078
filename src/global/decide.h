/*
 * decide.h - whether a line a person wrote is clearly a decision
 *
 * Owns: the rules shared by moderators' replies (list/mod_reply.h),
 * confirmations (list/confirm.c) and ballots.  A caller names its
 * decisions by words.h keys ("approve,reject,discard"; a ballot its
 * own); a line decides only when it is clearly one:
 *   - a word under KEY alone, or before its reason: "reject",
 *     "reject: off topic", "reject off topic";
 *   - a word under KEY-alone (yes, no, ok, post, and their
 *     translations: words that also begin everyday sentences) only
 *     alone: "No" rejects, "No problem, ..." decides nothing;
 *   - "alone" allows punctuation, emoji, quotes and guillemets around
 *     the word, and the polite words (key "polite": thanks, please...)
 *     before or after it: "yes please, thanks", "«approve»!".
 * Words are matched as fold.h says, in the writer's language and
 * English; a writer whose language is not known is read by the script
 * of the word (words_match_any).  Anything else decides nothing.
 */
#ifndef DECIDE_H
#define DECIDE_H

#include <stddef.h>

struct conf;

#define DECIDE_ALONE	0x01	/* every word decides only alone */

struct decided {
	char		 key[32];	/* the key decided (one of keys) */
	size_t		 rest;	/* where what follows the word begins (its
				 * reason); n if nothing but polite words */
	char		 lang[16];	/* the language of the word */
};

/*
 * decide_line - the decision in the line s (n bytes of UTF-8) among
 * keys (comma-separated words.h keys), written in lang (NULL: not
 * known), with flags DECIDE_*; 1 if the line decides, else 0
 */
int	decide_line(const struct conf *, const char *lang, const char *s,
	    size_t n, const char *keys, int flags, struct decided *);

#endif /* DECIDE_H */
