/*
 * leafcmp ORIGINAL COPY - exit 0 if every MIME leaf of ORIGINAL (read as
 * moot stores it, line ends made CRLF) is, in order, byte for byte a leaf
 * of COPY, and COPY has exactly one leaf more (the footer).  For the
 * integration tests of threat E4; not a test by itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/mail.h"
#include "util/vbuf.h"
#include "leaves.h"

static int
slurp(const char *path, struct vbuf *b)
{
	char	 chunk[65536];
	size_t	 n;
	FILE	*f = fopen(path, "rb");

	if (f == NULL)
		return (-1);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		vbuf_cat(b, chunk, n);
	fclose(f);
	return (0);
}

int
main(int argc, char *argv[])
{
	struct vbuf	 raw, a, b;
	struct leaves	 la, lb;
	struct mailmime	*ta = NULL, *tb = NULL;
	int		 rc = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: leafcmp original copy\n");
		return (2);
	}
	vbuf_init(&raw, VBUF_NOMAX);
	vbuf_init(&a, VBUF_NOMAX);
	vbuf_init(&b, VBUF_NOMAX);
	if (slurp(argv[1], &raw) == -1 || slurp(argv[2], &b) == -1) {
		perror("leafcmp");
		return (2);
	}
	mail_canon(&a, raw.data, raw.len);
	if (leaves_of(a.data, a.len, &la, &ta) == -1 ||
	    leaves_of(b.data, b.len, &lb, &tb) == -1) {
		fprintf(stderr, "leafcmp: cannot parse\n");
		return (2);
	}
	if (lb.n != la.n + 1) {
		fprintf(stderr, "leafcmp: %zu leaves in the original, %zu in "
		    "the copy\n", la.n, lb.n);
		rc = 1;
	}
	for (size_t i = 0; rc == 0 && i < la.n; i++)
		if (la.len[i] != lb.len[i] ||
		    memcmp(la.p[i], lb.p[i], la.len[i]) != 0) {
			fprintf(stderr, "leafcmp: leaf %zu differs\n", i);
			rc = 1;
		}
	mailmime_free(ta);
	mailmime_free(tb);
	vbuf_release(&raw);
	vbuf_release(&a);
	vbuf_release(&b);
	return (rc);
}
