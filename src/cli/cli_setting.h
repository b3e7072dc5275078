/*
 * cli_setting.h - the settings that options of moot(1) change, by table
 *
 * Owns: the row that says everything about one setting of a record (a
 * list, a member): its option, how its value is checked and stored, the
 * words of the usage line, and its line in `moot list show`.  From the
 * rows it makes the options for getopt_long, parses them into the
 * record, and writes the usage line that cli_help() prints and
 * tests/man.sh compares with man/moot.1.  Adding a setting is adding a
 * row.  Never touches the database itself; a row's setter may.
 */
#ifndef CLI_SETTING_H
#define CLI_SETTING_H

#include <stddef.h>
#include <stdint.h>

struct cli;
struct cli_command;
struct vbuf;

struct cli_setting {
	const char	*name;		/* --name, and its label in list show */
	int		 has_arg;	/* no_argument or required_argument */
	size_t		 off;		/* of the field in the record */
	/* set - check arg and store it; on is 0 for --no-name.  CLI_OK,
	 * or an exit status after saying what is wrong (cli_setting_bad) */
	int		(*set)(struct cli *, const struct cli_setting *,
			    void *rec, const char *arg, int on);
	int		 unset;		/* --no-name exists: clears it */
	int64_t		 min, max;	/* bounds of a number, or a length */
	const char	*choices;	/* "hold|reject" */
	const char	*want;		/* told of a bad value: "--name: want",
					 * with {arg} and {templates} filled */
	const char	*arg;		/* usage's word; NULL: the choices */
	const char	*arg_new;	/* the word in create/add's usage, if
					 * not arg */
	int		 hide_new;	/* not in create/add's usage */
	int		 alias;		/* an older spelling of another row:
					 * taken, but in no usage line */
	size_t		 given;		/* of a char * field that keeps the
					 * value as given (a duration's
					 * "24h"); 0: none (offset 0 is the
					 * record's id, never a string) */
	int		 show_at;	/* its line in list show; 0: none */
	/* show - the value as list show prints it, into out */
	void		(*show)(const struct cli *, const struct cli_setting *,
			    const void *rec, struct vbuf *out);
};

/* The settings of one kind of record, and what else its commands take. */
struct cli_settings {
	const struct cli_setting *rows;
	size_t		 n;
	const char	*flag;		/* one more no-argument option that
					 * one command takes (list rm --force),
					 * or NULL */
};

/* The settings of a list (cli_list.c) and of a member (cli_member.c). */
extern const struct cli_settings list_settings;
extern const struct cli_settings member_settings;

/* The two usage lines of a record: the command that makes one (list
 * create, member add) and the one that changes it (list set). */
enum cli_form { CLI_FORM_NONE, CLI_FORM_NEW, CLI_FORM_CHANGE };

/* The record's field of row s, as a type. */
#define CLI_FIELD(rec, s, type)	((type *)(void *)((char *)(rec) + (s)->off))
#define CLI_CFIELD(rec, s, type) \
	((const type *)(const void *)((const char *)(rec) + (s)->off))

/*
 * cli_settings_parse - apply the options of argv, from argv[first] on,
 * to rec; *flag is set if the settings' flag came (NULL: the command
 * does not take it, and it is a usage error).  k is the command, for
 * its usage.  CLI_OK, CLI_HELPED after -h/--help, or an exit status
 * after saying what is wrong.
 */
int	cli_settings_parse(struct cli *, const struct cli_command *k,
	    const struct cli_settings *, void *rec, int argc, char **argv,
	    int first, int *flag);

/* cli_settings_usage - the options in usage form, appended to out */
void	cli_settings_usage(const struct cli_settings *, enum cli_form,
	    struct vbuf *out);

/* cli_setting_bad - "moot: --name: want" on stderr; CLI_USAGE */
int	cli_setting_bad(const struct cli *, const struct cli_setting *,
	    const char *arg);

/* The setters for rows, by the field's type:
 * int: flag (1, or 0 for --no-name);
 * char *: word (the row's name, as --digest stores "digest"), text (no
 * controls, at most max bytes if max > 0), choice (one of choices), lang
 * (a language moot has templates in);
 * int64_t: size (at least min: 512k, 10M), count (min to max), seconds
 * (a duration of at least min), days (a duration of whole days, min to
 * max seconds, stored as days), date (2027-03-31, in the site's zone). */
int	cli_set_flag(struct cli *, const struct cli_setting *, void *,
	    const char *, int);
int	cli_set_word(struct cli *, const struct cli_setting *, void *,
	    const char *, int);
int	cli_set_text(struct cli *, const struct cli_setting *, void *,
	    const char *, int);
int	cli_set_choice(struct cli *, const struct cli_setting *, void *,
	    const char *, int);
int	cli_set_lang(struct cli *, const struct cli_setting *, void *,
	    const char *, int);
int	cli_set_size(struct cli *, const struct cli_setting *, void *,
	    const char *, int);
int	cli_set_count(struct cli *, const struct cli_setting *, void *,
	    const char *, int);
int	cli_set_seconds(struct cli *, const struct cli_setting *, void *,
	    const char *, int);
int	cli_set_days(struct cli *, const struct cli_setting *, void *,
	    const char *, int);
int	cli_set_date(struct cli *, const struct cli_setting *, void *,
	    const char *, int);

/* cli_set_string - *field = a copy of v (NULL clears it) */
void	cli_set_string(void *rec, const struct cli_setting *, const char *v);

#endif /* CLI_SETTING_H */
