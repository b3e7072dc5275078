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
/* killpoint_at - die here if MOOT_KILL_AT says so */
void
killpoint_at(const char *name)
{
	static _Thread_local long passes;
	const char	*at = getenv("MOOT_KILL_AT"), *colon;
	size_t		 n = strlen(name);
	long		 want = 1;

	if (at == NULL || strncmp(at, name, n) != 0 ||
	    (at[n] != '\0' && at[n] != ':'))
		return;
	if ((colon = strchr(at, ':')) != NULL)
		want = strtol(colon + 1, NULL, 10);
	if (++passes < want)
		return;
	log_warnx("test hook: killed at %s", name);
	(void)kill(getpid(), SIGKILL);
	pause();
}
#endif
