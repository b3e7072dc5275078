/*
 * gov_report.h - the partnership's report for the Communities Board
 *
 * Owns: what the report says for a period, collected from what moot
 * knows into a struct report, section by section (a table in
 * gov_report.c: one row, one function, per section), and the period a
 * person names.  A section is a title and blocks (paragraphs, lines kept
 * as written, tables, the chart), so the writers know no section:
 * gov_report_text.c (plain UTF-8, wrapped), gov_report_html.c (one
 * file, the chart inline as SVG), gov_report_pdf.c (cairo and pango),
 * gov_report_chart.c (the chart of activity per month).  The report is
 * in English: it is written for the Board.  Never logs; callers do.
 */
#ifndef GOV_REPORT_H
#define GOV_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct conf;
struct db;
struct vbuf;

#define REPORT_DAY_SIZE		11	/* "YYYY-MM-DD" and its NUL */
#define REPORT_WIDTH		72	/* columns of the text report */

/* A period: the days from first to last, both in, in the site's zone. */
struct report_period {
	int64_t		 from;		/* UTC: first's midnight */
	int64_t		 to;		/* UTC: after last (or now) */
	char		 first[REPORT_DAY_SIZE];
	char		 last[REPORT_DAY_SIZE];
};

/*
 * gov_report_period - the period from first to last (YYYY-MM-DD, days
 * in the site's zone; NULL: the default) as of now: by default the last
 * 12 months to now (a year before today to now); 0, or -1 with why
 */
int	gov_report_period(const char *first, const char *last, time_t now,
	    struct report_period *, struct vbuf *why);

/*
 * gov_report_period_subject - the period a mail's subject names: two
 * dates, the first not after the second ("2026-01-01 to 2026-06-30");
 * 0 if it names one (set), 1 if it names none (no digits: the default
 * set), 2 if it is unclear (digits, but not two such dates: the default
 * set, nothing guessed)
 */
int	gov_report_period_subject(const char *subject, time_t now,
	    struct report_period *);

enum report_block_kind {
	RB_PARA,		/* text, wrapped */
	RB_LINES,		/* lines kept as written (notes) */
	RB_TABLE,		/* rows of cells, row 0 the heading */
	RB_CHART,		/* the chart of activity per month */
	RB_HEAD,		/* a heading within the section */
};

struct report_block {
	enum report_block_kind kind;
	char		*text;		/* RB_PARA, RB_LINES, RB_HEAD */
	char		**cell;		/* RB_TABLE: nrows * ncols */
	size_t		 ncols, nrows;
	char		 align[8];	/* RB_TABLE: 'l' or 'r' a column */
};

struct report_section {
	const char	*id;		/* "meetings": an HTML id */
	const char	*title;
	struct report_block *b;
	size_t		 nb;
};

/* One month's activity, over every list. */
struct report_month {
	int		 year, month;	/* month 1..12 */
	int64_t		 posts;		/* distributed */
	int64_t		 meetings;	/* held */
	int64_t		 joined;	/* new members */
};

struct report {
	char			*site;		/* the list domain */
	struct report_period	 p;
	int64_t			 made_at;
	struct report_section	*sec;
	size_t			 nsec;
	struct report_month	*month;		/* from p's first month */
	size_t			 nmonth;
};

/*
 * gov_report_collect - the report of period p, as of now, into *out
 * (gov_report_free() it); DB_OK or a db error (nothing in *out)
 */
int	gov_report_collect(struct db *, const struct conf *,
	    const struct report_period *p, time_t now, struct report **out);
void	gov_report_free(struct report **);

enum report_format {
	REPORT_TEXT,
	REPORT_HTML,
	REPORT_PDF,
};

/* gov_report_format_parse - "text", "html" or "pdf"; 0, or -1 */
int	gov_report_format_parse(const char *, enum report_format *);

/* gov_report_write - r in format f appended to out; 0, or -1 with why
 * (the PDF's library failed) */
int	gov_report_write(const struct report *r, enum report_format f,
	    struct vbuf *out, struct vbuf *why);

/* The writers, each appending to out. */
int	gov_report_text(const struct report *, struct vbuf *out);
int	gov_report_html(const struct report *, struct vbuf *out);
int	gov_report_pdf(const struct report *, struct vbuf *out,
	    struct vbuf *why);

#endif /* GOV_REPORT_H */
