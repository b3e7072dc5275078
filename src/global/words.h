/*
 * words.h - the words people may answer moot with, in their languages
 *
 * Owns: templates/<lang>/words: lines "KEY = word word ...", for the keys
 * of words.c: decisions (approve, reject, discard: they decide alone or
 * before a reason; approve-alone, reject-alone, discard-alone: everyday
 * words that decide only alone), polite words that may stand around a
 * decision (polite), cancel (declines a confirmation), and the commands
 * of a message to LIST-request.  global/decide.h applies the rules.  A
 * word matches as fold.h folds it, in the speaker's language or English
 * ("the English words always work").  A word is under one key only.
 */
#ifndef WORDS_H
#define WORDS_H

struct conf;
struct vbuf;

/*
 * words_match - the key of word (e.g. "approve") in lang or English,
 * among the keys in wanted (comma-separated; NULL: any), or NULL.  word
 * is one word of UTF-8, as it was written.
 */
const char *words_match(const struct conf *, const char *lang,
	    const char *word, const char *wanted);

/*
 * words_match_any - the same in English or the languages of the word's
 * script (for a stranger, whose language moot does not know): Arabic
 * script ar and fa (fa first when the word has پ چ ژ گ ک or ی), Cyrillic
 * uk, Ethiopic ti, Latin fr, pl, ro (first the one whose own letters the
 * word has), then languages moot has no table for, by name; lang gets
 * the language it was found in.
 */
const char *words_match_any(const struct conf *, const char *word,
	    const char *wanted, char *lang, size_t size);

/* words_check - templates/<lang>/words is well formed; -1 with why */
int	words_check(const char *path, struct vbuf *err);

/* words_fold - word folded (fold.h) into out */
void	words_fold(const char *word, struct vbuf *out);

#endif /* WORDS_H */
