/*
 * cli_setting.c - the settings that options of moot(1) change; see
 * cli_setting.h
 *
 * A row's option is --name, and --no-name when the row can be unset;
 * getopt_long gets them from the rows, so the options, their checks, the
 * usage line and list show cannot drift apart.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "cli/cli.h"
#include "cli/cli_setting.h"
#include "util/clock.h"
#include "global/conf.h"
#include "global/tmpl.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* The val getopt_long gives: a row's --name, its --no-name, the flag. */
#define VAL_FLAG	1000
#define VAL_ROW(i)	(1001 + 2 * (int)(i))
#define VAL_NO_ROW(i)	(1002 + 2 * (int)(i))
#define VAL_INDEX(v)	((size_t)((v) - VAL_ROW(0)) / 2)
#define VAL_IS_NO(v)	((v) >= VAL_NO_ROW(0) && ((v) - VAL_NO_ROW(0)) % 2 == 0)

/* What cli_settings_parse hands cli_getopt's callback. */
struct parse {
	const struct cli_command *k;
	const struct cli_settings *set;
	void		*rec;
	int		*flag;
};

/* cli_set_string - see cli_setting.h */
void
cli_set_string(void *rec, const struct cli_setting *s, const char *v)
{
	char	**field = CLI_FIELD(rec, s, char *);

	free(*field);
	*field = v != NULL ? xstrdup(v) : NULL;
}

/* cli_setting_bad - see cli_setting.h */
int
cli_setting_bad(const struct cli *c, const struct cli_setting *s,
    const char *arg)
{
	static const char *const slots[] = { "{arg}", "{templates}" };
	struct vbuf	 v;
	const char	*p, *fill[2];
	size_t		 i;

	fill[0] = arg;
	fill[1] = c->conf.templates;
	vbuf_init(&v, VBUF_NOMAX);
	for (p = s->want; *p != '\0';) {
		for (i = 0; i < nitems(slots); i++)
			if (strncmp(p, slots[i], strlen(slots[i])) == 0)
				break;
		if (i < nitems(slots)) {
			vbuf_puts(&v, fill[i] != NULL ? fill[i] : "");
			p += strlen(slots[i]);
		} else
			vbuf_putc(&v, *p++);
	}
	(void)cli_error(CLI_USAGE, "--%s: %s", s->name, vbuf_str(&v));
	vbuf_release(&v);
	return (CLI_USAGE);
}

/* cli_set_flag - see cli_setting.h */
int
cli_set_flag(struct cli *c, const struct cli_setting *s, void *rec,
    const char *arg, int on)
{
	*CLI_FIELD(rec, s, int) = on;
	return (CLI_OK);
}

/* cli_set_word - see cli_setting.h */
int
cli_set_word(struct cli *c, const struct cli_setting *s, void *rec,
    const char *arg, int on)
{
	cli_set_string(rec, s, s->name);
	return (CLI_OK);
}

/* cli_set_text - see cli_setting.h */
int
cli_set_text(struct cli *c, const struct cli_setting *s, void *rec,
    const char *arg, int on)
{
	if (!cli_plain_text(arg) || (s->max > 0 &&
	    strlen(arg) > (size_t)s->max))
		return (cli_setting_bad(c, s, arg));
	cli_set_string(rec, s, arg);
	return (CLI_OK);
}

/* cli_set_choice - see cli_setting.h; a bad word is told the choices:
 * "a or b", or "one of a, b, c" */
int
cli_set_choice(struct cli *c, const struct cli_setting *s, void *rec,
    const char *arg, int on)
{
	struct vbuf	 v;
	const char	*bar;

	if (conf_one_of(s->choices, arg)) {
		cli_set_string(rec, s, arg);
		return (CLI_OK);
	}
	vbuf_init(&v, VBUF_NOMAX);
	bar = strchr(s->choices, '|');
	if (bar != NULL && strchr(bar + 1, '|') == NULL)
		vbuf_printf(&v, "%.*s or %s", (int)(bar - s->choices),
		    s->choices, bar + 1);
	else {
		vbuf_puts(&v, "one of ");
		for (const char *p = s->choices; *p != '\0'; p++)
			if (*p == '|')
				vbuf_puts(&v, ", ");
			else
				vbuf_putc(&v, *p);
	}
	(void)cli_error(CLI_USAGE, "--%s: \"%s\" is not %s", s->name, arg,
	    vbuf_str(&v));
	vbuf_release(&v);
	return (CLI_USAGE);
}

/* cli_set_lang - see cli_setting.h */
int
cli_set_lang(struct cli *c, const struct cli_setting *s, void *rec,
    const char *arg, int on)
{
	int	rc;

	if ((rc = cli_conf(c)) != CLI_OK)
		return (rc);
	if (!tmpl_has_language(&c->conf, arg))
		return (cli_setting_bad(c, s, arg));
	cli_set_string(rec, s, arg);
	return (CLI_OK);
}

/* set_number - n, if it is within the row's bounds (max 0: none
 * above); a bad value (-1) is not */
static int
set_number(struct cli *c, const struct cli_setting *s, void *rec,
    const char *arg, int64_t n)
{
	if (n < 0 || n < s->min || (s->max > 0 && n > s->max))
		return (cli_setting_bad(c, s, arg));
	*CLI_FIELD(rec, s, int64_t) = n;
	return (CLI_OK);
}

/* cli_set_size - see cli_setting.h */
int
cli_set_size(struct cli *c, const struct cli_setting *s, void *rec,
    const char *arg, int on)
{
	return (set_number(c, s, rec, arg, conf_parse_size(arg)));
}

/* cli_set_count - see cli_setting.h */
int
cli_set_count(struct cli *c, const struct cli_setting *s, void *rec,
    const char *arg, int on)
{
	char		*end;
	long long	 n = strtoll(arg, &end, 10);

	return (set_number(c, s, rec, arg, *end == '\0' ? n : -1));
}

/* keep_given - a duration's value as given, if the row keeps it, so
 * list show prints what the administrator wrote */
static int
keep_given(const struct cli_setting *s, void *rec, const char *arg)
{
	char	**given;

	if (s->given != 0) {
		given = (char **)(void *)((char *)rec + s->given);
		free(*given);
		*given = xstrdup(arg);
	}
	return (CLI_OK);
}

/* cli_set_seconds - see cli_setting.h */
int
cli_set_seconds(struct cli *c, const struct cli_setting *s, void *rec,
    const char *arg, int on)
{
	int	rc;

	if ((rc = set_number(c, s, rec, arg, conf_parse_duration(arg))) !=
	    CLI_OK)
		return (rc);
	return (keep_given(s, rec, arg));
}

/* cli_set_days - see cli_setting.h */
int
cli_set_days(struct cli *c, const struct cli_setting *s, void *rec,
    const char *arg, int on)
{
	int64_t	n = conf_parse_duration(arg);

	if (n < s->min || n > s->max || n % 86400 != 0)
		return (cli_setting_bad(c, s, arg));
	*CLI_FIELD(rec, s, int64_t) = n / 86400;
	return (keep_given(s, rec, arg));
}

/* cli_set_date - see cli_setting.h */
int
cli_set_date(struct cli *c, const struct cli_setting *s, void *rec,
    const char *arg, int on)
{
	time_t	t = 0;
	int	rc;

	/* Dates are in the site's zone: the conf says which. */
	if (on && (rc = cli_conf(c)) != CLI_OK)
		return (rc);
	if (on && clock_parse_when(arg, &t) == -1)
		return (cli_setting_bad(c, s, arg));
	*CLI_FIELD(rec, s, int64_t) = t;
	return (CLI_OK);
}

/* settings_opt - cli_getopt's callback: one option to its row */
static int
settings_opt(struct cli *c, void *ctx, int val, const char *arg)
{
	struct parse	*p = ctx;
	size_t		 i = VAL_INDEX(val);

	if (val == VAL_FLAG) {
		if (p->flag == NULL)
			return (cli_help(p->k, 1));
		*p->flag = 1;
		return (CLI_OK);
	}
	return (p->set->rows[i].set(c, &p->set->rows[i], p->rec, arg,
	    val == VAL_ROW(i)));
}

/* cli_settings_parse - see cli_setting.h */
int
cli_settings_parse(struct cli *c, const struct cli_command *k,
    const struct cli_settings *set, void *rec, int argc, char **argv,
    int first, int *flag)
{
	struct option	*opts;
	struct parse	 p = { k, set, rec, flag };
	struct cli_args	 a;
	size_t		 n = 0, i;
	int		 rc;

	opts = xreallocarray(NULL, 2 * set->n + 3, sizeof(*opts));
	for (i = 0; i < set->n; i++) {
		const struct cli_setting *s = &set->rows[i];

		opts[n++] = (struct option){ s->name, s->has_arg, NULL,
		    VAL_ROW(i) };
		if (s->unset)
			opts[n++] = (struct option){ xasprintf("no-%s",
			    s->name), no_argument, NULL, VAL_NO_ROW(i) };
	}
	if (set->flag != NULL)
		opts[n++] = (struct option){ set->flag, no_argument, NULL,
		    VAL_FLAG };
	opts[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	opts[n] = (struct option){ NULL, 0, NULL, 0 };
	memset(&a, 0, sizeof(a));
	a.opts = opts;
	a.opt = settings_opt;
	a.ctx = &p;
	rc = cli_getopt(c, k, argc, argv, first, &a);
	for (i = 0; i < n; i++)
		if (VAL_IS_NO(opts[i].val))
			free((char *)opts[i].name);
	free(opts);
	return (rc);
}
