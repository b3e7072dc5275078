/*
 * commands.c - the command table of moot(1); see cli.h
 *
 * One row a command, with its usage line, so that `moot --help`,
 * `moot GROUP VERB --help` and the man page (tests/man.sh compares
 * them) say the same thing.  The options of a list's or a member's
 * settings come from their tables (cli_list.c, cli_member.c), after
 * the words given here.  moot inject's row is in cli_inject.c, so that
 * moot(1) links that command without the others (moot.c).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_setting.h"
#include "util/sys_defs.h"

const struct cli_command cli_commands[] = {
	{ NULL, "init", cmd_init, "init",
	    "create or migrate the database and the secret" },
	{ NULL, "check", cmd_check, "check",
	    "what will surprise the administrator: exit 1 with each finding" },
	{ "list", "create", cmd_list_create, "list create NAME",
	    "create a list", &list_settings, CLI_FORM_NEW },
	{ "list", "set", cmd_list_set, "list set NAME",
	    "change a list's settings", &list_settings, CLI_FORM_CHANGE },
	{ "list", "show", cmd_list_show, "list show NAME",
	    "show a list's settings" },
	{ "list", "ls", cmd_list_ls, "list ls", "list the lists" },
	{ "list", "rm", cmd_list_rm, "list rm NAME [--force]",
	    "remove a list (--force if it has members)" },
	{ "member", "add", cmd_member_add, "member add LIST ADDR",
	    "add a member", &member_settings, CLI_FORM_NEW },
	{ "member", "set", cmd_member_set, "member set LIST ADDR",
	    "change a member's settings", &member_settings, CLI_FORM_CHANGE },
	{ "member", "rm", cmd_member_rm, "member rm LIST ADDR",
	    "remove a member" },
	{ "member", "ls", cmd_member_ls, "member ls LIST [--attendance | "
	    "--bounces]", "list a list's members" },
	{ "member", "enable", cmd_member_enable, "member enable LIST ADDR",
	    "send to a member whose mail bounced again" },
	{ "member", "import", cmd_member_import, "member import LIST FILE.csv "
	    "[--dry-run]", "add or update members from a CSV file" },
	{ "member", "export", cmd_member_export, "member export LIST",
	    "write a list's members as CSV to standard output" },
	{ "spool", "ls", cmd_spool, "spool ls [--state STATE] [--list LIST] "
	    "[--limit N]", "list spooled messages, newest first" },
	{ "spool", "show", cmd_spool_show, "spool show ID",
	    "show one spooled message and what became of it" },
	{ "spool", "retry", cmd_spool_retry, "spool retry ID",
	    "process a failed or deferred message again" },
	{ "spool", "purge", cmd_spool_purge, "spool purge [--dry-run]",
	    "remove what [retention] keeps no longer, saying how much" },
	{ "queue", "ls", cmd_queue, "queue [ls]",
	    "what waits to go out: posts and notices, next try, why" },
	{ "queue", "flush", cmd_queue_flush, "queue flush",
	    "make everything waiting due now, and wake mootd" },
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
	{ "decide", "vote", cmd_decide_vote, "decide vote LIST --title TITLE "
	    "--text FILE --closes WHEN [--options A,B,...] [--per-org] "
	    "[--open] [--keep-removed]", "open a vote of a list's members" },
	{ "decide", "propose", cmd_decide_propose, "decide propose LIST "
	    "--title TITLE --text FILE --closes WHEN [--priorities IDS] "
	    "[--appoint ADDR --as ROLE [--of LIST] [--term YEARS]] "
	    "[--statement]", "open a proposal, decided by consensus" },
	{ "decide", "ls", cmd_decide_ls, "decide ls [LIST]",
	    "list the proposals and votes, with their state" },
	{ "decide", "show", cmd_decide_show, "decide show ID",
	    "show a decision and its counts (never who voted how)" },
	{ "decide", "audit", cmd_decide_audit, "decide audit ID",
	    "recount a decision's ballots and compare with its result" },
	{ "meeting", "add", cmd_meeting_add, "meeting add LIST START "
	    "[--duration DURATION] [--location TEXT] [--notes-taker ADDR] "
	    "[--rrule RULE]", "add a group's meeting, or a series of them" },
	{ "meeting", "ls", cmd_meeting_ls, "meeting ls [LIST]",
	    "list the meetings, by start" },
	{ "meeting", "show", cmd_meeting_show, "meeting show ID",
	    "show one meeting, and what follows it" },
	{ "meeting", "attended", cmd_meeting_attended, "meeting attended ID "
	    "ADDR...", "record who attended a meeting" },
	{ "meeting", "move", cmd_meeting_move, "meeting move ID START",
	    "move a meeting, and those that follow it" },
	{ "meeting", "cancel", cmd_meeting_cancel, "meeting cancel ID",
	    "cancel a meeting, and those that follow it" },
	{ "meeting", "rule", cmd_meeting_rule, "meeting rule GROUP --before "
	    "OTHER OFFSET | meeting rule ls | meeting rule rm ID",
	    "a group meets OFFSET before each meeting of another" },
	{ "meeting", "notes", cmd_meeting_notes, "meeting notes ID",
	    "print a meeting's approved notes" },
	{ "meeting", "paper", cmd_meeting_paper, "meeting paper ID FILE",
	    "add a paper to go out with a meeting's agenda" },
	{ "meeting", "seats", cmd_meeting_seats, "meeting seats MEETING "
	    "ADDR...", "record who takes the board's three seats" },
	{ NULL, "report", cmd_report, "report [--from DATE] [--to DATE] "
	    "[--format text|html|pdf] [-o FILE]",
	    "the report for the Communities Board, of the last 12 months "
	    "by default" },
	{ "priority", "add", cmd_priority_add, "priority add TITLE "
	    "[--text FILE] [--lists LIST,LIST] [--proposed]",
	    "add a priority, current now or proposed for a proposal" },
	{ "priority", "ls", cmd_priority_ls, "priority ls [--all]",
	    "list the current and proposed priorities (--all: retired too)" },
	{ "priority", "retire", cmd_priority_retire, "priority retire ID",
	    "retire a priority" },
	{ "priority", "lists", cmd_priority_lists, "priority lists ID "
	    "LIST,LIST", "set the task-and-finish lists working on a "
	    "priority" },
	{ "bounce", "classify", cmd_bounce_classify, "bounce classify FILE",
	    "what a returned message says: class, recipients, status" },
};
const size_t cli_ncommands = nitems(cli_commands);

/* The tables, in the order `moot --help` lists them. */
static const struct {
	const struct cli_command *rows;
	const size_t	*n;
} tables[] = {
	{ cli_commands, &cli_ncommands },
	{ cli_inject_commands, &cli_ninject_commands },
};

/* row - the i-th row of the tables taken as one, or NULL past the end */
static const struct cli_command *
row(size_t i)
{
	for (size_t t = 0; t < nitems(tables); t++) {
		if (i < *tables[t].n)
			return (&tables[t].rows[i]);
		i -= *tables[t].n;
	}
	return (NULL);
}

/* cli_command_for - see cli.h */
const struct cli_command *
cli_command_for(int (*run)(struct cli *, int, char **))
{
	const struct cli_command *k;

	for (size_t i = 0; (k = row(i)) != NULL; i++)
		if (k->run == run)
			return (k);
	return (NULL);
}

/* cli_command_find - see cli.h */
const struct cli_command *
cli_command_find(const char *group, const char *verb)
{
	const struct cli_command *k;

	for (size_t i = 0; (k = row(i)) != NULL; i++) {
		if (k->group == NULL && strcmp(k->verb, group) == 0)
			return (k);
		if (k->group != NULL && strcmp(k->group, group) == 0 &&
		    verb != NULL && strcmp(k->verb, verb) == 0)
			return (k);
	}
	/* "moot spool" and "moot queue" alone list, like their ls; "moot rota LIST"
	 * shows, like "moot rota show LIST". */
	if (strcmp(group, "spool") == 0 && (verb == NULL || verb[0] == '-'))
		return (cli_command_for(cmd_spool));
	if (strcmp(group, "queue") == 0 && (verb == NULL || verb[0] == '-'))
		return (cli_command_for(cmd_queue));
	if (strcmp(group, "rota") == 0 && verb != NULL)
		return (cli_command_for(cmd_rota));
	return (NULL);
}

/* cli_usage - see cli.h */
void
cli_usage(FILE *f)
{
	const struct cli_command *k;

	fprintf(f, "usage: moot -c conf command [arguments]\n\ncommands:\n");
	for (size_t i = 0; (k = row(i)) != NULL; i++) {
		char	name[32];

		(void)snprintf(name, sizeof(name), "%s%s%s",
		    k->group != NULL ? k->group : "",
		    k->group != NULL ? " " : "", k->verb);
		fprintf(f, "  %-16s %s\n", name, k->summary);
	}
	fprintf(f, "\n`moot -c conf COMMAND --help` shows a command's "
	    "arguments; man moot has the rest.\n");
}

/* cli_usage_group - see cli.h */
size_t
cli_usage_group(FILE *f, const char *group)
{
	const struct cli_command *k;
	size_t	n = 0;

	for (size_t i = 0; (k = row(i)) != NULL; i++) {
		if (k->group == NULL || strcmp(k->group, group) != 0)
			continue;
		if (n++ == 0)
			fprintf(f, "%s commands:\n", group);
		fprintf(f, "  %-16s %s\n", k->verb, k->summary);
	}
	if (n > 0)
		fprintf(f, "\n`moot -c conf %s COMMAND --help` shows a command's "
		    "arguments.\n", group);
	return (n);
}
