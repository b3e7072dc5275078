/*
 * gov_report_int.h - what the report's sections share, inside gov/
 *
 * Owns: what a section's function is given (struct report_ctx) and the
 * builders of its blocks (gov_report_block.c), so that a section may
 * live in a module of its own (decisions and votes, priorities,
 * statements) and join the report as a row of gov_report.c's table.
 * Not for callers outside the report: they read gov_report.h.
 */
#ifndef GOV_REPORT_INT_H
#define GOV_REPORT_INT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "gov/gov_report.h"

struct conf;
struct db;

/* What a section's function works with. */
struct report_ctx {
	struct db		*db;
	const struct conf	*conf;
	struct report		*r;		/* its period in r->p */
	time_t			 now;
	char			**lists;	/* every list's name, by id */
	size_t			 nlists;
};

/* gov_report_block - a new, empty block of kind at the end of s */
struct report_block *gov_report_block(struct report_section *s,
	    enum report_block_kind kind);

/* gov_report_says - a block of kind (RB_PARA, RB_LINES, RB_HEAD) with
 * printf's text; as every text of a block, made valid UTF-8 without
 * controls, its bidi controls shown (vis_bidi_append) */
void	gov_report_says(struct report_section *s, enum report_block_kind kind,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* gov_report_table - a table whose columns are aligned as align says
 * ("lrr": 'l' or 'r' a column, at most 7), with the heading cells that
 * follow, one a column */
struct report_block *gov_report_table(struct report_section *s,
	    const char *align, ...);

/* gov_report_row - a row of table b: its cells, one a column, follow
 * (copied) */
void	gov_report_row(struct report_block *b, ...);

/* gov_report_num - n as a string, in one of eight buffers used in turn:
 * enough for a row's cells (one thread: moot has no other) */
const char *gov_report_num(int64_t n);

/* gov_report_month_start - the UTC instant month m (1..12) of year y
 * begins in the site's zone */
int64_t	gov_report_month_start(int y, int m);

#endif /* GOV_REPORT_INT_H */
