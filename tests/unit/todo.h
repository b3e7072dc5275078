/*
 * todo.h - a TAP test that is known to fail, for tap.h
 *
 * todo_ok(cond, why, fmt, ...) prints "ok" or "not ok" like ok(), with
 * "# TODO why" after the description, and does not count a failure:
 * automake's tap-driver.sh shows it as XFAIL while the bug is there and
 * fails the run as XPASS once it is fixed, so the TODO is then removed.
 */
#ifndef TODO_H
#define TODO_H

#include <stdarg.h>
#include <stdio.h>

#include "../tap.h"

static int __attribute__((format(printf, 3, 4), unused))
todo_ok(int cond, const char *why, const char *fmt, ...)
{
	va_list	ap;

	printf("%sok %d - ", cond ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" # TODO %s\n", why);
	fflush(stdout);
	return (cond);
}

#endif /* TODO_H */
