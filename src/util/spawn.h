/*
 * spawn.h - run a program and read what it writes
 *
 * Owns: starting a program with posix_spawn (an argument vector, never a
 * shell), reading its standard output within a bound and its standard
 * error for the caller's message, and waiting for it.  Never logs.
 */
#ifndef SPAWN_H
#define SPAWN_H

#include <stddef.h>

struct vbuf;

enum spawn_how {
	SPAWN_PATH_EXACT,	/* path is the program's file */
	SPAWN_PATH_SEARCH,	/* path is a name, looked up in PATH */
};

/*
 * spawn_read - run path with argv (argv[0] included, NULL-terminated),
 * standard input from /dev/null; what it writes on standard output goes
 * into out, on standard error into err (either may be NULL: then it is
 * read and dropped), each up to its vbuf's own limit (past it the vbuf's
 * error is set and the rest dropped: the program never waits on a full
 * pipe).  Returns the
 * program's exit status (0..255); 256 + the signal if one killed it; -1
 * if it could not be started or waited for, with errno set (ENOENT: no
 * such program) and the reason in err if err is not NULL.
 */
int	spawn_read(const char *path, enum spawn_how how, char *const argv[],
	    struct vbuf *out, struct vbuf *err);

#endif /* SPAWN_H */
