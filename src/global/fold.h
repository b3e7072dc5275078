/*
 * fold.h - one spelling for the ways a word may be typed
 *
 * Owns: how a word a person wrote is compared with the words of
 * templates/<lang>/words.  Both sides are folded the same way:
 *   - Unicode full case folding and NFC normalisation (ICU);
 *   - format characters dropped: bidi marks and embeddings (U+200E/F,
 *     U+202A-E, U+2066-9, U+061C), ZWJ/ZWNJ (Persian writes نمی‌پذیرم
 *     with or without U+200C), soft hyphen, variation selectors, and
 *     the Arabic tatweel U+0640 (a stretch, not a letter);
 *   - Arabic short vowels (harakat U+064B-0652, U+0670) dropped;
 *   - Arabic and Persian letter variants to one letter, which keyboards
 *     and habits mix: ی ى → ي, ک → ك, ة → ه, ۀ → ه, أ إ آ ٱ → ا,
 *     ؤ → و, ئ → ي (ICU has no such folding; a small table here);
 *   - Ethiopic variants that Tigrinya writers mix for the same sound:
 *     the ፀ series → the ጸ series, the ሠ series → the ሰ series, አ → ኣ.
 *     Letters that are different sounds in Tigrinya (ሀ ሐ ኀ, ዐ አ) are
 *     kept apart;
 *   - the typographic apostrophe ’ → '.
 * Quotes and guillemets around a word are not part of it: the reader
 * (answer.h) leaves them out before folding.  Pure.
 */
#ifndef FOLD_H
#define FOLD_H

#include <stddef.h>

struct vbuf;

/* fold_word - s (n bytes of UTF-8; invalid bytes are kept as U+FFFD)
 * folded into out, UTF-8, NUL-terminated */
void	fold_word(const char *s, size_t n, struct vbuf *out);

#endif /* FOLD_H */
