/*
 * tmpl_int.h - what the template files share (tmpl.c, tmpl_phrase.c,
 * tmpl_defs.c), for no other module: callers use tmpl.h
 *
 * Owns: the reading of a small file, the filling of {slots}, the
 * language chain, the walk of a phrases file, and the table of the
 * templates and phrases moot knows (tmpl_defs.c).
 */
#ifndef TMPL_INT_H
#define TMPL_INT_H

#include <stddef.h>

#include "util/vbuf.h"

struct conf;
struct tmpl_slot;

#define TMPL_FILE_MAX	(64 * 1024)
#define TMPL_CHAIN_MAX	8

/* How a text is filled: with vals NULL it is only checked. */
struct tmpl_fill {
	const char		 *slots;	/* allowed, comma-separated */
	const struct tmpl_slot	 *vals;
	size_t			  nvals;
	int			  in_subject;
	int			  counted;	/* a counted noun: {n} only */
	/* For {slot:noun}: the languages, the text's own first. */
	const struct conf	 *conf;
	const char *const	 *chain;
	size_t			  nchain;
};

/* tmpl_read_small - the file at path, NUL-terminated; -1 with errno */
int	tmpl_read_small(const char *path, struct vbuf *out);

/* tmpl_expand - copy text (len bytes) to out, filling {slots}; line is
 * the first line's number, for "line N: reason" in err.  0 or -1. */
int	tmpl_expand(const struct tmpl_fill *, const char *text, size_t len,
	    int line, struct vbuf *out, struct vbuf *err);

/* tmpl_chain - the languages to try, langs first (valid codes only),
 * then the site's, then en; their number */
size_t	tmpl_chain(const struct conf *, const char *const *langs,
	    const char *chain[TMPL_CHAIN_MAX]);

/* A template or phrase moot knows (tmpl_defs.c), and its slots. */
struct tmpl_def {
	const char	*name;
	int		 subject;	/* must have a Subject: header */
	const char	*slots;		/* comma-separated */
};

/* tmpl_def - the template called name, or NULL */
const struct tmpl_def *tmpl_def(const char *name);

/* tmpl_def_at - the i-th template, or NULL past the end */
const struct tmpl_def *tmpl_def_at(size_t i);

/* tmpl_phrase_at - the i-th phrase moot knows and its slots, or NULL
 * past the end */
const char *tmpl_phrase_at(size_t i, const char **slots);

/* tmpl_phrases_check - the phrases file at path, of language lang, is
 * well formed; with all, complete.  0, or -1 with path:line: reason in
 * err. */
int	tmpl_phrases_check(const char *path, const char *lang, int all,
	    struct vbuf *err);

/* tmpl_phrase_chain - tmpl_phrase() with the languages already chosen;
 * a counted noun takes the form for its slot n in the language of the
 * file it is found in */
int	tmpl_phrase_chain(const struct conf *, const char *const *chain,
	    size_t nchain, const char *key, const struct tmpl_slot *,
	    size_t nslots, struct vbuf *out, struct vbuf *err);

/* tmpl_phrase_counted - name (n bytes) is a counted noun: a phrase whose
 * one slot is {n}, with forms by number */
int	tmpl_phrase_counted(const char *name, size_t n);

#endif /* TMPL_INT_H */
