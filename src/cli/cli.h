/*
 * cli.h - what the commands of moot(1) share
 *
 * Owns: the command table's types, the opening of the configuration and
 * the database for a command, and the rules for what a command prints:
 * results on stdout, one line on stderr that says what to fix, and the
 * exit status of design.md (0 ok, 1 usage or input, 2 internal).
 */
#ifndef CLI_H
#define CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "global/conf.h"
#include "util/vbuf.h"

struct db;
struct option;
struct cli_settings;

#define CLI_OK		0
#define CLI_USAGE	1	/* usage or input error */
#define CLI_FAIL	2	/* internal or system failure */
#define CLI_HELPED	(-1)	/* inside a command: usage shown, exit 0 */

struct cli {
	const char	*conf_path;
	struct conf	 conf;
	int		 conf_loaded;
	struct db	*db;		/* owned; opened by cli_db() */
	int		 keep_root;	/* cli_conf() leaves privileges alone */
	struct vbuf	 err;
};

struct cli_command {
	const char	*group;		/* "list", or NULL for top level */
	const char	*verb;		/* "create" */
	int		(*run)(struct cli *, int argc, char **argv);
	const char	*usage;		/* after "moot -c conf " */
	const char	*summary;
	/* the options of a record's settings, after usage (cli_setting.h);
	 * NULL for none; form: which of its usage lines */
	const struct cli_settings *settings;
	int		 form;
};

/* What cli_getopt() takes and gives. */
struct cli_args {
	const struct option *opts;	/* getopt_long's, the zero row last;
					 * val 'h' is help */
	/* opt - one option with its val and argument; CLI_OK or an exit
	 * status after saying what is wrong */
	int		(*opt)(struct cli *, void *ctx, int val,
			    const char *arg);
	void		*ctx;
	char		**words;	/* the arguments that are not options */
	size_t		 max_words;	/* room in words; more: a usage error */
	size_t		 nwords;	/* set: how many came */
	const char	*short_opts;	/* getopt's, besides h ("o:"), or
					 * NULL: long options only */
};

/* cli_conf - load the configuration; CLI_OK or an exit status */
int	cli_conf(struct cli *);

/* cli_db - cli_conf(), then open and migrate the database */
int	cli_db(struct cli *);

/* cli_error - "moot: ..." on stderr; returns status for `return` */
int	cli_error(int status, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* cli_help - print a command's usage; for -h/--help and errors */
int	cli_help(const struct cli_command *, int to_stderr);

/*
 * cli_getopt - the options of argv from argv[first] on, by getopt_long
 * and a->opts, each handed to a->opt; the other arguments, wherever they
 * stand (all of them after "--"), go to a->words.  CLI_OK; CLI_HELPED
 * after -h or --help; CLI_USAGE after the usage on stderr (an unknown
 * option, or more words than a->max_words); or what a->opt returned.
 * For every command, since main()'s "+" keeps getopt from reordering.
 */
int	cli_getopt(struct cli *, const struct cli_command *k, int argc,
	    char **argv, int first, struct cli_args *a);

/* cli_wants_help - argv[1] is -h or --help */
int	cli_wants_help(int argc, char **argv);

/* cli_load_list - cli_db(), then the list called name into *l (the
 * caller frees it with list_free()); CLI_OK or an exit status, said */
struct list;
int	cli_load_list(struct cli *, const char *name, struct list **l);

/* cli_plain_text - 1 if s has no control characters (it goes in
 * headers) */
int	cli_plain_text(const char *s);

/* cli_read_file - path whole into out, at most max bytes (more: "PATH:
 * larger than MAX bytes, " and why_max); 0, or -1 after saying why */
int	cli_read_file(const char *path, size_t max, const char *why_max,
	    struct vbuf *out);

/* cli_yes - "yes" or "no" */
const char *cli_yes(int);

/* cli_when - a time for people, or "-" for 0 */
const char *cli_when(int64_t t, char *buf, size_t size);

/* cli_field - print "name: value" for the show commands, the value
 * escaped for the terminal (it may come from mail); NULL prints "-" */
void	cli_field(const char *name, const char *value);

/* The commands, by file. */
int	cmd_init(struct cli *, int, char **);
int	cmd_check(struct cli *, int, char **);
int	cmd_list_create(struct cli *, int, char **);
int	cmd_list_set(struct cli *, int, char **);
int	cmd_list_show(struct cli *, int, char **);
int	cmd_list_ls(struct cli *, int, char **);
int	cmd_list_rm(struct cli *, int, char **);
int	cmd_member_add(struct cli *, int, char **);
int	cmd_member_set(struct cli *, int, char **);
int	cmd_member_rm(struct cli *, int, char **);
int	cmd_member_ls(struct cli *, int, char **);
int	cmd_member_import(struct cli *, int, char **);
int	cmd_member_export(struct cli *, int, char **);
int	cmd_inject(struct cli *, int, char **);
int	cmd_spool(struct cli *, int, char **);
int	cmd_spool_show(struct cli *, int, char **);
int	cmd_spool_retry(struct cli *, int, char **);
int	cmd_queue(struct cli *, int, char **);
int	cmd_queue_flush(struct cli *, int, char **);
int	cmd_spool_purge(struct cli *, int, char **);
int	cmd_held(struct cli *, int, char **);
int	cmd_approve(struct cli *, int, char **);
int	cmd_reject(struct cli *, int, char **);
int	cmd_discard(struct cli *, int, char **);
int	cmd_log(struct cli *, int, char **);
int	cmd_rota(struct cli *, int, char **);
int	cmd_rota_set(struct cli *, int, char **);
int	cmd_rota_away(struct cli *, int, char **);
int	cmd_decide_vote(struct cli *, int, char **);
int	cmd_decide_propose(struct cli *, int, char **);
int	cmd_decide_ls(struct cli *, int, char **);
int	cmd_decide_show(struct cli *, int, char **);
int	cmd_decide_audit(struct cli *, int, char **);
int	cmd_meeting_add(struct cli *, int, char **);
int	cmd_meeting_ls(struct cli *, int, char **);
int	cmd_meeting_show(struct cli *, int, char **);
int	cmd_meeting_attended(struct cli *, int, char **);
/* cli_attend.c: a meeting's answers and attendance, for meeting show;
 * a list's attendance, for member ls --attendance */
int	cli_attend_show(struct cli *, int64_t meeting_id);
int	cli_attendance(struct cli *, const struct list *);
int	cmd_meeting_move(struct cli *, int, char **);
int	cmd_meeting_cancel(struct cli *, int, char **);
/* cli_agenda.c: a meeting's agenda, papers and seats */
int	cli_agenda_show(struct cli *, int64_t meeting_id);
int	cmd_meeting_paper(struct cli *, int, char **);
int	cmd_meeting_seats(struct cli *, int, char **);
int	cmd_bounce_classify(struct cli *, int, char **);
int	cmd_member_enable(struct cli *, int, char **);
/* cli_member_bounces - moot member ls LIST --bounces (cli_bounce.c) */
int	cli_member_bounces(struct cli *, const struct list *);
int	cmd_meeting_rule(struct cli *, int, char **);
/* cli_notes.c: a meeting's approved notes, printed and in meeting show */
int	cmd_meeting_notes(struct cli *, int, char **);
int	cli_notes_show(struct cli *, int64_t meeting_id);
/* cli_report.c: the report for the Communities Board */
int	cmd_report(struct cli *, int, char **);

/* cli_priority.c: the partnership's priorities */
int	cmd_priority_add(struct cli *, int, char **);
int	cmd_priority_ls(struct cli *, int, char **);
int	cmd_priority_retire(struct cli *, int, char **);
int	cmd_priority_lists(struct cli *, int, char **);

/* The command table (commands.c), one row a command. */
extern const struct cli_command cli_commands[];
extern const size_t cli_ncommands;
/* moot inject's row (cli_inject.c): apart, so that moot(1) links it
 * without the rest of the table (moot.c); the lookups below read both. */
extern const struct cli_command cli_inject_commands[];
extern const size_t cli_ninject_commands;

/* cli_command_find - the row for "group verb" (or a top-level "group"),
 * with the shorthands "spool" and "rota LIST"; NULL if none */
const struct cli_command *cli_command_find(const char *group,
	    const char *verb);

/* cli_usage - every command and its summary, for `moot --help` */
void	cli_usage(FILE *);

/* cli_usage_group - the commands of group ("list") and their summaries,
 * for `moot list` alone; how many (0: no such group, nothing printed) */
size_t	cli_usage_group(FILE *, const char *group);

/* cli_command_for - the table row of the command running, for usage */
const struct cli_command *cli_command_for(int (*run)(struct cli *, int,
	    char **));

#endif /* CLI_H */
