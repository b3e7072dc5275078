/*
 * cli_report.c - moot report: the report for the Communities Board
 *
 * The period is two days in the site's zone (--from, --to; by default
 * the last 12 months to now, MOOT_NOW in the tests); the report itself
 * is gov/gov_report.h's, in text, HTML or PDF, to standard output or a
 * file.  A PDF is never written to a terminal: its bytes would only
 * garble it.  A file is made readable by its owner alone, as the report
 * names members.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "db/db.h"
#include "gov/gov_report.h"
#include "util/clock.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

struct report_args {
	const char	*from, *to, *format, *out;
	char		*words[1];
};

/* report_opt - cli_getopt's callback for moot report */
static int
report_opt(struct cli *c, void *ctx, int val, const char *arg)
{
	struct report_args *a = ctx;

	switch (val) {
	case 'f': a->from = arg; break;
	case 't': a->to = arg; break;
	case 'F': a->format = arg; break;
	case 'o': a->out = arg; break;
	}
	return (CLI_OK);
}

/* write_all - len bytes of data to fd; 0, or -1 with errno */
static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		if ((n = write(fd, data, len)) == -1) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		data += n;
		len -= (size_t)n;
	}
	return (0);
}

/* put_out - the report's bytes to path, or to stdout if NULL */
static int
put_out(const char *path, const struct vbuf *v)
{
	int	fd;

	if (path == NULL) {
		if (write_all(STDOUT_FILENO, v->data, v->len) == -1)
			return (cli_error(CLI_FAIL, "cannot write the report: "
			    "%s", strerror(errno)));
		return (CLI_OK);
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) == -1)
		return (cli_error(CLI_USAGE, "cannot create %s: %s", path,
		    strerror(errno)));
	if (write_all(fd, v->data, v->len) == -1 || close(fd) == -1) {
		int	e = errno;

		(void)close(fd);
		return (cli_error(CLI_FAIL, "cannot write %s: %s", path,
		    strerror(e)));
	}
	return (CLI_OK);
}

/* cmd_report - moot report [--from DATE] [--to DATE] [--format F] [-o F] */
int
cmd_report(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *k = cli_command_for(cmd_report);
	struct report_args	 a;
	struct cli_args		 ca = { opts, report_opt, &a, a.words, 0, 0,
				    "o:" };
	struct report_period	 p;
	struct report		*r = NULL;
	enum report_format	 f = REPORT_TEXT;
	struct vbuf		 out;
	int			 rc;

	memset(&a, 0, sizeof(a));
	if ((rc = cli_getopt(c, k, argc, argv, 1, &ca)) != CLI_OK)
		return (rc == CLI_HELPED ? CLI_OK : rc);
	if (a.format != NULL && gov_report_format_parse(a.format, &f) == -1)
		return (cli_error(CLI_USAGE, "--format: \"%s\" is not text, "
		    "html or pdf", a.format));
	if (f == REPORT_PDF && a.out == NULL && isatty(STDOUT_FILENO))
		return (cli_error(CLI_USAGE, "a PDF is not for a terminal: "
		    "give -o FILE or redirect the output"));
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	vbuf_reset(&c->err);
	/* After cli_db(): the dates are in the site's zone, set by now. */
	if (gov_report_period(a.from, a.to, clock_now(), &p, &c->err) == -1)
		return (cli_error(CLI_USAGE, "%s", vbuf_str(&c->err)));
	if (gov_report_collect(c->db, &c->conf, &p, clock_now(), &r) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot read what the report "
		    "says"));
	vbuf_init(&out, VBUF_NOMAX);
	if (gov_report_write(r, f, &out, &c->err) == -1)
		rc = cli_error(CLI_FAIL, "%s", c->err.len > 0 ?
		    vbuf_str(&c->err) : "cannot write the report");
	else
		rc = put_out(a.out, &out);
	vbuf_release(&out);
	gov_report_free(&r);
	return (rc);
}
