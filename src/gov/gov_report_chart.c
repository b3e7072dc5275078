/*
 * gov_report_chart.c - the chart of activity per month; see
 * gov_report_chart.h
 *
 * One scale for the three series, from 0 to the largest figure rounded
 * up, so bars compare across months and series; the figures themselves
 * are in the table under the chart.
 */
#include <stdio.h>
#include <string.h>

#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "gov/gov_report.h"
#include "gov/gov_report_chart.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define FONT		"DejaVu Sans 7"
#define MARGIN_L	36.0	/* room for the scale's numbers */
#define MARGIN_T	34.0	/* the title and the legend */
#define MARGIN_B	24.0	/* the months */

/* The series, their colours and names. */
static const struct series {
	const char	*name;
	double		 r, g, b;
} series[] = {
	{ "posts", 0.20, 0.40, 0.70 },
	{ "meetings", 0.90, 0.55, 0.15 },
	{ "new members", 0.30, 0.65, 0.35 },
};

/* value - month m's figure for series k */
static int64_t
value(const struct report_month *m, size_t k)
{
	return (k == 0 ? m->posts : k == 1 ? m->meetings : m->joined);
}

/* text - s at (x, y), its centre at x if centred */
static void
text(cairo_t *cr, PangoLayout *pl, const char *s, double x, double y,
    int centred)
{
	int	tw, th;

	pango_layout_set_text(pl, s, -1);
	pango_layout_get_pixel_size(pl, &tw, &th);
	cairo_move_to(cr, centred ? x - tw / 2.0 : x, y);
	pango_cairo_show_layout(cr, pl);
}

/* scale_top - the top of the scale: max rounded up to 1, 2 or 5 times
 * a power of ten, at least 1 */
static int64_t
scale_top(int64_t max)
{
	int64_t	p = 1;

	while (p * 10 <= max)
		p *= 10;
	if (max <= p)
		return (p);
	if (max <= 2 * p)
		return (2 * p);
	if (max <= 5 * p)
		return (5 * p);
	return (10 * p);
}

/* legend - the title and the series' colours */
static void
legend(cairo_t *cr, PangoLayout *pl, double w)
{
	double	x = MARGIN_L;

	cairo_set_source_rgb(cr, 0, 0, 0);
	text(cr, pl, "Activity per month", MARGIN_L, 2, 0);
	for (size_t k = 0; k < nitems(series); k++) {
		int	tw, th;

		cairo_set_source_rgb(cr, series[k].r, series[k].g,
		    series[k].b);
		cairo_rectangle(cr, x, 18, 8, 8);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		text(cr, pl, series[k].name, x + 11, 16, 0);
		pango_layout_get_pixel_size(pl, &tw, &th);
		x += 11 + tw + 14;
	}
	(void)w;
}

/* gov_report_chart_draw - see gov_report_chart.h */
void
gov_report_chart_draw(cairo_t *cr, const struct report *r, double w,
    double h)
{
	PangoLayout		*pl;
	PangoFontDescription	*fd;
	int64_t			 max = 0, top;
	double			 pw = w - MARGIN_L - 4, ph = h - MARGIN_T -
				    MARGIN_B, gw, bw, x, bh;
	char			 buf[32];

	cairo_save(cr);
	pl = pango_cairo_create_layout(cr);
	fd = pango_font_description_from_string(FONT);
	pango_layout_set_font_description(pl, fd);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, 0, 0, w, h);
	cairo_fill(cr);
	legend(cr, pl, w);
	for (size_t i = 0; i < r->nmonth; i++)
		for (size_t k = 0; k < nitems(series); k++)
			if (value(&r->month[i], k) > max)
				max = value(&r->month[i], k);
	top = scale_top(max);
	/* The scale: its 0 and its top, and the axis. */
	cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, MARGIN_L, MARGIN_T);
	cairo_line_to(cr, MARGIN_L, MARGIN_T + ph);
	cairo_line_to(cr, MARGIN_L + pw, MARGIN_T + ph);
	cairo_stroke(cr);
	(void)snprintf(buf, sizeof(buf), "%lld", (long long)top);
	text(cr, pl, buf, 4, MARGIN_T - 5, 0);
	text(cr, pl, "0", 4, MARGIN_T + ph - 9, 0);
	gw = r->nmonth > 0 ? pw / (double)r->nmonth : pw;
	bw = gw * 0.8 / (double)nitems(series);
	for (size_t i = 0; i < r->nmonth; i++) {
		x = MARGIN_L + gw * (double)i + gw * 0.1;
		for (size_t k = 0; k < nitems(series); k++) {
			bh = ph * (double)value(&r->month[i], k) / (double)top;
			cairo_set_source_rgb(cr, series[k].r, series[k].g,
			    series[k].b);
			cairo_rectangle(cr, x + bw * (double)k,
			    MARGIN_T + ph - bh, bw, bh);
			cairo_fill(cr);
		}
		cairo_set_source_rgb(cr, 0, 0, 0);
		(void)snprintf(buf, sizeof(buf), "%02d", r->month[i].month);
		text(cr, pl, buf, x + gw * 0.4, MARGIN_T + ph + 2, 1);
		if (i == 0 || r->month[i].month == 1) {
			(void)snprintf(buf, sizeof(buf), "%04d",
			    r->month[i].year % 10000);
			text(cr, pl, buf, x + gw * 0.4, MARGIN_T + ph + 11, 1);
		}
	}
	pango_font_description_free(fd);
	g_object_unref(pl);
	cairo_restore(cr);
}

/* to_vbuf - cairo's stream into a vbuf */
static cairo_status_t
to_vbuf(void *arg, const unsigned char *data, unsigned int len)
{
	return (vbuf_cat(arg, data, len) == -1 ? CAIRO_STATUS_WRITE_ERROR :
	    CAIRO_STATUS_SUCCESS);
}

/* gov_report_chart_svg - see gov_report_chart.h */
int
gov_report_chart_svg(const struct report *r, struct vbuf *out)
{
	cairo_surface_t	*sf;
	cairo_t		*cr;
	struct vbuf	 svg;
	const char	*p;
	int		 rc;

	vbuf_init(&svg, VBUF_NOMAX);
	sf = cairo_svg_surface_create_for_stream(to_vbuf, &svg, CHART_W,
	    CHART_H);
	cr = cairo_create(sf);
	gov_report_chart_draw(cr, r, CHART_W, CHART_H);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	rc = cairo_surface_status(sf) == CAIRO_STATUS_SUCCESS ? 0 : -1;
	cairo_surface_destroy(sf);
	/* The element alone: an XML declaration has no place in HTML. */
	if (rc == 0 && (p = strstr(vbuf_str(&svg), "<svg")) != NULL)
		vbuf_puts(out, p);
	else
		rc = -1;
	vbuf_release(&svg);
	return (rc);
}
