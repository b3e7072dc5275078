/*
 * moot - the administrator's command line
 *
 * See man/moot.1.  `moot -c conf GROUP VERB [args]`; each command is a
 * row of the table below, with its usage line, so that `moot --help`,
 * `moot GROUP VERB --help` and the man page say the same thing.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "priv.h"
#include "moot.h"

static const struct cli_command commands[] = {
	{ NULL, "init", cmd_init, "init",
	    "create or migrate the database and the secret" },
	{ "list", "create", cmd_list_create, "list create NAME [--moderated] "
	    "[--members-only] [--description TEXT] [--requires LIST] "
	    "[--digest \"Mon 10:00\"] [--subject-prefix TEXT] "
	    "[--max-size SIZE] [--language CODE] [--ends WHEN] "
	    "[--nonmember hold|reject] [--hold-size SIZE] "
	    "[--max-recipients N] [--automated hold|drop] [--notify-held] "
	    "[--escalate DURATION] [--turn DURATION] [--who nobody|members] "
	    "[--approve-joins] [--hidden] [--bulk]",
	    "create a list" },
	{ "list", "set", cmd_list_set, "list set NAME [--moderated|"
	    "--no-moderated] [--members-only|--no-members-only] "
	    "[--description TEXT] [--requires LIST|--no-requires] "
	    "[--digest WHEN|--no-digest] [--subject-prefix TEXT] "
	    "[--max-size SIZE] [--language CODE] [--ends WHEN|--no-ends] "
	    "[--nonmember hold|reject] [--hold-size SIZE] "
	    "[--max-recipients N] [--automated hold|drop] "
	    "[--notify-held|--no-notify-held] [--escalate DURATION] "
	    "[--turn DURATION] [--who nobody|members] "
	    "[--approve-joins|--no-approve-joins] [--hidden|--no-hidden] "
	    "[--bulk|--no-bulk]",
	    "change a list's settings" },
	{ "list", "show", cmd_list_show, "list show NAME",
	    "show a list's settings" },
	{ "list", "ls", cmd_list_ls, "list ls", "list the lists" },
	{ "list", "rm", cmd_list_rm, "list rm NAME [--force]",
	    "remove a list (--force if it has members)" },
	{ "member", "add", cmd_member_add, "member add LIST ADDR "
	    "[--role member|moderator|owner|organiser|chair] [--lang CODE] "
	    "[--digest|--nomail] [--name NAME] [--term-start WHEN] "
	    "[--term-end WHEN]", "add a member" },
	{ "member", "set", cmd_member_set, "member set LIST ADDR [--role ROLE] "
	    "[--lang CODE] [--digest|--mail|--nomail] [--name NAME] "
	    "[--term-start WHEN] [--term-end WHEN]",
	    "change a member's settings" },
	{ "member", "rm", cmd_member_rm, "member rm LIST ADDR",
	    "remove a member" },
	{ "member", "ls", cmd_member_ls, "member ls LIST",
	    "list a list's members" },
	{ "member", "import", cmd_member_import, "member import LIST FILE.csv "
	    "[--dry-run]", "add or update members from a CSV file" },
	{ "member", "export", cmd_member_export, "member export LIST",
	    "write a list's members as CSV to standard output" },
	{ NULL, "inject", cmd_inject, "inject --to ADDR [--to ADDR]... "
	    "[--from ADDR] [--queue-id ID] < message",
	    "spool a message as if received over SMTP" },
	{ "spool", "ls", cmd_spool, "spool ls [--state STATE] [--list LIST] "
	    "[--limit N]", "list spooled messages, newest first" },
	{ "spool", "show", cmd_spool_show, "spool show ID",
	    "show one spooled message and what became of it" },
	{ "spool", "retry", cmd_spool_retry, "spool retry ID",
	    "process a failed or deferred message again" },
	{ NULL, "held", cmd_held, "held [LIST]",
	    "list the posts waiting for a moderator" },
	{ NULL, "approve", cmd_approve, "approve ID",
	    "approve a held post: it goes to the list" },
	{ NULL, "reject", cmd_reject, "reject ID [REASON]",
	    "reject a held post; the sender is told the reason" },
	{ NULL, "discard", cmd_discard, "discard ID",
	    "drop a held post without a word" },
	{ NULL, "log", cmd_log, "log LIST [--limit N]",
	    "the list's audit log of decisions, newest first" },
	{ "rota", "show", cmd_rota, "rota show LIST",
	    "who moderates now, and the next turns" },
	{ "rota", "set", cmd_rota_set, "rota set LIST ADDR... [--turn DURATION] "
	    "[--escalate DURATION]", "set the moderators' rota, in order" },
	{ "rota", "away", cmd_rota_away, "rota away ADDR FROM TO | "
	    "rota away ADDR --back", "a moderator away: the turn passes on" },
};

/* cli_command_for - see cli.h */
const struct cli_command *
cli_command_for(int (*run)(struct cli *, int, char **))
{
	for (size_t i = 0; i < nitems(commands); i++)
		if (commands[i].run == run)
			return (&commands[i]);
	return (NULL);
}

static void __attribute__((noreturn))
usage(int status)
{
	FILE	*f = status ? stderr : stdout;

	fprintf(f, "usage: moot -c conf command [arguments]\n\ncommands:\n");
	for (size_t i = 0; i < nitems(commands); i++) {
		const struct cli_command *k = &commands[i];
		char	name[32];

		(void)snprintf(name, sizeof(name), "%s%s%s",
		    k->group != NULL ? k->group : "",
		    k->group != NULL ? " " : "", k->verb);
		fprintf(f, "  %-16s %s\n", name, k->summary);
	}
	fprintf(f, "\n`moot -c conf COMMAND --help` shows a command's "
	    "arguments; man moot has the rest.\n");
	exit(status);
}

int
cli_help(const struct cli_command *c, int to_stderr)
{
	fprintf(to_stderr ? stderr : stdout, "usage: moot -c conf %s\n",
	    c->usage);
	return (to_stderr ? CLI_USAGE : CLI_OK);
}

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

const char *
cli_yes(int b)
{
	return (b ? "yes" : "no");
}

const char *
cli_when(int64_t t, char *buf, size_t size)
{
	if (t == 0)
		return ("-");
	clock_iso((time_t)t, buf, size);
	return (buf);
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

int
main(int argc, char *argv[])
{
	struct cli	 c;
	const char	*group, *verb;
	int		 ch, rc, verbose = 0;
	size_t		 i;

	memset(&c, 0, sizeof(c));
	vbuf_init(&c.err, 4096);
	c.conf_path = getenv("MOOT_CONF");
	/* What an administrator does is logged; the terminal hears only of
	 * trouble (each command says what it did on stdout). */
	log_init("moot", LOG_TO_STDERR | LOG_STDERR_WARN | LOG_TO_SYSLOG);
	if (argc > 1 && strcmp(argv[1], "--help") == 0)
		usage(0);
	/* "+": options after the command belong to the command. */
	while ((ch = getopt(argc, argv, "+c:hv")) != -1) {
		switch (ch) {
		case 'c': c.conf_path = optarg; break;
		case 'v': verbose++; break;
		case 'h': usage(0);
		default:
			/* Postfix's pipe(8) bounces on 1: inject says 64. */
			for (int k = optind; k < argc; k++)
				if (strcmp(argv[k], "inject") == 0)
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
	for (i = 0; i < nitems(commands); i++) {
		const struct cli_command *k = &commands[i];

		if (k->group == NULL && strcmp(k->verb, group) == 0)
			break;
		if (k->group != NULL && strcmp(k->group, group) == 0 &&
		    verb != NULL && strcmp(k->verb, verb) == 0)
			break;
	}
	if (i == nitems(commands)) {
		/* "moot spool" alone lists, like "moot spool ls"; "moot rota
		 * LIST" shows, like "moot rota show LIST". */
		if (strcmp(group, "spool") == 0 && (verb == NULL ||
		    verb[0] == '-'))
			for (i = 0; i < nitems(commands); i++)
				if (commands[i].run == cmd_spool)
					break;
		if (strcmp(group, "rota") == 0 && verb != NULL)
			for (i = 0; i < nitems(commands); i++)
				if (commands[i].run == cmd_rota)
					break;
		if (i == nitems(commands)) {
			cli_error(CLI_USAGE, "unknown command: %s%s%s", group,
			    verb != NULL ? " " : "", verb != NULL ? verb : "");
			usage(1);
		}
	}
	if (commands[i].group != NULL && verb != NULL &&
	    strcmp(commands[i].verb, verb) == 0) {
		argc--;
		argv++;
	}
	/* Each command sees argv[0] = its verb, then its own arguments. */
	optind = 1;
	rc = commands[i].run(&c, argc, argv);
	db_close(&c.db);
	if (c.conf_loaded)
		conf_free(&c.conf);
	vbuf_release(&c.err);
	return (rc);
}
