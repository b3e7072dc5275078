/*
 * killpoint.c - kill points; see killpoint.h
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/killpoint.h"
#include "util/log.h"
#include "util/sys_defs.h"

#ifdef MOOT_TEST_HOOKS
/* point_passed - whether the variable var names point name, and this is
 * its N-th pass or a later one (each point counts its own passes) */
static int
point_passed(const char *var, const char *name, long *passes)
{
	const char	*at = getenv(var), *colon;
	size_t		 n = strlen(name);
	long		 want = 1;

	if (at == NULL || strncmp(at, name, n) != 0 ||
	    (at[n] != '\0' && at[n] != ':'))
		return (0);
	if ((colon = strchr(at, ':')) != NULL)
		want = strtol(colon + 1, NULL, 10);
	++*passes;
	return (*passes >= want);
}

/* killpoint_fail - see killpoint.h */
int
killpoint_fail(const char *name)
{
	static _Thread_local long passes;

	if (!point_passed("MOOT_FAIL_AT", name, &passes))
		return (0);
	log_warnx("test hook: %s fails", name);
	return (1);
}

/* killpoint_at - die here if MOOT_KILL_AT says so */
void
killpoint_at(const char *name)
{
	static _Thread_local long passes;

	if (!point_passed("MOOT_KILL_AT", name, &passes))
		return;
	log_warnx("test hook: killed at %s", name);
	(void)kill(getpid(), SIGKILL);
	pause();
}
#endif
