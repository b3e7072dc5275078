/*
 * testlib.h - small helpers the unit tests share: reading fixtures
 */
#ifndef TESTLIB_H
#define TESTLIB_H

#include <stdio.h>
#include <stdlib.h>

#include "global/conf.h"
#include "util/vbuf.h"

/* fixture - tests/data/mail/<name> into b; exits the test if missing */
static void __attribute__((unused))
fixture(struct vbuf *b, const char *name)
{
	const char	*src = getenv("MOOT_SRCDIR");
	char		 path[1024], chunk[65536];
	FILE		*f;
	size_t		 n;

	(void)snprintf(path, sizeof(path), "%s/tests/data/mail/%s",
	    src != NULL ? src : "..", name);
	if ((f = fopen(path, "rb")) == NULL) {
		printf("Bail out! cannot open %s\n", path);
		exit(1);
	}
	vbuf_reset(b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		vbuf_cat(b, chunk, n);
	fclose(f);
}

/* test_limits - the defaults of [limits] */
static void __attribute__((unused))
test_limits(struct limits *l)
{
	l->message_bytes = 10 * 1024 * 1024;
	l->mime_depth = 20;
	l->mime_parts = 500;
	l->header_bytes = 65536;
	l->header_section_bytes = 262144;
	l->text_bytes = 65536;
	l->received_max = 50;
}

#endif /* TESTLIB_H */
