/*
 * cli_csv.c - moot member import (CSV)
 *
 * Owns: the CSV form of a list's members as it is read (the optional
 * header, the limits on a file) and what an import does with each row;
 * the columns are cli_csv.h's, export is cli_export.c's.
 * Who may join, and an organiser's term, are membership.c's rules, the
 * same as for `moot member add`; libcsv does the quoting both ways.
 *
 * An import reads the whole file before it changes anything, so a file
 * that is not CSV, or is too big, changes nothing.  Then every row that
 * passes is applied in one transaction, and every row that does not is
 * named on stderr by its line: the file can be fixed and imported again,
 * since a member already on the list is updated, not refused.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <csv.h>

#include "mail/addr.h"
#include "util/alloc.h"
#include "cli/cli.h"
#include "cli/cli_csv.h"
#include "util/clock.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_list.h"
#include "db/db_audit.h"
#include "db/db_spool.h"
#include "list/membership.h"
#include "global/tmpl.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

#define CSV_ROWS_MAX	100000		/* rows in a file, with the header */
#define CSV_LINE_MAX	(1024 * 1024)	/* bytes in a line, and in a row */
#define CSV_FIELDS_MAX	64		/* fields in a row */
#define CSV_SHOW_MAX	80		/* bytes of a bad value shown back */
#define IMPORT_ACTOR	"import"	/* in the audit log */

/* The columns, in the order of a file without a header and of export. */
const char *const csv_col_names[C_COUNT] = {
	[C_ADDR] = "address",
	[C_NAME] = "name",
	[C_ROLE] = "role",
	[C_LANG] = "language",
	[C_MODE] = "mode",
	[C_START] = "term_start",
	[C_END] = "term_end",
	[C_ORG] = "organisation",
};

struct row {
	size_t	  line;		/* physical line where the row starts */
	char	**f;		/* owned, as each string: the fields */
	size_t	  n;		/* fields in f */
	int	  nul;		/* a field held a NUL byte */
	int	  wide;		/* more than CSV_FIELDS_MAX fields */
	char	 *addr;		/* owned; canonical, if the address is good */
	size_t	  dup_of;	/* the line of an earlier row with addr, or 0 */
};

struct csvfile {
	struct row	*rows;		/* owned */
	size_t		 n, cap;
	struct row	 cur;		/* owned: the row being read */
	size_t		 line;		/* the line being read, from 1 */
	size_t		 row_bytes;	/* of cur, so far */
	int		 in_row;	/* libcsv is inside cur */
	int		 too_many;	/* a row past CSV_ROWS_MAX came */
};

struct import {
	struct cli	*c;		/* borrowed */
	struct list	*l;		/* borrowed */
	const char	*file;		/* borrowed: the name in messages */
	int		 map[CSV_FIELDS_MAX];	/* the column of each field */
	int		 idx[C_COUNT];	/* the field of each column, or -1 */
	struct vbuf	 why;		/* why the row is refused */
	size_t		 added, updated, refused;
};

/* row_clear - free what r owns; r is empty after */
static void
row_clear(struct row *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->f[i]);
	free(r->f);
	free(r->addr);
	memset(r, 0, sizeof(*r));
}

/* csvfile_free - free what cf owns */
static void
csvfile_free(struct csvfile *cf)
{
	for (size_t i = 0; i < cf->n; i++)
		row_clear(&cf->rows[i]);
	free(cf->rows);
	row_clear(&cf->cur);
	memset(cf, 0, sizeof(*cf));
}

/* on_field - libcsv's end of a field: keep a copy in the current row */
static void
on_field(void *s, size_t len, void *arg)
{
	struct csvfile	*cf = arg;
	struct row	*r = &cf->cur;
	char		*v;

	if (r->n == CSV_FIELDS_MAX) {
		r->wide = 1;
		return;
	}
	/* A NUL would cut the string short: refuse the row, not the file. */
	if (memchr(s, '\0', len) != NULL)
		r->nul = 1;
	v = xmalloc(len + 1);
	memcpy(v, s, len);
	v[len] = '\0';
	r->f = xreallocarray(r->f, r->n + 1, sizeof(*r->f));
	r->f[r->n++] = v;
}

/* on_row - libcsv's end of a row: the current row joins the others */
static void
on_row(int c, void *arg)
{
	struct csvfile	*cf = arg;

	(void)c;
	cf->in_row = 0;
	if (cf->n == CSV_ROWS_MAX) {
		cf->too_many = 1;
		row_clear(&cf->cur);
		return;
	}
	if (cf->n == cf->cap) {
		cf->cap = cf->cap == 0 ? 64 : cf->cap * 2;
		cf->rows = xreallocarray(cf->rows, cf->cap, sizeof(*cf->rows));
	}
	cf->rows[cf->n++] = cf->cur;
	memset(&cf->cur, 0, sizeof(cf->cur));
}

/*
 * feed - give libcsv a piece of the file that holds no CR or LF but
 * perhaps its last byte.  libcsv says nothing when a row starts, and a
 * row's first field may run over many lines, so the line of each row is
 * worked out here: outside a row libcsv skips blanks, spaces and tabs,
 * and any other byte starts one; a row ends only at a CR or LF, which
 * ends a piece.  0, or -1 if libcsv stopped (csv_error says why).
 */
static int
feed(struct csv_parser *p, struct csvfile *cf, const char *s, size_t len)
{
	if (!cf->in_row)
		for (size_t i = 0; i < len; i++)
			if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' &&
			    s[i] != '\n') {
				cf->in_row = 1;
				cf->cur.line = cf->line;
				cf->row_bytes = 0;
				break;
			}
	if (cf->in_row)
		cf->row_bytes += len;
	return (csv_parse(p, s, len, on_field, on_row, cf) == len ? 0 : -1);
}

/* parse_error - what libcsv's error means, for the person with the file */
static int
parse_error(const char *file, const struct csvfile *cf, int err)
{
	size_t	line = cf->in_row ? cf->cur.line : cf->line;

	if (err == CSV_EPARSE)
		return (cli_error(CLI_USAGE, "%s:%zu: not valid CSV: a quote "
		    "is never closed, or stands inside a field (write it "
		    "\"\" inside a quoted field); nothing imported", file,
		    line));
	return (cli_error(CLI_FAIL, "%s:%zu: cannot parse: %s", file, line,
	    csv_strerror(err)));
}

/*
 * csv_load - read all of f into cf.  CLI_OK, or an exit status after
 * saying what is wrong (then cf holds part of the file: free it only).
 */
static int
csv_load(FILE *f, const char *file, struct csvfile *cf)
{
	struct csv_parser p;
	char		 buf[16384];
	size_t		 got, i, start, line_bytes = 0;
	int		 first = 1, rc = CLI_OK;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return (cli_error(CLI_FAIL, "cannot start the CSV parser"));
	cf->line = 1;
	while (rc == CLI_OK && (got = fread(buf, 1, sizeof(buf), f)) > 0) {
		i = 0;
		/* Spreadsheets save "CSV UTF-8" with a byte order mark. */
		if (first && got >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
			i = 3;
		first = 0;
		for (start = i; rc == CLI_OK && i < got; start = i) {
			while (i < got && buf[i] != '\n' && buf[i] != '\r')
				i++;
			if (i < got)
				i++;	/* the CR or LF ends the piece */
			line_bytes += i - start;
			if (feed(&p, cf, buf + start, i - start) == -1)
				rc = parse_error(file, cf, csv_error(&p));
			else if (line_bytes > CSV_LINE_MAX ||
			    (cf->in_row && cf->row_bytes > CSV_LINE_MAX))
				rc = cli_error(CLI_USAGE, "%s:%zu: a line or "
				    "row longer than %d MB; nothing imported",
				    file, cf->in_row ? cf->cur.line : cf->line,
				    CSV_LINE_MAX / (1024 * 1024));
			else if (cf->too_many)
				rc = cli_error(CLI_USAGE, "%s:%zu: more than "
				    "%d rows; import it in parts", file,
				    cf->line, CSV_ROWS_MAX);
			if (buf[i - 1] == '\n') {
				cf->line++;
				line_bytes = 0;
			}
		}
	}
	if (rc == CLI_OK && ferror(f))
		rc = cli_error(CLI_USAGE, "cannot read %s: %s", file,
		    strerror(errno));
	if (rc == CLI_OK && csv_fini(&p, on_field, on_row, cf) != 0)
		rc = parse_error(file, cf, csv_error(&p));
	if (rc == CLI_OK && cf->too_many)
		rc = cli_error(CLI_USAGE, "%s: more than %d rows; import it "
		    "in parts", file, CSV_ROWS_MAX);
	csv_free(&p);
	return (rc);
}

/* col_find - the column called name (any case), or C_NONE */
static int
col_find(const char *name)
{
	for (int k = 0; k < C_COUNT; k++)
		if (strcasecmp(name, csv_col_names[k]) == 0)
			return (k);
	return (C_NONE);
}

/*
 * columns - the column of each field, from the header if the file has
 * one: its first field names a column ("address", as export writes it,
 * or any other, since no address looks like a column's name).  Sets
 * *data to the index of the first row of members.  CLI_OK, or an exit
 * status after saying what is wrong with the header.
 */
static int
columns(struct import *im, const struct csvfile *cf, size_t *data)
{
	const struct row *h = cf->n > 0 ? &cf->rows[0] : NULL;
	int		  k;

	for (size_t i = 0; i < CSV_FIELDS_MAX; i++)
		im->map[i] = i < C_COUNT ? (int)i : C_NONE;
	*data = 0;
	if (h == NULL || h->n == 0 || col_find(h->f[0]) == C_NONE)
		goto index;
	*data = 1;
	if (h->wide || h->nul)
		return (cli_error(CLI_USAGE, "%s:%zu: the header is not a "
		    "list of column names; nothing imported", im->file,
		    h->line));
	for (size_t i = 0; i < CSV_FIELDS_MAX; i++)
		im->map[i] = C_NONE;
	for (size_t i = 0; i < h->n; i++) {
		if (h->f[i][0] == '\0')	/* a spreadsheet's spare column */
			continue;
		if ((k = col_find(h->f[i])) == C_NONE) {
			vbuf_reset(&im->why);
			vis_append(&im->why, h->f[i]);
			return (cli_error(CLI_USAGE, "%s:%zu: unknown column "
			    "\"%s\" (the columns are address, name, role, "
			    "language, mode, term_start, term_end, organisation); "
			    "nothing "
			    "imported", im->file, h->line,
			    vbuf_str(&im->why)));
		}
		for (size_t j = 0; j < i; j++)
			if (im->map[j] == k)
				return (cli_error(CLI_USAGE, "%s:%zu: column "
				    "%s comes twice; nothing imported",
				    im->file, h->line, csv_col_names[k]));
		im->map[i] = k;
	}
index:
	for (k = 0; k < C_COUNT; k++)
		im->idx[k] = -1;
	for (size_t i = 0; i < CSV_FIELDS_MAX; i++)
		if (im->map[i] != C_NONE)
			im->idx[im->map[i]] = (int)i;
	if (im->idx[C_ADDR] == -1)
		return (cli_error(CLI_USAGE, "%s:%zu: the header has no "
		    "address column; nothing imported", im->file, h->line));
	return (CLI_OK);
}

/* field - the row's value for column k; "" when the row has none */
static const char *
field(const struct import *im, const struct row *r, enum csv_col k)
{
	int	i = im->idx[k];

	return (i >= 0 && (size_t)i < r->n ? r->f[i] : "");
}

/* by_addr - qsort: rows by address, then by line; no address last */
static int
by_addr(const void *a, const void *b)
{
	const struct row *x = *(const struct row *const *)a;
	const struct row *y = *(const struct row *const *)b;
	int		  d;

	if (x->addr == NULL || y->addr == NULL)
		d = (x->addr == NULL) - (y->addr == NULL);
	else
		d = strcmp(x->addr, y->addr);
	if (d != 0)
		return (d);
	return (x->line < y->line ? -1 : x->line > y->line);
}

/* find_dups - canonical addresses, and which rows repeat an earlier one */
static void
find_dups(struct import *im, struct csvfile *cf, size_t data)
{
	struct row	**by;
	size_t		  n = cf->n - data, i;

	for (i = data; i < cf->n; i++)
		if (addr_check(field(im, &cf->rows[i], C_ADDR), NULL) == 0)
			cf->rows[i].addr = addr_canon_new(field(im,
			    &cf->rows[i], C_ADDR));
	if (n < 2)
		return;
	by = xreallocarray(NULL, n, sizeof(*by));
	for (i = 0; i < n; i++)
		by[i] = &cf->rows[data + i];
	qsort(by, n, sizeof(*by), by_addr);
	for (i = 1; i < n; i++)
		if (by[i]->addr != NULL && by[i - 1]->addr != NULL &&
		    strcmp(by[i]->addr, by[i - 1]->addr) == 0)
			by[i]->dup_of = by[i - 1]->dup_of != 0 ?
			    by[i - 1]->dup_of : by[i - 1]->line;
	free(by);
}

/* refuse - the reason a row is refused: text, then a value from the
 * file (made safe for a terminal, and cut if long), then more text */
static int
refuse(struct import *im, const char *pre, const char *value,
    const char *post)
{
	char	*shown;

	vbuf_puts(&im->why, pre);
	if (value != NULL) {
		shown = xstrndup(value, CSV_SHOW_MAX);
		vbuf_putc(&im->why, '"');
		vis_append(&im->why, shown);
		vbuf_puts(&im->why, strlen(value) > CSV_SHOW_MAX ? "...\"" :
		    "\"");
		free(shown);
	}
	vbuf_puts(&im->why, post);
	return (-1);
}

/* utf8_ok - s is UTF-8: no stray, overlong or surrogate sequences */
static int
utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned int	 cp;
	int		 n;

	while (*p != '\0') {
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf)
			n = 1, cp = *p & 0x1f;
		else if (*p >= 0xe0 && *p <= 0xef)
			n = 2, cp = *p & 0x0f;
		else if (*p >= 0xf0 && *p <= 0xf4)
			n = 3, cp = *p & 0x07;
		else
			return (0);
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return (0);
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return (0);
		p += n + 1;
	}
	return (1);
}

/* when - a term date from column k into *t (0 when empty); 0 or -1 */
static int
when(struct import *im, const struct row *r, enum csv_col k, int64_t *t)
{
	const char	*v = field(im, r, k);
	time_t		 tt;

	*t = 0;
	if (*v == '\0')
		return (0);
	if (clock_parse_when(v, &tt) == -1) {
		vbuf_printf(&im->why, "%s ", csv_col_names[k]);
		return (refuse(im, "", v, " is not a date such as "
		    "2027-03-31"));
	}
	*t = tt;
	return (0);
}

/*
 * row_values - check the row's values into w, as `moot member add`
 * checks its options: an empty field leaves its member field NULL or 0.
 * 0, or -1 with the reason in im->why.
 */
static int
row_values(struct import *im, const struct row *r, struct member *w)
{
	const char	*addr = field(im, r, C_ADDR);
	const char	*name = field(im, r, C_NAME);
	const char	*role = field(im, r, C_ROLE);
	const char	*lang = field(im, r, C_LANG);
	const char	*mode = field(im, r, C_MODE);
	size_t		 norg;
	const char	*org = membership_org_trim(field(im, r, C_ORG), &norg);

	if (r->nul)
		return (refuse(im, "a field holds a NUL byte", NULL, ""));
	/* Empty fields past the columns are a spreadsheet's; others are
	 * data that would be lost. */
	for (size_t i = 0; i < r->n; i++)
		if (r->wide || (im->map[i] == C_NONE && r->f[i][0] != '\0'))
			return (refuse(im, "more fields than columns", NULL,
			    " (address, name, role, language, mode, "
			    "term_start, term_end, organisation)"));
	if (*addr == '\0')
		return (refuse(im, "no address", NULL, ""));
	if (r->addr == NULL) {
		(void)refuse(im, "not an email address: ", addr, " (");
		(void)addr_check(addr, &im->why);
		return (refuse(im, ")", NULL, ""));
	}
	if (r->dup_of != 0) {
		refuse(im, "", r->addr, "");
		vbuf_printf(&im->why, " is on line %zu already", r->dup_of);
		return (-1);
	}
	if (!cli_plain_text(name) || !utf8_ok(name))
		return (refuse(im, "name ", name, " has control characters "
		    "or is not UTF-8 text"));
	if (*role != '\0' && !member_role_ok(role))
		return (refuse(im, "unknown role ", role, " (member, "
		    "moderator, owner, organiser or chair)"));
	if (*lang != '\0' && !tmpl_has_language(&im->c->conf, lang))
		return (refuse(im, "unknown language ", lang, " (moot has no "
		    "templates in it)"));
	if (*mode != '\0' && !member_mode_ok(mode))
		return (refuse(im, "unknown mode ", mode, " (mail, digest, "
		    "plain or nomail)"));
	/* member add --org's rule; an empty field keeps the setting */
	if (norg > MEMBERSHIP_ORG_MAX || !cli_plain_text(org) ||
	    !utf8_ok(org))
		return (refuse(im, "organisation ", org, " has control "
		    "characters, is not UTF-8 text or is over 200 bytes"));
	if (when(im, r, C_START, &w->term_start) == -1 ||
	    when(im, r, C_END, &w->term_end) == -1)
		return (-1);
	w->addr = xstrdup(r->addr);
	w->name = *name != '\0' ? xstrdup(name) : NULL;
	w->role = *role != '\0' ? xstrdup(role) : NULL;
	w->language = *lang != '\0' ? xstrdup(lang) : NULL;
	w->mode = *mode != '\0' ? xstrdup(mode) : NULL;
	w->org = norg > 0 ? xstrndup(org, norg) : NULL;
	return (0);
}

/* take - *dst = *src if *src is set (moved: *src is NULL after); 1 if
 * that changed the value */
static int
take(char **dst, char **src)
{
	int	changed;

	if (*src == NULL)
		return (0);
	changed = *dst == NULL || strcmp(*dst, *src) != 0;
	free(*dst);
	*dst = *src;
	*src = NULL;
	return (changed);
}

enum { ROW_NEW, ROW_UPDATED, ROW_REFUSED, ROW_TROUBLE };

/* add_new - w joins the list, if the list's rules let it; a ROW_ code */
static int
add_new(struct import *im, struct member *w)
{
	struct ctx	 x = { &im->c->conf, im->c->db, NULL };

	switch (membership_refusal(im->c->db, im->l, w->addr)) {
	case JOIN_ENDED:
		vbuf_printf(&im->why, "list %s has ended: it takes no new "
		    "members", im->l->name);
		return (ROW_REFUSED);
	case JOIN_REQUIRES:
		vbuf_printf(&im->why, "%s requires membership of %s",
		    im->l->name, im->l->requires_name);
		return (ROW_REFUSED);
	case JOIN_OK:
		break;
	}
	if (membership_term(w, clock_now(), &im->why) == -1)
		return (ROW_REFUSED);
	if (membership_add(&x, im->l, w) != DB_OK ||
	    audit_add(im->c->db, im->l->id, 0, IMPORT_ACTOR, "join",
	    w->addr) != DB_OK)
		return (ROW_TROUBLE);
	return (ROW_NEW);
}

/* update - m, already on the list, takes the values w has; a ROW_ code.
 * Nothing is written when nothing changes. */
static int
update(struct import *im, struct member *m, struct member *w)
{
	int64_t	start = m->term_start, end = m->term_end;
	int	changed = 0;

	changed |= take(&m->name, &w->name);
	changed |= take(&m->role, &w->role);
	changed |= take(&m->language, &w->language);
	changed |= take(&m->mode, &w->mode);
	changed |= take(&m->org, &w->org);
	if (w->term_start != 0)
		m->term_start = w->term_start;
	if (w->term_end != 0)
		m->term_end = w->term_end;
	/* A new organiser's term is filled in here, as member set does. */
	if (membership_term(m, clock_now(), &im->why) == -1)
		return (ROW_REFUSED);
	if (!changed && m->term_start == start && m->term_end == end)
		return (ROW_UPDATED);
	if (member_update(im->c->db, m) != DB_OK ||
	    audit_add(im->c->db, im->l->id, 0, IMPORT_ACTOR, "set",
	    m->addr) != DB_OK)
		return (ROW_TROUBLE);
	return (ROW_UPDATED);
}

/* apply_row - one row of members, checked and applied; a ROW_ code */
static int
apply_row(struct import *im, const struct row *r)
{
	struct member	 w, *m = NULL;
	int		 rc;

	memset(&w, 0, sizeof(w));
	vbuf_reset(&im->why);
	if (row_values(im, r, &w) == -1) {
		member_release(&w);
		return (ROW_REFUSED);
	}
	switch (member_load(im->c->db, im->l->id, w.addr, &m)) {
	case DB_OK:
		rc = update(im, m, &w);
		break;
	case DB_NOTFOUND:
		rc = add_new(im, &w);
		break;
	default:
		rc = ROW_TROUBLE;
	}
	member_free(&m);
	member_release(&w);
	return (rc);
}

/*
 * import_rows - every row from data on, in the caller's transaction;
 * each refused row is said on stderr.  CLI_OK, or CLI_FAIL when the
 * database failed (said; the caller rolls back).
 */
static int
import_rows(struct import *im, const struct csvfile *cf, size_t data)
{
	const struct row *r;
	size_t		  j;

	for (size_t i = data; i < cf->n; i++) {
		r = &cf->rows[i];
		/* A row of empty fields is what a spreadsheet leaves below
		 * its data: nothing to import, nothing to refuse. */
		for (j = 0; j < r->n && r->f[j][0] == '\0'; j++)
			;
		if (j == r->n && !r->nul && !r->wide)
			continue;
		switch (apply_row(im, r)) {
		case ROW_NEW:
			im->added++;
			break;
		case ROW_UPDATED:
			im->updated++;
			break;
		case ROW_REFUSED:
			im->refused++;
			(void)cli_error(CLI_USAGE, "%s:%zu: %s", im->file,
			    r->line, vbuf_str(&im->why));
			break;
		default:
			return (cli_error(CLI_FAIL, "%s:%zu: cannot import "
			    "this row: the database failed; nothing "
			    "imported", im->file, r->line));
		}
	}
	return (CLI_OK);
}

/*
 * import_file - read f (already open), then import it into the list in
 * one transaction, or try to and roll back (dry).  An exit status.
 */
static int
import_file(struct import *im, FILE *f, int dry)
{
	struct csvfile	 cf;
	size_t		 data;
	int		 rc;

	memset(&cf, 0, sizeof(cf));
	if ((rc = csv_load(f, im->file, &cf)) != CLI_OK ||
	    (rc = columns(im, &cf, &data)) != CLI_OK)
		goto out;
	find_dups(im, &cf, data);
	/* Even a dry run works in a transaction: it meets the same rules
	 * (rows that repeat, lists required), then rolls back. */
	if (db_begin(im->c->db) != DB_OK) {
		rc = cli_error(CLI_FAIL, "cannot lock the database");
		goto out;
	}
	if ((rc = import_rows(im, &cf, data)) != CLI_OK || dry)
		db_rollback(im->c->db);
	else if (db_commit(im->c->db) != DB_OK)
		rc = cli_error(CLI_FAIL, "cannot commit the import; nothing "
		    "imported");
	if (rc == CLI_OK) {
		printf("%s %zu new, %zu updated, %zu refused\n", dry ?
		    "would import" : "imported", im->added, im->updated,
		    im->refused);
		rc = im->refused > 0 ? CLI_USAGE : CLI_OK;
	}
out:
	csvfile_free(&cf);
	return (rc);
}

/* import_opt - cli_getopt's callback: --dry-run, the one option */
static int
import_opt(struct cli *c, void *dry, int val, const char *arg)
{
	*(int *)dry = 1;
	return (CLI_OK);
}

/* cmd_member_import - moot member import LIST FILE.csv [--dry-run] */
int
cmd_member_import(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *k = cli_command_for(cmd_member_import);
	struct import	 im;
	struct list	*l = NULL;
	FILE		*f;
	const char	*path;
	char		*arg[2];
	int		 rc, dry = 0;
	struct cli_args	 a = { opts, import_opt, &dry, arg, 2, 0 };

	/* --dry-run may come before the list, or after the file. */
	if ((rc = cli_getopt(c, k, argc, argv, 1, &a)) != CLI_OK)
		return (rc == CLI_HELPED ? CLI_OK : rc);
	if (a.nwords != 2)
		return (cli_help(k, 1));
	path = arg[1];
	/* Opened first, with the rights of whoever runs moot (cli_db may
	 * drop root's); "-" is standard input, for a pipe from export. */
	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "rb")) == NULL)
		return (cli_error(CLI_USAGE, "cannot read %s: %s", path,
		    strerror(errno)));
	if ((rc = cli_load_list(c, arg[0], &l)) == CLI_OK) {
		memset(&im, 0, sizeof(im));
		im.c = c;
		im.l = l;
		im.file = f == stdin ? "stdin" : path;
		vbuf_init(&im.why, VBUF_NOMAX);
		rc = import_file(&im, f, dry);
		vbuf_release(&im.why);
	}
	if (f != stdin)
		(void)fclose(f);	/* read only: nothing to lose */
	list_free(&l);
	return (rc);
}
