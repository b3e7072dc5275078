/*
 * moot-admin - the administrator's command line, every command of it
 *
 * See man/moot.1.  `moot -c conf GROUP VERB [args]`; each command is a
 * row of the table (commands.c), with its usage line, so that `moot
 * --help`, `moot GROUP VERB --help` and the man page say the same thing.
 * moot(1) (moot.c) runs inject itself and executes this program, with
 * the same arguments, for everything else.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/clock.h"
#include "db/db.h"
#include "gov/gov_effect.h"
#include "util/log.h"
#include "util/priv.h"
#include "util/sys_defs.h"

static void __attribute__((noreturn))
usage(int status)
{
	cli_usage(status ? stderr : stdout);
	exit(status);
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
	const char	*group, *verb;
	int		 ch, rc, verbose = 0;
	const struct cli_command *k;

	memset(&c, 0, sizeof(c));
	vbuf_init(&c.err, 4096);
	c.conf_path = getenv("MOOT_CONF");
	/* What a proposal would do is described with the site's names:
	 * gov_effect reads the configuration once a command loads it. */
	gov_effect_use_conf(&c.conf);
	/* What an administrator does is logged; the terminal hears only of
	 * trouble (each command says what it did on stdout). */
	log_init("moot", LOG_TO_STDERR | LOG_STDERR_WARN | LOG_TO_SYSLOG);
	/* "+": options after the command belong to the command. */
	while ((ch = getopt_long(argc, argv, "+c:hv", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': c.conf_path = optarg; break;
		case 'v': verbose++; break;
		case 'h': usage(0);
		case 'V':
			printf("moot %s\n", PACKAGE_VERSION);
			exit(0);
		default:
			/* Postfix's pipe(8) bounces on 1: inject says 64. */
			for (int j = optind; j < argc; j++)
				if (strcmp(argv[j], "inject") == 0)
					exit(EX_USAGE);
			usage(1);
		}
	}
	log_verbose(verbose);
	argc -= optind;
	argv += optind;
	if (argc == 0)
		usage(1);
	if (strcmp(argv[0], "help") == 0 || strcmp(argv[0], "--help") == 0 ||
	    strcmp(argv[0], "-h") == 0)
		usage(0);
	group = argv[0];
	verb = argc > 1 ? argv[1] : NULL;
	if ((k = cli_command_find(group, verb)) == NULL) {
		/* "moot list" alone: the list commands, as help. */
		if (verb == NULL && cli_usage_group(stdout, group) > 0)
			exit(0);
		cli_error(CLI_USAGE, "unknown command: %s%s%s", group,
		    verb != NULL ? " " : "", verb != NULL ? verb : "");
		usage(1);
	}
	if (k->group != NULL && verb != NULL &&
	    strcmp(k->verb, verb) == 0) {
		argc--;
		argv++;
	}
	/* Each command sees argv[0] = its verb, then its own arguments. */
	optind = 1;
	rc = k->run(&c, argc, argv);
	db_close(&c.db);
	if (c.conf_loaded)
		conf_free(&c.conf);
	vbuf_release(&c.err);
	return (rc);
}
