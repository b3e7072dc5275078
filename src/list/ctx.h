/*
 * ctx.h - what the list rules need to work: the configuration, the
 * database, and whether to stop
 *
 * Owns nothing: the conf and the database connection belong to the
 * program's main() (mootd's, or moot's for a command that applies a
 * list rule), which outlives every use.
 */
#ifndef CTX_H
#define CTX_H

#include <signal.h>

struct conf;
struct db;

struct ctx {
	const struct conf	*conf;		/* borrowed */
	struct db		*db;		/* borrowed */
	volatile sig_atomic_t	*stop;		/* set on SIGTERM; may be NULL */
};

#endif /* CTX_H */
