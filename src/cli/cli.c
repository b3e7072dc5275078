/*
 * cli.c - what the commands of moot(1) share; see cli.h
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/alloc.h"
#include "cli/cli_setting.h"
#include "util/clock.h"
#include "db/db.h"
#include "db/db_list.h"
#include "global/listaddr.h"
#include "util/priv.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

/* cli_help - see cli.h */
int
cli_help(const struct cli_command *c, int to_stderr)
{
	struct vbuf	opts;

	vbuf_init(&opts, VBUF_NOMAX);
	if (c->settings != NULL)
		cli_settings_usage(c->settings, c->form, &opts);
	fprintf(to_stderr ? stderr : stdout, "usage: moot -c conf %s%s\n",
	    c->usage, vbuf_str(&opts));
	vbuf_release(&opts);
	return (to_stderr ? CLI_USAGE : CLI_OK);
}

/* cli_settings_usage - see cli_setting.h.  Rows in a row that set one
 * field share a pair of brackets: [--digest|--mail|--nomail].  Here with
 * cli_help() rather than in cli_setting.c, whose setters read the
 * templates: a command without settings (moot inject) links neither. */
void
cli_settings_usage(const struct cli_settings *set, enum cli_form form,
    struct vbuf *out)
{
	const struct cli_setting *s, *prev = NULL;
	const char	*arg;

	for (size_t i = 0; i < set->n; i++) {
		s = &set->rows[i];
		if ((form == CLI_FORM_NEW && s->hide_new) || s->alias)
			continue;
		vbuf_puts(out, prev != NULL && prev->off == s->off ? "|" :
		    prev != NULL ? "] [" : " [");
		arg = form == CLI_FORM_NEW && s->arg_new != NULL ?
		    s->arg_new : s->arg != NULL ? s->arg : s->choices;
		vbuf_printf(out, "--%s%s%s", s->name, s->has_arg ? " " : "",
		    s->has_arg ? arg : "");
		if (form == CLI_FORM_CHANGE && s->unset)
			vbuf_printf(out, "|--no-%s", s->name);
		prev = s;
	}
	if (prev != NULL)
		vbuf_puts(out, "]");
}

/* cli_wants_help - see cli.h */
int
cli_wants_help(int argc, char **argv)
{
	return (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0));
}

/* add_word - one more argument that is not an option; -1 if no room */
static int
add_word(struct cli_args *a, char *w)
{
	if (a->nwords == a->max_words)
		return (-1);
	a->words[a->nwords++] = w;
	return (0);
}

/* cli_getopt - see cli.h */
int
cli_getopt(struct cli *c, const struct cli_command *k, int argc,
    char **argv, int first, struct cli_args *a)
{
	char	shortopts[32];
	int	ch, rc;

	/* -h, and the command's own short options ("o:" for -o FILE). */
	(void)snprintf(shortopts, sizeof(shortopts), "+:h%s",
	    a->short_opts != NULL ? a->short_opts : "");
	/* getopt_long sees only options: the words between them are taken
	 * here, since main()'s "+" stops it at the first (glibc keeps the
	 * ordering of its first call). */
	a->nwords = 0;
	for (optind = first; optind < argc;) {
		if (strcmp(argv[optind], "--") == 0) {
			while (++optind < argc)
				if (add_word(a, argv[optind]) == -1)
					return (cli_help(k, 1));
			break;
		}
		if (argv[optind][0] != '-' || argv[optind][1] == '\0') {
			if (add_word(a, argv[optind++]) == -1)
				return (cli_help(k, 1));
			continue;
		}
		/* Our own words for a wrong option: every error of moot(1)
		 * starts with "moot:". */
		opterr = 0;
		ch = getopt_long(argc, argv, shortopts, a->opts, NULL);
		opterr = 1;
		if (ch == -1)
			break;
		if (ch == 'h')
			return ((cli_help(k, 0), CLI_HELPED));
		if (ch == '?' || ch == ':') {
			cli_error(CLI_USAGE, "%s%s%s: %s %s", k->group != NULL ?
			    k->group : "", k->group != NULL ? " " : "",
			    k->verb, ch == ':' ? "this option needs a value:" :
			    "no such option:", argv[optind - 1]);
			return (cli_help(k, 1));
		}
		if ((rc = a->opt(c, a->ctx, ch, optarg)) != CLI_OK)
			return (rc);
	}
	return (CLI_OK);
}

/* cli_error - see cli.h */
int
cli_error(int status, const char *fmt, ...)
{
	va_list	ap;

	fputs("moot: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return (status);
}

/* cli_yes - see cli.h */
const char *
cli_yes(int b)
{
	return (b ? "yes" : "no");
}

/* cli_when - see cli.h */
const char *
cli_when(int64_t t, char *buf, size_t size)
{
	if (t == 0)
		return ("-");
	clock_iso((time_t)t, buf, size);
	return (buf);
}

/* cli_field - see cli.h */
void
cli_field(const char *name, const char *value)
{
	struct vbuf	v;

	vbuf_init(&v, VBUF_NOMAX);
	vis_append(&v, value != NULL ? value : "-");
	printf("%s: %s\n", name, vbuf_str(&v));
	vbuf_release(&v);
}

/* cli_conf - see cli.h */
int
cli_conf(struct cli *c)
{
	if (c->conf_loaded)
		return (CLI_OK);
	if (c->conf_path == NULL)
		return (cli_error(CLI_USAGE, "no configuration: give -c FILE "
		    "or set MOOT_CONF"));
	if (conf_load(&c->conf, c->conf_path, &c->err) == -1)
		return (cli_error(CLI_USAGE, "%s", vbuf_str(&c->err)));
	c->conf_loaded = 1;
	if (clock_init(c->conf.timezone, &c->err) == -1)
		return (cli_error(CLI_USAGE, "%s", vbuf_str(&c->err)));
	/* As root, act as the daemons' user, so the files stay theirs. */
	if (!c->keep_root && geteuid() == 0 && c->conf.user != NULL &&
	    priv_drop(c->conf.user, &c->err) == -1)
		return (cli_error(CLI_FAIL, "%s", vbuf_str(&c->err)));
	return (CLI_OK);
}

/* cli_db - see cli.h */
int
cli_db(struct cli *c)
{
	int	rc;

	if (c->db != NULL)
		return (CLI_OK);
	if ((rc = cli_conf(c)) != CLI_OK)
		return (rc);
	vbuf_reset(&c->err);
	if ((rc = db_open(&c->db, c->conf.database, 0, &c->err)) != DB_OK ||
	    (rc = db_migrate(c->db, &c->err)) != DB_OK) {
		db_close(&c->db);
		return (cli_error(rc == DB_NOTFOUND ? CLI_USAGE : CLI_FAIL,
		    "%s", vbuf_str(&c->err)));
	}
	return (CLI_OK);
}

/* cli_load_list - see cli.h */
int
cli_load_list(struct cli *c, const char *name, struct list **l)
{
	int	rc;

	char	*folded;

	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	/* A list's name is read as mail reads it: without case. */
	folded = xstrdup(name);
	listaddr_fold(folded);
	switch (list_load(c->db, folded, l)) {
	case DB_OK:
		rc = CLI_OK;
		break;
	case DB_NOTFOUND:
		rc = cli_error(CLI_USAGE, "no list is called %s", folded);
		break;
	default:
		rc = cli_error(CLI_FAIL, "cannot read list %s", folded);
	}
	free(folded);
	return (rc);
}

/* cli_plain_text - see cli.h */
int
cli_plain_text(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return (0);
	return (1);
}

/* cli_read_file - see cli.h */
int
cli_read_file(const char *path, size_t max, const char *why_max,
    struct vbuf *out)
{
	FILE	*f;
	char	 buf[8192];
	size_t	 got;
	int	 rc = 0;

	if ((f = fopen(path, "rb")) == NULL)
		return (cli_error(CLI_USAGE, "%s: %s", path, strerror(errno)),
		    -1);
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (out->len + got > max) {
			rc = -1;
			(void)cli_error(CLI_USAGE, "%s: larger than %zu bytes, "
			    "%s", path, max, why_max);
			break;
		}
		vbuf_cat(out, buf, got);
	}
	if (rc == 0 && ferror(f)) {
		rc = -1;
		(void)cli_error(CLI_FAIL, "%s: cannot read", path);
	}
	(void)fclose(f);
	return (rc);
}
