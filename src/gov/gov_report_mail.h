/*
 * gov_report_mail.h - the report asked for by mail, at LIST-report@
 *
 * Owns: who may have the report by mail (an organiser, owner or chair
 * of the list written to, by the From: address on its member roll) and
 * the reply that carries it: a notice in their language with the PDF
 * attached, saying which period it covers (the one the subject names
 * as two dates, else the last 12 months; an unclear subject is not
 * guessed at, and the reply says so).  Anyone else gets a short
 * refusal; automatic mail gets nothing (threat C2); both answers count
 * against the sender's replies of the day (D3).  The reply goes to the
 * address on the roll, so a forged From: sends the report only to the
 * organiser it names.
 */
#ifndef GOV_REPORT_MAIL_H
#define GOV_REPORT_MAIL_H

struct ctx;
struct mail;
struct spool_item;

/* gov_report_mail - mootd's handler for mail to LIST-report@ */
void	gov_report_mail(struct ctx *, struct spool_item *s,
	    const struct mail *m);

#endif /* GOV_REPORT_MAIL_H */
