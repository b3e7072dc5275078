/*
 * gov_report_write.c - the report in the format asked for; see
 * gov_report.h
 *
 * Apart from gov_report.c so that a program that collects a report but
 * never renders it (mootd, whose report by mail is made by moot-admin:
 * gov_report_mail.c) does not link the renderers, and with them cairo
 * and pango.
 */
#include "gov/gov_report.h"
#include "util/sys_defs.h"

/* gov_report_write - see gov_report.h */
int
gov_report_write(const struct report *r, enum report_format f,
    struct vbuf *out, struct vbuf *why)
{
	switch (f) {
	case REPORT_TEXT:
		return (gov_report_text(r, out));
	case REPORT_HTML:
		return (gov_report_html(r, out));
	case REPORT_PDF:
		return (gov_report_pdf(r, out, why));
	}
	return (-1);
}
