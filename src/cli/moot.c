/*
 * moot - the administrator's command line, and what Postfix runs
 *
 * See man/moot.1.  `moot inject` runs here; every other command, and
 * -h or --version, runs in moot-admin (moot_admin.c, in the package's
 * libexec folder), which this program executes with the same arguments.
 *
 * Postfix's pipe(8) starts `moot inject` once for each message.  The
 * program that holds every command links every command's libraries
 * (ICU, libical, cairo and pango, libetpan with GnuTLS, libxml2,
 * libesmtp: some sixty shared objects), and loading them took about
 * 18 ms of each message's 23 and 11 MB of its memory.  This program links
 * what inject needs (SQLite, inih, nettle) and no more, so a message
 * costs what storing it costs.  bench/PROFILE-ingest.md has the figures.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "db/db.h"
#include "global/admin.h"
#include "util/log.h"
#include "util/sys_defs.h"

/* admin - run the command line in moot-admin; returns only on failure,
 * with the status to exit with */
static int
admin(char **argv)
{
	char	path[PATH_MAX];

	if (admin_path(path, sizeof(path)) == 0) {
		execv(path, argv);
		fprintf(stderr, "moot: %s: %s\n", path, strerror(errno));
	} else
		fprintf(stderr, "moot: the path of moot-admin is too long\n");
	/* Postfix's pipe(8) bounces on 1 or 2: for inject, try later. */
	for (int i = 1; argv[i] != NULL; i++)
		if (strcmp(argv[i], "inject") == 0)
			return (EX_TEMPFAIL);
	return (CLI_FAIL);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli	 c;
	int		 ch, rc, verbose = 0;

	memset(&c, 0, sizeof(c));
	c.conf_path = getenv("MOOT_CONF");
	/* The options of moot-admin's main(), read the same way; anything
	 * but -c and -v is moot-admin's to act on or to refuse. */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+c:hv", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': c.conf_path = optarg; break;
		case 'v': verbose++; break;
		default: return (admin(argv));
		}
	}
	if (optind >= argc || strcmp(argv[optind], "inject") != 0)
		return (admin(argv));
	/* From here as moot-admin's main() runs a command. */
	vbuf_init(&c.err, 4096);
	log_init("moot", LOG_TO_STDERR | LOG_STDERR_WARN | LOG_TO_SYSLOG);
	log_verbose(verbose);
	argc -= optind;
	argv += optind;
	optind = 1;
	rc = cmd_inject(&c, argc, argv);
	db_close(&c.db);
	if (c.conf_loaded)
		conf_free(&c.conf);
	vbuf_release(&c.err);
	return (rc);
}
