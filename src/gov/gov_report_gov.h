/*
 * gov_report_gov.h - the report's sections on what the partnership
 * decided: its decisions and votes, priorities and statements
 *
 * Owns: the proposals and votes that ended in the period, each with how
 * it ended and its counts (never who voted how), the priorities
 * current at some time in the period, each with
 * when it was agreed (and retired) and what the task-and-finish groups
 * working on it did in the period (posts, meetings held), and the
 * statements agreed in it, each with the first lines of its text.
 * Rows of gov_report.c's section table (gov_report_int.h).
 */
#ifndef GOV_REPORT_GOV_H
#define GOV_REPORT_GOV_H

struct report_ctx;
struct report_section;

int	gov_report_decisions(struct report_ctx *, struct report_section *);
int	gov_report_priorities(struct report_ctx *, struct report_section *);
int	gov_report_statements(struct report_ctx *, struct report_section *);

#endif /* GOV_REPORT_GOV_H */
