/*
 * tmpl_phrase.c - phrases, the pieces notices are made of: the "[name]"
 * sections of templates/<lang>/phrases; see tmpl.h
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "global/conf.h"
#include "global/tmpl.h"
#include "global/tmpl_int.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* More than moot has: tmpl_phrases_check() counts each one it sees. */
#define PHRASES_MAX	256

/* phrase_def - the index of phrase name (n bytes), its slots in *slots;
 * -1 if moot has no such phrase */
static int
phrase_def(const char *name, size_t n, const char **slots)
{
	const char	*p;

	for (size_t i = 0; (p = tmpl_phrase_at(i, slots)) != NULL; i++)
		if (strlen(p) == n && strncmp(p, name, n) == 0)
			return ((int)i);
	return (-1);
}

/* section_name - the name of a "[name]" line, or 0 if it is not one */
static size_t
section_name(const char *l, size_t n, const char **name)
{
	size_t	i = 1;

	while (n > 0 && (l[n - 1] == ' ' || l[n - 1] == '\t' ||
	    l[n - 1] == '\r'))
		n--;
	if (n < 3 || l[0] != '[' || l[n - 1] != ']')
		return (0);
	for (; i < n - 1; i++)
		if (!((l[i] >= 'a' && l[i] <= 'z') || (l[i] >= '0' &&
		    l[i] <= '9') || l[i] == '-'))
			return (0);
	*name = l + 1;
	return (n - 2);
}

typedef int (*section_cb)(const char *name, size_t nlen, const char *body,
    size_t blen, int line, void *arg);

/*
 * section_walk - cb for each [name] section of a phrases file, with its
 * text: comment lines left out, blank lines at its end trimmed.  0, or
 * -1 with "line N: reason" in why (or cb's -1).
 */
static int
section_walk(const char *text, size_t len, section_cb cb, void *arg,
    struct vbuf *why)
{
	struct vbuf	 body;
	const char	*p = text, *end = text + len, *name = NULL;
	size_t		 nlen = 0;
	int		 line = 0, at = 0, rc = 0;

	if (memchr(text, '\0', len) != NULL) {
		vbuf_puts(why, "line 1: NUL byte in the file");
		return (-1);
	}
	vbuf_init(&body, TMPL_FILE_MAX);
	while (rc == 0) {
		const char	*nl, *sn;
		size_t		 n, sl;

		if (p >= end)
			sl = 0, n = 0;
		else {
			nl = memchr(p, '\n', (size_t)(end - p));
			n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
			line++;
		}
		if (p >= end || (sl = section_name(p, n, &sn)) > 0) {
			if (name != NULL) {
				size_t	bl = body.len;

				while (bl > 0 && (body.data[bl - 1] == '\n' ||
				    body.data[bl - 1] == ' '))
					bl--;
				vbuf_truncate(&body, bl);
				rc = cb(name, nlen, body.data != NULL ?
				    body.data : "", body.len, at, arg);
			}
			if (p >= end)
				break;
			name = sn;
			nlen = sl;
			at = line + 1;
			vbuf_reset(&body);
		} else if (n > 0 && p[0] == '#')
			;		/* a note for translators */
		else if (name == NULL) {
			if (strspn(p, " \t\r") < n) {
				vbuf_printf(why, "line %d: text before the "
				    "first [name] line", line);
				rc = -1;
			}
		} else {
			/* Blank lines at the start of a section do not count. */
			if (body.len > 0 || strspn(p, " \t\r") < n) {
				vbuf_cat(&body, p, n);
				vbuf_putc(&body, '\n');
			}
		}
		p += n + 1;
	}
	vbuf_release(&body);
	return (rc);
}

struct phrase_find {
	const char		*key;
	const struct tmpl_slot	*vals;
	size_t			 nvals;
	struct vbuf		*out, *why;
	int			 found;
};

static int
phrase_found(const char *name, size_t nlen, const char *body, size_t blen,
    int line, void *arg)
{
	struct phrase_find	*f = arg;
	struct tmpl_fill	 fill = { NULL, f->vals, f->nvals, 0 };

	if (f->found || strlen(f->key) != nlen || strncmp(f->key, name,
	    nlen) != 0)
		return (0);
	if (phrase_def(name, nlen, &fill.slots) == -1)
		return (0);
	f->found = 1;
	return (tmpl_expand(&fill, body, blen, line, f->out, f->why));
}

/* tmpl_phrase - see tmpl.h */
int
tmpl_phrase(const struct conf *c, const char *const *langs, const char *key,
    const struct tmpl_slot *vals, size_t nvals, struct vbuf *out,
    struct vbuf *err)
{
	const char		*chain[TMPL_CHAIN_MAX], *slots;
	struct phrase_find	 f;
	struct vbuf		 text, why;
	size_t			 n, i;
	int			 rc = -1;

	if (phrase_def(key, strlen(key), &slots) == -1) {
		vbuf_printf(err, "no phrase is called %s", key);
		return (-1);
	}
	n = tmpl_chain(c, langs, chain);
	vbuf_init(&text, TMPL_FILE_MAX);
	vbuf_init(&why, 1024);
	for (i = 0; i < n && rc == -1; i++) {
		char	*path = xasprintf("%s/%s/phrases", c->templates,
		    chain[i]);
		size_t	 mark = out->len;

		memset(&f, 0, sizeof(f));
		f.key = key;
		f.vals = vals;
		f.nvals = nvals;
		f.out = out;
		f.why = &why;
		if (tmpl_read_small(path, &text) == 0 && section_walk(text.data,
		    text.len, phrase_found, &f, &why) == 0 && f.found)
			rc = 0;
		else if (why.len > 0) {
			/* A broken translation: English still serves. */
			vbuf_printf(err, "%s:%s; ", path, vbuf_str(&why));
			vbuf_reset(&why);
			vbuf_truncate(out, mark);
		}
		free(path);
	}
	if (rc == -1)
		vbuf_printf(err, "%s/en/phrases: no [%s]", c->templates, key);
	vbuf_release(&text);
	vbuf_release(&why);
	return (rc);
}

struct phrase_check {
	unsigned char	 seen[PHRASES_MAX];
	struct vbuf	*why;
	struct vbuf	 out;
};

static int
phrase_checked(const char *name, size_t nlen, const char *body, size_t blen,
    int line, void *arg)
{
	struct phrase_check	*pc = arg;
	struct tmpl_fill	 fill = { NULL, NULL, 0, 0 };
	int			 i = phrase_def(name, nlen, &fill.slots);

	if (i >= PHRASES_MAX) {
		vbuf_printf(pc->why, "line %d: more phrases than moot counts",
		    line - 1);
		return (-1);
	}
	if (i == -1) {
		vbuf_printf(pc->why, "line %d: [%.*s] is not a phrase moot "
		    "knows", line - 1, (int)nlen, name);
		return (-1);
	}
	if (pc->seen[i]++) {
		vbuf_printf(pc->why, "line %d: [%.*s] is there twice",
		    line - 1, (int)nlen, name);
		return (-1);
	}
	vbuf_reset(&pc->out);
	return (tmpl_expand(&fill, body, blen, line, &pc->out, pc->why));
}

/* tmpl_phrases_check - see tmpl_int.h */
int
tmpl_phrases_check(const char *path, int all, struct vbuf *err)
{
	struct phrase_check	 pc;
	struct vbuf		 text, why;
	const char		*name, *slots;
	int			 rc = -1;

	memset(&pc, 0, sizeof(pc));
	vbuf_init(&text, TMPL_FILE_MAX);
	vbuf_init(&why, 1024);
	vbuf_init(&pc.out, VBUF_NOMAX);
	pc.why = &why;
	if (tmpl_read_small(path, &text) == -1)
		vbuf_printf(err, "%s: %s", path, strerror(errno));
	else if (section_walk(text.data, text.len, phrase_checked, &pc,
	    &why) == -1)
		vbuf_printf(err, "%s:%s", path, vbuf_str(&why));
	else {
		rc = 0;
		for (size_t i = 0; all && (name = tmpl_phrase_at(i,
		    &slots)) != NULL; i++)
			if (!pc.seen[i]) {
				vbuf_printf(err, "%s: [%s] is missing (English "
				    "must have every phrase)", path, name);
				rc = -1;
				break;
			}
	}
	vbuf_release(&text);
	vbuf_release(&why);
	vbuf_release(&pc.out);
	return (rc);
}
