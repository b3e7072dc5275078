/*
 * fold.c - one spelling for a word; see fold.h
 */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "global/fold.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define FOLD_MAX	1024	/* UTF-16 units: words are short */

/* Letters written in several ways, to the one the words files use. */
static const struct {
	UChar32	from, to;
} variants[] = {
	{ 0x06cc, 0x064a }, { 0x0649, 0x064a }, { 0x0626, 0x064a },	/* ي */
	{ 0x06a9, 0x0643 },						/* ك */
	{ 0x0629, 0x0647 }, { 0x06c0, 0x0647 },				/* ه */
	{ 0x0623, 0x0627 }, { 0x0625, 0x0627 }, { 0x0622, 0x0627 },	/* ا */
	{ 0x0671, 0x0627 },
	{ 0x0624, 0x0648 },						/* و */
	{ 0x12a0, 0x12a3 },						/* ኣ */
	{ 0x2019, 0x0027 },						/* ' */
};

/* dropped - c is no part of the spelling (see fold.h) */
static int
dropped(UChar32 c)
{
	if (c == 0x0640 || (c >= 0x064b && c <= 0x0655) || c == 0x0670)
		return (1);		/* tatweel, harakat, a loose hamza */
	if ((c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xe0100 && c <= 0xe01ef))
		return (1);		/* variation selectors */
	return (u_charType(c) == U_FORMAT_CHAR);	/* bidi, ZWJ, SHY */
}

/* variant - the one spelling of letter c */
static UChar32
variant(UChar32 c)
{
	if (c >= 0x1340 && c <= 0x1347)		/* ፀ series → ጸ series */
		return (c - 0x1340 + 0x1338);
	if (c >= 0x1220 && c <= 0x1227)		/* ሠ series → ሰ series */
		return (c - 0x1220 + 0x1230);
	for (size_t i = 0; i < nitems(variants); i++)
		if (variants[i].from == c)
			return (variants[i].to);
	return (c);
}

/* fold_word - see fold.h */
void
fold_word(const char *s, size_t n, struct vbuf *out)
{
	UChar		 a[FOLD_MAX], b[FOLD_MAX];
	char		 u8[FOLD_MAX * 3];
	UErrorCode	 e = U_ZERO_ERROR;
	const UNormalizer2 *nfc;
	int32_t		 la, lb, i, j;
	UChar32		 c;

	vbuf_reset(out);
	vbuf_cat(out, "", 0);
	/* No word is that long; case folding may triple a word (ΐ). */
	if (n > FOLD_MAX / 4)
		n = FOLD_MAX / 4;
	u_strFromUTF8WithSub(a, FOLD_MAX, &la, s, (int32_t)n, 0xfffd, NULL,
	    &e);
	if (U_FAILURE(e))
		return;
	lb = u_strFoldCase(b, FOLD_MAX, a, la, U_FOLD_CASE_DEFAULT, &e);
	nfc = unorm2_getNFCInstance(&e);
	if (U_FAILURE(e))
		return;
	la = unorm2_normalize(nfc, b, lb, a, FOLD_MAX, &e);
	if (U_FAILURE(e))
		return;
	for (i = 0, j = 0; i < la; ) {
		U16_NEXT(a, i, la, c);
		if (dropped(c))
			continue;
		c = variant(c);
		U16_APPEND_UNSAFE(b, j, c);
	}
	u_strToUTF8(u8, sizeof(u8), &lb, b, j, &e);
	if (U_SUCCESS(e))
		vbuf_cat(out, u8, (size_t)lb);
}
