/*
 * command.h - reading the commands in a message to LIST-request
 *
 * Owns: where commands are (the Subject, less "Re:" and the like, then
 * the body's lines from the first, skipping blank ones, up to the first
 * line that is not a command, a "-- " signature, or quoted text), which
 * words mean which command (words.h: English, and the words of every
 * language moot has), their arguments, and the limit of CMD_MAX commands
 * a message (threat D3).  A command given twice is read once.  Pure: the
 * message in, the commands out; commands_by_mail.h acts on them.
 */
#ifndef COMMAND_H
#define COMMAND_H

#include <stddef.h>

#include "mail/addr.h"

struct conf;
struct mail;

#define CMD_MAX		10	/* commands read from one message */
#define CMD_LINE_MAX	120	/* of a command as quoted in the reply */

enum cmd_kind {
	CMD_SUBSCRIBE,
	CMD_UNSUBSCRIBE,
	CMD_CONFIRM,
	CMD_HELP,
	CMD_LISTS,
	CMD_WHO,
	CMD_SET,
	CMD_INFO,
	CMD_NKINDS		/* not a command: how many kinds there are */
};

struct command {
	enum cmd_kind	 kind;
	char		 line[CMD_LINE_MAX];	/* as read, for the reply */
	/* subscribe, unsubscribe: the address given, as written ("" for
	 * the sender's own); confirm: the token */
	char		 arg[ADDR_MAX + 2];
	int		 arg_too_long;		/* arg was cut: refuse it */
	char		 mode[8];		/* mail, digest, plain (a digest
						 * as text), nomail, or "" */
	char		 lang[16];		/* set language CODE, or "" */
	int		 bad;			/* set with nothing to set */
};

struct command_read {
	struct command	 cmd[CMD_MAX];
	size_t		 n;
	size_t		 more;		/* command lines past CMD_MAX */
	char		 lang[16];	/* of the first command word that is
					 * not English, or "" */
};

/* command_read - the commands in m */
void	command_read(const struct conf *, const struct mail *m,
	    struct command_read *);

/* command_name - "subscribe", ... */
const char *command_name(enum cmd_kind);

#endif /* COMMAND_H */
