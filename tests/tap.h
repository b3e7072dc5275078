/*
 * tap.h - the Test Anything Protocol for moot's unit tests
 *
 * ok(cond, fmt, ...) prints "ok N - ..." or "not ok N - ..."; is_str and
 * is_int print what was got and wanted when they differ (as Postfix's
 * test tables do).  done_testing() prints the plan and returns the exit
 * status, so a crash before it shows as a missing plan.
 */
#ifndef TAP_H
#define TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int	tap_n, tap_failed;

static int __attribute__((format(printf, 2, 3), unused))
ok(int cond, const char *fmt, ...)
{
	va_list	ap;

	printf("%sok %d - ", cond ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return (cond);
}

static void __attribute__((format(printf, 1, 2), unused))
diag(const char *fmt, ...)
{
	va_list	ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

#define is_str(got, want, ...) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (!ok(g_ != NULL && w_ != NULL ? strcmp(g_, w_) == 0 :	\
	    g_ == w_, __VA_ARGS__))					\
		diag("got: \"%s\", want: \"%s\"", g_ ? g_ : "(null)",	\
		    w_ ? w_ : "(null)");				\
} while (0)

#define is_int(got, want, ...) do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	if (!ok(g_ == w_, __VA_ARGS__))					\
		diag("got: %lld, want: %lld", g_, w_);			\
} while (0)

#define has_str(hay, needle, ...) do {					\
	const char *h_ = (hay), *n_ = (needle);				\
	if (!ok(h_ != NULL && strstr(h_, n_) != NULL, __VA_ARGS__))	\
		diag("\"%s\" does not contain \"%s\"",			\
		    h_ ? h_ : "(null)", n_);				\
} while (0)

static int __attribute__((unused))
done_testing(void)
{
	printf("1..%d\n", tap_n);
	return (tap_failed ? 1 : 0);
}

#endif /* TAP_H */
