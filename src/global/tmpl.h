/*
 * tmpl.h - the texts moot writes, from templates/<lang>/<name>
 *
 * Owns: the table of templates and the named slots each may use, and
 * likewise of phrases (the pieces notices are made of, one file of
 * "[name]" sections per language), reading
 * the files (headers, a blank line, a body; UTF-8), the language fallback
 * (member's, list's, site's, then en), and filling slots.  A slot the
 * table does not allow for a template is an error when the template is
 * checked (moot init, daemon start), not when Monday's mail goes out
 * (style P13).  Slot values are plain text: controls are stripped; in the
 * Subject, newlines too (threat E1).
 */
#ifndef TMPL_H
#define TMPL_H

#include <stddef.h>

#include "util/vbuf.h"

struct conf;

struct tmpl_slot {
	const char	*name;
	const char	*value;		/* UTF-8; NULL renders as "" */
};

struct tmpl_out {
	struct vbuf	 subject;	/* UTF-8, one line; "" if none */
	struct vbuf	 body;		/* UTF-8, LF line ends */
	char		 lang[16];	/* the language that was found */
};

void	tmpl_out_init(struct tmpl_out *);
void	tmpl_out_release(struct tmpl_out *);

/*
 * tmpl_render - fill template name in the first of langs (NULL-ended;
 * NULL or "" entries skipped) that has it, falling back to the site's
 * language and en.  0, or -1 with the reason in err.
 */
int	tmpl_render(const struct conf *, const char *const *langs,
	    const char *name, const struct tmpl_slot *, size_t nslots,
	    struct tmpl_out *, struct vbuf *err);

/*
 * tmpl_phrase - append phrase key (templates/<lang>/phrases, "[key]"
 * sections) to out, filled, from the first language of langs that has
 * it, then the site's, then en.  0, or -1 with the reason in err.
 */
int	tmpl_phrase(const struct conf *, const char *const *langs,
	    const char *key, const struct tmpl_slot *, size_t nslots,
	    struct vbuf *out, struct vbuf *err);

/* tmpl_check_all - every file under templates/ is known and well formed,
 * and en has every template.  0, or -1 with file:line: reason in err. */
int	tmpl_check_all(const struct conf *, struct vbuf *err);

/* tmpl_has_language - templates/<lang>/ exists */
int	tmpl_has_language(const struct conf *, const char *lang);

/* tmpl_languages - the language folders present, space-separated */
void	tmpl_languages(const struct conf *, struct vbuf *out);

#endif /* TMPL_H */
