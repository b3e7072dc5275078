/*
 * db_report.h - the counts the report for the Communities Board reads
 *
 * Owns: the SQL that counts over the member, member_left, spool and
 * meeting tables for a period [from, to): members at its end, who
 * joined and who left, by language; posts distributed; meetings held.
 * Whoever left is counted from member_left (db_list.c's member_delete
 * writes it), which keeps no address.  What the counts mean in the
 * report, and how they are shown, is src/gov/gov_report.c's.
 */
#ifndef DB_REPORT_H
#define DB_REPORT_H

#include <stdint.h>

struct db;

/* One language's members of a list over a period. */
struct report_lang_count {
	const char	*lang;		/* the member's, else the list's;
					 * "" if neither says */
	int64_t		 now;		/* members when the period ends */
	int64_t		 joined;	/* joined in the period */
	int64_t		 left;		/* left in the period */
};

/*
 * report_members_by_lang - cb for each language of list_id's members
 * over [from, to), by language; the row is borrowed for the call
 * (non-zero from cb stops)
 */
int	report_members_by_lang(struct db *, int64_t list_id, int64_t from,
	    int64_t to, int (*cb)(const struct report_lang_count *, void *),
	    void *);

/* What report_count() counts, in [from, to), over every list. */
enum report_count {
	REPORT_POSTS,		/* posts distributed (sent), by arrival */
	REPORT_MEETINGS,	/* meetings held: begun, not cancelled */
	REPORT_JOINED,		/* members who joined (and may have left) */
};

/* report_count - how many of what in [from, to) into *n */
int	report_count(struct db *, enum report_count what, int64_t from,
	    int64_t to, int64_t *n);

/* report_count_list - the same, of one list (a group: a meeting's
 * group is a list's name) */
int	report_count_list(struct db *, enum report_count what,
	    const char *list, int64_t from, int64_t to, int64_t *n);

#endif /* DB_REPORT_H */
