/*
 * cli_export.c - moot member export: a list's members as CSV
 *
 * Owns: the writing of the columns of cli_csv.h, one row a member, in a
 * form that moot member import (cli_csv.c) reads back the same.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <csv.h>

#include "cli/cli.h"
#include "cli/cli_csv.h"
#include "util/clock.h"
#include "db/db.h"
#include "db/db_list.h"
#include "util/sys_defs.h"

/* put_field - one field of an export row, then a comma or newline.
 * libcsv quotes it when it must be: a comma, a quote, a line break, or
 * a space at either end that an unquoted field would lose. */
static int
put_field(FILE *f, const char *s, int last)
{
	size_t	len = strlen(s);
	int	rc;

	if (strpbrk(s, ",\"\r\n") != NULL || (len > 0 && (strchr(" \t",
	    s[0]) != NULL || strchr(" \t", s[len - 1]) != NULL)))
		rc = csv_fwrite(f, s, len);
	else
		rc = fputs(s, f) == EOF ? EOF : 0;
	if (rc == EOF || fputc(last ? '\n' : ',', f) == EOF)
		return (-1);
	return (0);
}

/* put_date - a term date in the site's zone, "" for none, into buf */
static const char *
put_date(int64_t t, char *buf, size_t size)
{
	if (t == 0)
		return ("");
	clock_iso((time_t)t, buf, size);
	buf[strcspn(buf, " ")] = '\0';		/* the date of "date time" */
	return (buf);
}

/* export_member - member_each: one row; non-zero stops on trouble */
static int
export_member(const struct member *m, void *arg)
{
	FILE	*f = arg;
	char	 start[32], end[32];

	if (put_field(f, m->addr, 0) == -1 ||
	    put_field(f, m->name != NULL ? m->name : "", 0) == -1 ||
	    put_field(f, m->role, 0) == -1 ||
	    put_field(f, m->language != NULL ? m->language : "", 0) == -1 ||
	    put_field(f, m->mode, 0) == -1 ||
	    put_field(f, put_date(m->term_start, start, sizeof(start)),
	    0) == -1 ||
	    put_field(f, put_date(m->term_end, end, sizeof(end)), 0) == -1 ||
	    put_field(f, m->org != NULL ? m->org : "", 1) == -1)
		return (1);
	return (0);
}

/* cmd_member_export - moot member export LIST */
int
cmd_member_export(struct cli *c, int argc, char **argv)
{
	struct list	*l = NULL;
	int		 rc;

	if (argc == 2 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0))
		return (cli_help(cli_command_for(cmd_member_export), 0));
	if (argc != 2 || argv[1][0] == '-')
		return (cli_help(cli_command_for(cmd_member_export), 1));
	if ((rc = cli_load_list(c, argv[1], &l)) != CLI_OK)
		return (rc);
	for (int k = 0; k < C_COUNT; k++)
		if (put_field(stdout, csv_col_names[k], k == C_COUNT - 1) == -1)
			break;
	/* member_each goes by address.  A write that fails is sticky in
	 * stdout's error flag, so one check at the end is enough. */
	if (member_each(c->db, l->id, export_member, stdout) != DB_OK &&
	    !ferror(stdout))
		rc = cli_error(CLI_FAIL, "cannot read the members of %s",
		    l->name);
	if (fflush(stdout) == EOF || ferror(stdout))
		rc = cli_error(CLI_FAIL, "cannot write the members of %s: %s",
		    l->name, strerror(errno));
	list_free(&l);
	return (rc);
}
