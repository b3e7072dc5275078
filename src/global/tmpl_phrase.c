/*
 * tmpl_phrase.c - phrases, the pieces notices are made of: the "[name]"
 * sections of templates/<lang>/phrases; see tmpl.h.  Also the reading of
 * one small file that templates and phrases share (tmpl_read_small),
 * here so that tmpl.c keeps room for its tables.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/alloc.h"
#include "global/conf.h"
#include "global/plural.h"
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

/* A counted noun is a phrase whose one slot is {n}: its forms by
 * number ([days:one], [days:few] ...) are chosen by n. */
static int
counted(const char *slots)
{
	return (strcmp(slots, "n") == 0);
}

/* tmpl_phrase_counted - see tmpl_int.h */
int
tmpl_phrase_counted(const char *name, size_t n)
{
	const char	*slots;

	return (phrase_def(name, n, &slots) != -1 && counted(slots));
}

/* form_split - a section name "days:few" into "days" (its length, the
 * result) and the form after the colon (*form, *flen; 0 if none) */
static size_t
form_split(const char *name, size_t nlen, const char **form, size_t *flen)
{
	const char	*colon = memchr(name, ':', nlen);

	if (colon == NULL) {
		*form = NULL;
		*flen = 0;
		return (nlen);
	}
	*form = colon + 1;
	*flen = nlen - (size_t)(colon - name) - 1;
	return ((size_t)(colon - name));
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
	/* "[days:few]": a counted noun's form, checked by the reader */
	for (; i < n - 1; i++)
		if (!((l[i] >= 'a' && l[i] <= 'z') || (l[i] >= '0' &&
		    l[i] <= '9') || l[i] == '-' || (l[i] == ':' && i > 1 &&
		    memchr(l + 1, ':', i - 1) == NULL)))
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
	const char	*key;
	enum plural_cat	 cat;		/* the form wanted, if counted */
	int		 rank;		/* 0 the form, 1 other, 2 plain */
	int		 line;
	struct vbuf	 best;		/* the text of the best section yet */
};

/* phrase_found - keep the section that fits f best: the form for the
 * number, else [key:other], else [key] */
static int
phrase_found(const char *name, size_t nlen, const char *body, size_t blen,
    int line, void *arg)
{
	struct phrase_find	*f = arg;
	const char		*form;
	size_t			 flen, base;
	int			 rank, c;

	base = form_split(name, nlen, &form, &flen);
	if (strlen(f->key) != base || strncmp(f->key, name, base) != 0)
		return (0);
	if (form == NULL)
		rank = 2;
	else if ((c = plural_named(form, flen)) == (int)f->cat)
		rank = 0;
	else if (c == PLURAL_OTHER)
		rank = 1;
	else
		return (0);
	if (rank < f->rank) {
		f->rank = rank;
		f->line = line;
		vbuf_reset(&f->best);
		vbuf_cat(&f->best, body, blen);
	}
	return (0);
}

/* number - the count a counted noun is for; a value that is not a
 * number takes the form "other" */
static enum plural_cat
number(const char *lang, const struct tmpl_slot *vals, size_t nvals)
{
	long long	 v;
	char		*end;

	for (size_t i = 0; i < nvals; i++) {
		if (strcmp(vals[i].name, "n") != 0 || vals[i].value == NULL)
			continue;
		errno = 0;
		v = strtoll(vals[i].value, &end, 10);
		if (errno != 0 || end == vals[i].value || *end != '\0')
			break;
		return (plural_select(lang, v));
	}
	return (PLURAL_OTHER);
}

/* tmpl_phrase_chain - see tmpl_int.h */
int
tmpl_phrase_chain(const struct conf *c, const char *const *chain, size_t n,
    const char *key, const struct tmpl_slot *vals, size_t nvals,
    struct vbuf *out, struct vbuf *err)
{
	struct tmpl_fill	 fill;
	struct phrase_find	 f;
	struct vbuf		 text, why;
	size_t			 i;
	int			 rc = -1;

	memset(&fill, 0, sizeof(fill));
	if (phrase_def(key, strlen(key), &fill.slots) == -1) {
		vbuf_printf(err, "no phrase is called %s", key);
		return (-1);
	}
	fill.vals = vals;
	fill.nvals = nvals;
	fill.conf = c;
	fill.counted = counted(fill.slots);
	vbuf_init(&text, TMPL_FILE_MAX);
	vbuf_init(&why, 1024);
	vbuf_init(&f.best, TMPL_FILE_MAX);
	for (i = 0; i < n && rc == -1; i++) {
		char	*path = xasprintf("%s/%s/phrases", c->templates,
		    chain[i]);
		size_t	 mark = out->len;

		f.key = key;
		f.cat = fill.counted ? number(chain[i], vals, nvals) :
		    PLURAL_OTHER;
		f.rank = 3;
		fill.chain = chain + i;
		fill.nchain = n - i;
		if (tmpl_read_small(path, &text) == 0 && section_walk(text.data,
		    text.len, phrase_found, &f, &why) == 0 && f.rank < 3 &&
		    tmpl_expand(&fill, vbuf_str(&f.best), f.best.len, f.line,
		    out, &why) == 0)
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
	vbuf_release(&f.best);
	return (rc);
}

/* tmpl_phrase - see tmpl.h */
int
tmpl_phrase(const struct conf *c, const char *const *langs, const char *key,
    const struct tmpl_slot *vals, size_t nvals, struct vbuf *out,
    struct vbuf *err)
{
	const char	*chain[TMPL_CHAIN_MAX];
	size_t		 n = tmpl_chain(c, langs, chain);

	return (tmpl_phrase_chain(c, chain, n, key, vals, nvals, out, err));
}

#define SEEN_PLAIN	(1u << PLURAL_NCATS)	/* [key], no form */

struct phrase_check {
	unsigned char	 seen[PHRASES_MAX];	/* forms seen, 1 << cat */
	unsigned	 used;			/* the language's forms */
	const char	*lang;
	struct vbuf	*why;
	struct vbuf	 out;
};

/* form_check - form (flen bytes) of [name] is one the language has */
static int
form_check(struct phrase_check *pc, const char *name, size_t nlen,
    const char *slots, const char *form, size_t flen, int line)
{
	int	c = plural_named(form, flen);

	if (!counted(slots)) {
		vbuf_printf(pc->why, "line %d: [%.*s] has no forms by number "
		    "(only a phrase whose slot is {n} has)", line - 1,
		    (int)nlen, name);
		return (-1);
	}
	if (c == -1) {
		vbuf_printf(pc->why, "line %d: [%.*s:%.*s]: %.*s is not a "
		    "plural category (zero, one, two, few, many, other)",
		    line - 1, (int)nlen, name, (int)flen, form, (int)flen,
		    form);
		return (-1);
	}
	if (!(pc->used & (1u << c))) {
		vbuf_printf(pc->why, "line %d: [%.*s:%s]: %s has no form %s "
		    "(it has:", line - 1, (int)nlen, name, plural_name(c),
		    pc->lang, plural_name(c));
		for (int k = 0; k < PLURAL_NCATS; k++)
			if (pc->used & (1u << k))
				vbuf_printf(pc->why, " %s", plural_name(k));
		vbuf_puts(pc->why, ")");
		return (-1);
	}
	return (c);
}

static int
phrase_checked(const char *name, size_t nlen, const char *body, size_t blen,
    int line, void *arg)
{
	struct phrase_check	*pc = arg;
	struct tmpl_fill	 fill;
	const char		*form;
	size_t			 flen, base = form_split(name, nlen, &form,
				    &flen);
	unsigned		 bit = SEEN_PLAIN;
	int			 i, c;

	memset(&fill, 0, sizeof(fill));
	if ((i = phrase_def(name, base, &fill.slots)) == -1) {
		vbuf_printf(pc->why, "line %d: [%.*s] is not a phrase moot "
		    "knows", line - 1, (int)base, name);
		return (-1);
	}
	if (i >= PHRASES_MAX) {
		vbuf_printf(pc->why, "line %d: more phrases than moot counts",
		    line - 1);
		return (-1);
	}
	if (form != NULL) {
		if ((c = form_check(pc, name, base, fill.slots, form, flen,
		    line)) == -1)
			return (-1);
		bit = 1u << c;
	}
	if (pc->seen[i] & bit) {
		vbuf_printf(pc->why, "line %d: [%.*s] is there twice",
		    line - 1, (int)nlen, name);
		return (-1);
	}
	pc->seen[i] |= bit;
	fill.counted = counted(fill.slots);
	vbuf_reset(&pc->out);
	return (tmpl_expand(&fill, body, blen, line, &pc->out, pc->why));
}

/* seen_check - every phrase is there (with all), and a counted noun
 * with forms has [name:other] or [name] for the numbers it lacks */
static int
seen_check(const struct phrase_check *pc, const char *path, int all,
    struct vbuf *err)
{
	const char	*name, *slots;

	for (size_t i = 0; (name = tmpl_phrase_at(i, &slots)) != NULL &&
	    i < PHRASES_MAX; i++) {
		if (all && !pc->seen[i]) {
			vbuf_printf(err, "%s: [%s] is missing (English must "
			    "have every phrase)", path, name);
			return (-1);
		}
		if (pc->seen[i] && !(pc->seen[i] & (SEEN_PLAIN |
		    (1u << PLURAL_OTHER)))) {
			vbuf_printf(err, "%s: [%s] has forms by number but "
			    "no [%s:other]", path, name, name);
			return (-1);
		}
	}
	return (0);
}

/* tmpl_phrases_check - see tmpl_int.h */
int
tmpl_phrases_check(const char *path, const char *lang, int all,
    struct vbuf *err)
{
	struct phrase_check	 pc;
	struct vbuf		 text, why;
	int			 rc = -1;

	memset(&pc, 0, sizeof(pc));
	vbuf_init(&text, TMPL_FILE_MAX);
	vbuf_init(&why, 1024);
	vbuf_init(&pc.out, VBUF_NOMAX);
	pc.why = &why;
	pc.lang = lang;
	pc.used = plural_used(lang);
	if (tmpl_read_small(path, &text) == -1)
		vbuf_printf(err, "%s: %s", path, strerror(errno));
	else if (section_walk(text.data, text.len, phrase_checked, &pc,
	    &why) == -1)
		vbuf_printf(err, "%s:%s", path, vbuf_str(&why));
	else
		rc = seen_check(&pc, path, all, err);
	vbuf_release(&text);
	vbuf_release(&why);
	vbuf_release(&pc.out);
	return (rc);
}

/* tmpl_read_small - see tmpl_int.h */
int
tmpl_read_small(const char *path, struct vbuf *out)
{
	char	 chunk[4096];
	ssize_t	 n;
	int	 fd;

	vbuf_reset(out);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return (-1);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 || vbuf_cat(out, chunk, (size_t)n) == -1) {
			if (n != -1)
				errno = EFBIG;
			(void)close(fd);
			return (-1);
		}
	}
	(void)close(fd);
	if (out->data == NULL)
		vbuf_cat(out, "", 0);
	return (0);
}
