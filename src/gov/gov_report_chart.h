/*
 * gov_report_chart.h - the report's chart of activity per month
 *
 * Owns: drawing, with cairo and pango, the posts distributed, meetings
 * held and new members of each month of a report as grouped bars with
 * their legend; on a cairo context (the PDF's page) or as an SVG
 * element for the HTML report.  Never logs.
 */
#ifndef GOV_REPORT_CHART_H
#define GOV_REPORT_CHART_H

#include <cairo.h>

struct report;
struct vbuf;

#define CHART_W		480.0	/* points */
#define CHART_H		240.0

/* gov_report_chart_draw - r's chart in the w x h box at cr's origin */
void	gov_report_chart_draw(cairo_t *cr, const struct report *r, double w,
	    double h);

/* gov_report_chart_svg - r's chart as an <svg> element (no XML
 * declaration: it goes inside HTML) appended to out; 0, or -1 if cairo
 * failed (nothing appended) */
int	gov_report_chart_svg(const struct report *r, struct vbuf *out);

#endif /* GOV_REPORT_CHART_H */
