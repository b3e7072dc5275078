/*
 * gov_report_mail.c - the report by mail; see gov_report_mail.h
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "db/db_list.h"
#include "db/db_spool.h"
#include "global/admin.h"
#include "global/conf.h"
#include "global/listaddr.h"
#include "global/tmpl.h"
#include "gov/gov_report.h"
#include "gov/gov_report_mail.h"
#include "list/answer.h"
#include "list/ctx.h"
#include "list/membership.h"
#include "list/notice.h"
#include "mail/mail.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/spawn.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* Who may have the report: those who speak for the group. */
#define REPORT_ROLES	"organiser,owner,chair"

/* A report's PDF is some tens of KB; far more is something wrong. */
#define REPORT_PDF_MAX	(32 * 1024 * 1024)

/* refuse - tell from that the report is for the group's organisers,
 * unless their replies for the day are used up; s done with */
static void
refuse(struct ctx *x, struct spool_item *s, const struct mail *m,
    const struct list *l, const char *lang)
{
	struct list_addrs	a;
	int			capped;

	if ((capped = answer_capped(x, ANSWER_REPLIES, m->from_addr,
	    NULL)) == -1)
		return;			/* stays spooled: tried again */
	notice_list_addrs(x->conf, l->name, &a);
	if (db_begin(x->db) != DB_OK) {
		notice_list_addrs_release(&a);
		return;
	}
	if (capped == 0) {
		struct tmpl_slot slots[] = {
			{ "list", l->name }, { "address", m->from_addr },
			{ "owner_address", vbuf_str(&a.owner) },
		};

		(void)answer_send(x, l, "report-refused", m->from_addr, lang,
		    AK_OWNER, NULL, slots, nitems(slots), m->msgid);
	}
	answer_finish(x, s, "report refused: not an organiser, owner or "
	    "chair of the list");
	if (db_commit(x->db) != DB_OK)
		log_warnx("cannot commit the report's refusal");
	notice_list_addrs_release(&a);
}

/*
 * make_pdf - the report of p as PDF into pdf; 0, or -1 (logged).
 * moot-admin's `report` makes it, in a process of its own: cairo, pango
 * and theirs (some 4 MB of libraries) stay out of mootd, which needs
 * them for nothing else (bench/PROFILE-ingest.md, "Memory").  It reads
 * what mootd has committed.  dated: the subject gave the period's two
 * days, passed on; else moot-admin takes the same default (the year to
 * now).
 */
static int
make_pdf(struct ctx *x, const struct report_period *p, int dated,
    struct vbuf *pdf)
{
	static char	 opt_c[] = "-c", cmd[] = "report", opt_from[] = "--from",
			 opt_to[] = "--to", opt_fmt[] = "--format",
			 fmt[] = "pdf";
	char		 path[PATH_MAX], first[REPORT_DAY_SIZE],
			 last[REPORT_DAY_SIZE];
	char		*argv[] = { path, opt_c, x->conf->path, cmd, opt_fmt,
			    fmt, opt_from, first, opt_to, last, NULL };
	struct vbuf	 err;
	int		 st;

	if (admin_path(path, sizeof(path)) == -1) {
		log_warnx("report: the path of moot-admin is too long");
		return (-1);
	}
	(void)snprintf(first, sizeof(first), "%s", p->first);
	(void)snprintf(last, sizeof(last), "%s", p->last);
	if (!dated)
		argv[6] = NULL;
	vbuf_init(&err, 1024);
	st = spawn_read(path, SPAWN_PATH_EXACT, argv, pdf, &err);
	if (st != 0 || pdf->err || pdf->len == 0) {
		/* One line of moot-admin's message is enough for the log. */
		vbuf_truncate(&err, strcspn(vbuf_str(&err), "\n"));
		log_warnx("report: %s%s%s", st > 0 && st < 256 ?
		    "moot-admin report failed: " : "", pdf->err ?
		    "the PDF is over its limit " : "", vbuf_str(&err));
		vbuf_release(&err);
		return (-1);
	}
	vbuf_release(&err);
	return (0);
}

/* send_report - the report, attached to a reply to mem; 0, or -1 */
static int
send_report(struct ctx *x, struct spool_item *s, const struct mail *m,
    const struct list *l, const struct member *mem)
{
	struct report_period	p;
	struct notice_file	f;
	struct vbuf		pdf, note, err;
	char			name[64];
	int			how, rc = -1;

	how = gov_report_period_subject(m->subject, clock_now(), &p);
	vbuf_init(&pdf, REPORT_PDF_MAX);
	vbuf_init(&note, 1024);
	vbuf_init(&err, 1024);
	if (make_pdf(x, &p, how == 0, &pdf) == -1)
		goto out;
	/* Unclear: nothing guessed, and the sender is told what was read. */
	if (how == 2)
		notice_phrase(x, mem->language, l, "report-period-unclear",
		    NULL, 0, &note);
	(void)snprintf(name, sizeof(name), "report-%s-%s.pdf", p.first,
	    p.last);
	f.name = name;
	f.type = "application/pdf";
	f.data = pdf.data;
	f.len = pdf.len;
	{
		struct tmpl_slot slots[] = {
			{ "list", l->name }, { "first", p.first },
			{ "last", p.last }, { "note", vbuf_str(&note) },
		};
		struct notice n = {
			.tmpl = "report-sent", .to = mem->addr,
			.lang = mem->language, .list = l, .from_kind = AK_OWNER,
			.spool_id = s->id, .slots = slots,
			.nslots = nitems(slots), .reply = 1,
			.in_reply_to = m->msgid, .files = &f, .nfiles = 1,
		};

		if (db_begin(x->db) != DB_OK)
			goto out;
		if (notice_queue(x, &n, &err) == -1) {
			log_warnx("cannot queue the report to %s: %s",
			    mem->addr, vbuf_str(&err));
			db_rollback(x->db);
			goto out;
		}
	}
	vbuf_reset(&err);
	vbuf_printf(&err, "report from %s to %s sent", p.first, p.last);
	answer_finish(x, s, vbuf_str(&err));
	rc = db_commit(x->db) == DB_OK ? 0 : -1;
out:
	vbuf_release(&pdf);
	vbuf_release(&note);
	vbuf_release(&err);
	return (rc);
}

/* gov_report_mail - see gov_report_mail.h */
void
gov_report_mail(struct ctx *x, struct spool_item *s, const struct mail *m)
{
	struct list	*l = NULL;
	struct member	*mem = NULL;
	int		 rc, capped;

	if (answer_list_load(x, s, &l) == -1)
		return;
	if (answer_automated(x, s, m))
		goto out;		/* C2: no report, no answer */
	if (m->from_addr == NULL) {
		answer_finish(x, s, "report refused: no From: address");
		goto out;
	}
	if ((rc = member_load(x->db, l->id, m->from_addr, &mem)) != DB_OK &&
	    rc != DB_NOTFOUND)
		goto out;		/* stays spooled */
	if (mem == NULL || !membership_has_role(x->db, l->id, mem->addr,
	    REPORT_ROLES)) {
		refuse(x, s, m, l, mem != NULL ? mem->language : NULL);
		goto out;
	}
	/* D3: an organiser's flood of requests gets its day's reports. */
	if ((capped = answer_capped(x, ANSWER_REPLIES, mem->addr, NULL)) ==
	    -1)
		goto out;
	if (capped) {
		answer_finish(x, s, "report not sent: the sender's replies "
		    "for the day are used up");
		goto out;
	}
	if (send_report(x, s, m, l, mem) == -1)
		log_warnx("report for %s not sent; tried again later",
		    mem->addr);
out:
	member_free(&mem);
	list_free(&l);
}
