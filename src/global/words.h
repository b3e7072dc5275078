/*
 * words.h - the words people may answer moot with, in their languages
 *
 * Owns: templates/<lang>/words: lines "KEY = word word ...", for the keys
 * of words.c (approve, reject, discard, and the commands of a message
 * to LIST-request).  A word
 * matches whatever its case (Unicode lower-casing, C.UTF-8).  English
 * always works; the speaker's language adds its own words (issue text:
 * "the English words always work").
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
 * words_match_any - the same in English or any language with a words
 * file (for a stranger, whose language moot does not know); lang gets
 * the language it was found in.
 */
const char *words_match_any(const struct conf *, const char *word,
	    const char *wanted, char *lang, size_t size);

/* words_check - templates/<lang>/words is well formed; -1 with why */
int	words_check(const char *path, struct vbuf *err);

/* words_fold - word in lower case (UTF-8) into out */
void	words_fold(const char *word, struct vbuf *out);

#endif /* WORDS_H */
