/*
 * hook.h - kill points for crash tests (threat model, "kill point")
 *
 * Built only with ./configure --enable-test-hooks.  hook_point("name")
 * SIGKILLs the process when MOOT_KILL_AT is "name" or "name:N" (at the
 * N-th time the point is passed).  In other builds it is a no-op.
 */
#ifndef HOOK_H
#define HOOK_H

#ifdef MOOT_TEST_HOOKS
void	hook_point(const char *name);
#else
#define hook_point(name)	((void)0)
#endif

#endif /* HOOK_H */
