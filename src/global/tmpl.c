/*
 * tmpl.c - templates; see tmpl.h
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/alloc.h"
#include "global/conf.h"
#include "mail/hdr_encode.h"
#include "global/tmpl.h"
#include "global/tmpl_int.h"
#include "util/vbuf.h"
#include "global/words.h"
#include "util/sys_defs.h"

#define SLOT_NAME_MAX	32

/* Header fields a template may set, besides Subject. */
static const char *const tmpl_headers[] = { "Subject" };

/* slot_allowed - name (of length n) is in the comma-separated list */
static int
slot_allowed(const char *list, const char *name, size_t n)
{
	while (*list != '\0') {
		size_t	l = strcspn(list, ",");

		if (l == n && strncmp(list, name, n) == 0)
			return (1);
		list += l + (list[l] == ',');
	}
	return (0);
}

void
tmpl_out_init(struct tmpl_out *o)
{
	vbuf_init(&o->subject, TMPL_FILE_MAX * 4);
	vbuf_init(&o->body, 16 * 1024 * 1024);
	o->lang[0] = '\0';
}

void
tmpl_out_release(struct tmpl_out *o)
{
	vbuf_release(&o->subject);
	vbuf_release(&o->body);
}

/* body_value - v into a body: line breaks and tabs kept; C0, DEL and C1
 * controls (U+0080-U+009F: NEL, CSI) dropped, as hdr_encode_clean() does */
static void
body_value(struct vbuf *out, const char *v)
{
	for (const unsigned char *p = (const unsigned char *)v; *p != '\0';
	    p++)
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			p++;
		else if ((*p >= 0x20 || *p == '\n' || *p == '\t') &&
		    *p != 0x7f)
			vbuf_putc(out, *p);
}

/* fill_counted - {slot:noun}: the counted noun for the slot's value, in
 * the text's language first */
static int
fill_counted(const struct tmpl_fill *f, const char *value, const char *noun,
    size_t nlen, struct vbuf *out, struct vbuf *err)
{
	struct tmpl_slot	 n = { "n", value };
	struct vbuf		 text, clean;
	char			 key[SLOT_NAME_MAX + 1];
	int			 rc;

	if (f->conf == NULL) {		/* no languages: the number alone */
		body_value(out, value);
		return (0);
	}
	if (nlen >= sizeof(key))
		nlen = sizeof(key) - 1;	/* name_end() stops before */
	memcpy(key, noun, nlen);
	key[nlen] = '\0';
	vbuf_init(&text, TMPL_FILE_MAX);
	vbuf_init(&clean, VBUF_NOMAX);
	rc = tmpl_phrase_chain(f->conf, f->chain, f->nchain, key, &n, 1,
	    &text, err);
	if (rc == 0 && f->in_subject) {
		hdr_encode_clean(&clean, vbuf_str(&text));
		vbuf_puts(out, vbuf_str(&clean));
	} else if (rc == 0)
		vbuf_puts(out, vbuf_str(&text));
	vbuf_release(&text);
	vbuf_release(&clean);
	return (rc);
}

/* fill_slot - the value of slot name (len bytes) into out; with noun,
 * the counted noun for it */
static int
fill_slot(const struct tmpl_fill *f, const char *name, size_t len,
    const char *noun, size_t nlen, struct vbuf *out, struct vbuf *err)
{
	struct vbuf	clean;

	for (size_t k = 0; f->vals != NULL && k < f->nvals; k++) {
		const struct tmpl_slot *v = &f->vals[k];

		if (strlen(v->name) != len || strncmp(v->name, name, len) != 0)
			continue;
		if (noun != NULL)
			return (fill_counted(f, v->value != NULL ? v->value :
			    "", noun, nlen, out, err));
		if (v->value == NULL)
			break;
		if (f->in_subject) {
			vbuf_init(&clean, VBUF_NOMAX);
			hdr_encode_shown(&clean, v->value);
			vbuf_puts(out, vbuf_str(&clean));
			vbuf_release(&clean);
		} else
			body_value(out, v->value);
		break;
	}
	return (0);
}

/* noun_check - the noun of {slot:noun}, at text (len bytes before the
 * "}"), is a counted noun and may stand here */
static int
noun_check(const struct tmpl_fill *f, const char *noun, size_t len,
    int line, struct vbuf *err)
{
	if (f->counted) {
		vbuf_printf(err, "line %d: {n:%.*s}: a counted noun holds no "
		    "other", line, (int)len, noun);
		return (-1);
	}
	if (!tmpl_phrase_counted(noun, len)) {
		vbuf_printf(err, "line %d: [%.*s] is not a counted noun moot "
		    "knows (a phrase whose slot is {n})", line, (int)len,
		    noun);
		return (-1);
	}
	return (0);
}

/* name_end - the end of a slot's or a noun's name at text[i] */
static size_t
name_end(const char *text, size_t i, size_t len, int noun)
{
	size_t	j = i;

	while (j < len && j - i < SLOT_NAME_MAX && ((text[j] >= 'a' &&
	    text[j] <= 'z') || text[j] == '_' || (noun && (text[j] == '-' ||
	    (text[j] >= '0' && text[j] <= '9')))))
		j++;
	return (j);
}

/* tmpl_expand - see tmpl_int.h */
int
tmpl_expand(const struct tmpl_fill *f, const char *text, size_t len,
    int line, struct vbuf *out, struct vbuf *err)
{
	size_t	i, j, k;

	for (i = 0; i < len; i++) {
		if (text[i] == '\n')
			line++;
		if (text[i] == '}' && i + 1 < len && text[i + 1] == '}') {
			vbuf_putc(out, '}');
			i++;
			continue;
		}
		if (text[i] != '{') {
			vbuf_putc(out, text[i]);
			continue;
		}
		if (i + 1 < len && text[i + 1] == '{') {
			vbuf_putc(out, '{');
			i++;
			continue;
		}
		/* {slot}, or {slot:noun} for a counted noun */
		j = k = name_end(text, i + 1, len, 0);
		if (j < len && text[j] == ':' && j > i + 1)
			k = name_end(text, j + 1, len, 1);
		if (k >= len || text[k] != '}' || j == i + 1 || k == j + 1) {
			vbuf_printf(err, "line %d: a { that does not start a "
			    "{slot} (write {{ for a brace)", line);
			return (-1);
		}
		if (!slot_allowed(f->slots, text + i + 1, j - i - 1)) {
			vbuf_printf(err, "line %d: {%.*s} is not a slot of "
			    "this template (it has: %s)", line,
			    (int)(j - i - 1), text + i + 1, f->slots);
			return (-1);
		}
		if (k > j && noun_check(f, text + j + 1, k - j - 1, line,
		    err) == -1)
			return (-1);
		if (fill_slot(f, text + i + 1, j - i - 1, k > j ? text + j +
		    1 : NULL, k > j ? k - j - 1 : 0, out, err) == -1)
			return (-1);
		i = k;
	}
	return (vbuf_err(out) ? -1 : 0);
}

/*
 * parse_file - split text into its Subject and body and expand both.
 * err gets "line N: reason" (the caller adds the file).
 */
static int
parse_file(const struct tmpl_def *def, struct tmpl_fill *f,
    const char *text, size_t len, struct tmpl_out *out, struct vbuf *err)
{
	size_t	off = 0;
	int	line = 1, have_subject = 0;

	if (memchr(text, '\0', len) != NULL) {
		vbuf_puts(err, "line 1: NUL byte in the file");
		return (-1);
	}
	/* Header lines until the blank line. */
	while (off < len && text[off] != '\n') {
		size_t	eol = off + strcspn(text + off, "\n"), colon, k;

		colon = off + strcspn(text + off, ":\n");
		if (colon >= eol) {
			vbuf_printf(err, "line %d: not a \"Name: value\" "
			    "header line, and no blank line before the body",
			    line);
			return (-1);
		}
		for (k = 0; k < nitems(tmpl_headers); k++)
			if (strlen(tmpl_headers[k]) == colon - off &&
			    strncasecmp(tmpl_headers[k], text + off,
			    colon - off) == 0)
				break;
		if (k == nitems(tmpl_headers)) {
			vbuf_printf(err, "line %d: a template may set only "
			    "Subject:", line);
			return (-1);
		}
		colon++;
		while (colon < eol && text[colon] == ' ')
			colon++;
		vbuf_reset(&out->subject);
		f->in_subject = 1;
		if (tmpl_expand(f, text + colon, eol - colon, line,
		    &out->subject, err) == -1)
			return (-1);
		have_subject = 1;
		off = eol < len ? eol + 1 : eol;
		line++;
	}
	if (def->subject && !have_subject) {
		vbuf_printf(err, "line %d: this template needs a Subject: "
		    "line", line);
		return (-1);
	}
	if (off < len)		/* the blank line */
		off++;
	line++;
	vbuf_reset(&out->body);
	f->in_subject = 0;
	return (tmpl_expand(f, text + off, len - off, line, &out->body,
	    err));
}

/* tmpl_render - see tmpl.h */
int
tmpl_render(const struct conf *c, const char *const *langs,
    const char *name, const struct tmpl_slot *vals, size_t nvals,
    struct tmpl_out *out, struct vbuf *err)
{
	const struct tmpl_def	*def = tmpl_def(name);
	const char		*chain[TMPL_CHAIN_MAX];
	struct tmpl_fill	 f;
	struct vbuf		 text, why;
	size_t			 n, i;
	int			 rc = -1;

	if (def == NULL) {
		vbuf_printf(err, "no template is called %s", name);
		return (-1);
	}
	n = tmpl_chain(c, langs, chain);
	memset(&f, 0, sizeof(f));
	f.slots = def->slots;
	f.vals = vals;
	f.nvals = nvals;
	f.conf = c;
	vbuf_init(&text, TMPL_FILE_MAX);
	vbuf_init(&why, 1024);
	for (i = 0; i < n; i++) {
		char	*path = xasprintf("%s/%s/%s", c->templates, chain[i],
		    name);
		int	 r = tmpl_read_small(path, &text);

		if (r == -1 && errno == ENOENT) {
			free(path);
			continue;
		}
		if (r == -1) {
			vbuf_printf(err, "%s: %s", path, strerror(errno));
			free(path);
			break;
		}
		vbuf_reset(&why);
		f.chain = chain + i;
		f.nchain = n - i;
		if (parse_file(def, &f, vbuf_str(&text), text.len, out,
		    &why) == -1) {
			vbuf_printf(err, "%s:%s", path, vbuf_str(&why));
			free(path);
			break;
		}
		free(path);
		(void)strncpy(out->lang, chain[i], sizeof(out->lang) - 1);
		out->lang[sizeof(out->lang) - 1] = '\0';
		rc = 0;
		break;
	}
	if (rc == -1 && i == n)
		vbuf_printf(err, "%s/en/%s: no such template", c->templates,
		    name);
	vbuf_release(&text);
	vbuf_release(&why);
	return (rc);
}

/* tmpl_chain - see tmpl_int.h */
size_t
tmpl_chain(const struct conf *c, const char *const *langs,
    const char *chain[TMPL_CHAIN_MAX])
{
	size_t	n = 0;
	/* At most five of the caller's; room is left for two more. */
	for (size_t i = 0; langs != NULL && langs[i] != NULL && n < 5; i++)
		if (*langs[i] != '\0' && conf_valid_lang(langs[i]))
			chain[n++] = langs[i];
	chain[n++] = c->language;
	chain[n++] = "en";
	return (n);
}


/* tmpl_has_language - templates/<lang>/ exists */
int
tmpl_has_language(const struct conf *c, const char *lang)
{
	struct stat	 st;
	char		*path;
	int		 ok;

	if (!conf_valid_lang(lang))
		return (0);
	path = xasprintf("%s/%s", c->templates, lang);
	ok = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	free(path);
	return (ok);
}

/* lang_dir - name, in the templates folder, is a language's folder;
 * other files there (a README) are for people */
static int
lang_dir(const struct conf *c, const char *name, int *other)
{
	struct stat	 st;
	char		*path = xasprintf("%s/%s", c->templates, name);
	int		 dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);

	free(path);
	if (other != NULL)
		*other = !dir;
	return (dir && conf_valid_lang(name));
}

static int
cmp_name(const void *a, const void *b)
{
	return (strcmp(a, b));
}

/* tmpl_languages - see tmpl.h */
void
tmpl_languages(const struct conf *c, struct vbuf *out)
{
	struct dirent	*de;
	DIR		*d;
	char		 names[64][16];
	size_t		 n = 0;

	if ((d = opendir(c->templates)) == NULL)
		return;
	while ((de = readdir(d)) != NULL && n < 64)
		if (de->d_name[0] != '.' && lang_dir(c, de->d_name, NULL) &&
		    strlen(de->d_name) < sizeof(names[0]))
			memcpy(names[n++], de->d_name, strlen(de->d_name) + 1);
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_name);
	for (size_t i = 0; i < n; i++)
		vbuf_printf(out, "%s%s", i > 0 ? " " : "", names[i]);
}

/* check_dir - every file in templates/lang is known and well formed */
static int
check_dir(const struct conf *c, const char *lang, struct vbuf *err)
{
	struct tmpl_out	 out;
	struct vbuf	 text, why;
	struct dirent	*de;
	DIR		*d;
	char		*dir = xasprintf("%s/%s", c->templates, lang);
	int		 rc = 0;

	if ((d = opendir(dir)) == NULL) {
		vbuf_printf(err, "%s: %s", dir, strerror(errno));
		free(dir);
		return (-1);
	}
	tmpl_out_init(&out);
	vbuf_init(&text, TMPL_FILE_MAX);
	vbuf_init(&why, 1024);
	while (rc == 0 && (de = readdir(d)) != NULL) {
		const struct tmpl_def *def;
		struct tmpl_fill f;
		char	*path;

		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (strcmp(de->d_name, "words") == 0) {
			if (words_check(path, err) == -1)
				rc = -1;
		} else if (strcmp(de->d_name, "phrases") == 0) {
			if (tmpl_phrases_check(path, lang, strcmp(lang,
			    "en") == 0, err) == -1)
				rc = -1;
		} else if ((def = tmpl_def(de->d_name)) == NULL) {
			vbuf_printf(err, "%s: not a template moot knows", path);
			rc = -1;
		} else if (tmpl_read_small(path, &text) == -1) {
			vbuf_printf(err, "%s: %s", path, strerror(errno));
			rc = -1;
		} else {
			vbuf_reset(&why);
			memset(&f, 0, sizeof(f));
			f.slots = def->slots;
			if (parse_file(def, &f, vbuf_str(&text), text.len,
			    &out, &why) == -1) {
				vbuf_printf(err, "%s:%s", path, vbuf_str(&why));
				rc = -1;
			}
		}
		free(path);
	}
	closedir(d);
	free(dir);
	tmpl_out_release(&out);
	vbuf_release(&text);
	vbuf_release(&why);
	return (rc);
}

/* tmpl_check_all - see tmpl.h */
int
tmpl_check_all(const struct conf *c, struct vbuf *err)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	int		 rc = 0;

	if ((d = opendir(c->templates)) == NULL) {
		vbuf_printf(err, "%s: %s", c->templates, strerror(errno));
		return (-1);
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		int	other;

		if (de->d_name[0] == '.')
			continue;
		if (!lang_dir(c, de->d_name, &other)) {
			if (other)
				continue;	/* a file for people */
			vbuf_printf(err, "%s/%s: not a language folder (use a "
			    "code such as en or ar)", c->templates, de->d_name);
			rc = -1;
			break;
		}
		rc = check_dir(c, de->d_name, err);
	}
	closedir(d);
	for (size_t i = 0; rc == 0 && tmpl_def_at(i) != NULL; i++) {
		char	*path = xasprintf("%s/en/%s", c->templates,
		    tmpl_def_at(i)->name);

		if (stat(path, &st) == -1) {
			vbuf_printf(err, "%s: missing (every template must "
			    "exist in English)", path);
			rc = -1;
		}
		free(path);
	}
	if (rc == 0) {
		char	*path = xasprintf("%s/en/phrases", c->templates);

		if (stat(path, &st) == -1) {
			vbuf_printf(err, "%s: missing", path);
			rc = -1;
		}
		free(path);
	}
	return (rc);
}
