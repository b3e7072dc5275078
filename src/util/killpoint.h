/*
 * killpoint.h - kill points for crash tests (threat model, "kill point")
 *
 * Built only with ./configure --enable-test-hooks.  killpoint_at("name")
 * SIGKILLs the process when MOOT_KILL_AT is "name" or "name:N" (at the
 * N-th time the point is passed).  In other builds it is a no-op.
 *
 * killpoint_fail("name") is 1 when MOOT_FAIL_AT is "name" (every time
 * the point is passed) or "name:N" (from the N-th time on), else 0: the
 * caller then fails as the fault it stands for would (a busy database,
 * say), for the fault-injection tests that libfiu cannot aim as well.
 */
#ifndef KILLPOINT_H
#define KILLPOINT_H

#ifdef MOOT_TEST_HOOKS
void	killpoint_at(const char *name);
int	killpoint_fail(const char *name);
#else
#define killpoint_at(name)	((void)0)
#define killpoint_fail(name)	0
#endif

#endif /* KILLPOINT_H */
