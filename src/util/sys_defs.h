/*
 * sys_defs.h - what every moot source file includes last
 *
 * Owns: small project-wide macros and the poisoning of the raw allocation
 * calls.  Include it after every system and library header: it redefines
 * malloc(3) and friends so that only alloc.c can call them (style P5).
 */
#ifndef SYS_DEFS_H
#define SYS_DEFS_H

#include <stddef.h>

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

#ifndef MOOT_ALLOC_C
#undef malloc
#undef calloc
#undef realloc
#undef strdup
#undef strndup
#define malloc(n)	do_not_call_malloc__use_xmalloc
#define calloc(n, m)	do_not_call_calloc__use_xcalloc
#define realloc(p, n)	do_not_call_realloc__use_xrealloc
#define strdup(s)	do_not_call_strdup__use_xstrdup
#define strndup(s, n)	do_not_call_strndup__use_xstrndup
#endif

#endif /* SYS_DEFS_H */
