/*
 * killpoint.h - kill points for crash tests (threat model, "kill point")
 *
 * Built only with ./configure --enable-test-hooks.  killpoint_at("name")
 * SIGKILLs the process when MOOT_KILL_AT is "name" or "name:N" (at the
 * N-th time the point is passed).  In other builds it is a no-op.
 */
#ifndef KILLPOINT_H
#define KILLPOINT_H

#ifdef MOOT_TEST_HOOKS
void	killpoint_at(const char *name);
#else
#define killpoint_at(name)	((void)0)
#endif

#endif /* KILLPOINT_H */
