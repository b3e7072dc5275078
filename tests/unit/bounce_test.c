/* bounce_test - the bounce reader on real bounces published by others
 * (tests/data/bounces/SOURCES names each one's origin) and on a few
 * written here; each file's expected reading is a row of
 * tests/data/bounces/expect.txt */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "global/conf.h"
#include "mail/bounce.h"
#include "mail/mail.h"
#include "util/vbuf.h"
#include "../tap.h"
#include "testlib.h"
#include "util/sys_defs.h"

#define FIELD	"X-Mailer"	/* a field the quoted copies may carry */

/* slurp - a file whole into b; 0 or -1 */
static int
slurp(const char *path, struct vbuf *b)
{
	char	 chunk[65536];
	FILE	*f;
	size_t	 n;

	vbuf_reset(b);
	if ((f = fopen(path, "rb")) == NULL)
		return (-1);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		vbuf_cat(b, chunk, n);
	fclose(f);
	return (0);
}

/* classify - parse text and read it as a bounce into b; -1 on failure */
static int
classify(const char *text, size_t len, const struct limits *lim,
    struct bounce *b)
{
	struct vbuf	canon, why;
	struct mail	m;
	int		rc = -1;

	vbuf_init(&canon, VBUF_NOMAX);
	vbuf_init(&why, 1024);
	memset(b, 0, sizeof(*b));
	if (mail_canon(&canon, text, len) == 0 &&
	    mail_parse(&m, canon.data, canon.len, lim, &why) == 0)
		rc = bounce_read(&m, lim, FIELD, b);
	else
		diag("cannot parse: %s", vbuf_str(&why));
	mail_free(&m);
	vbuf_release(&why);
	vbuf_release(&canon);
	return (rc);
}

/* or_dash - s, or "-" if it is NULL or empty */
static const char *
or_dash(const char *s)
{
	return (s != NULL && *s != '\0' ? s : "-");
}

/* sample - one row of expect.txt: file class recipient status msgid */
static void
sample(const char *dir, char *line, const struct limits *lim,
    struct vbuf *raw)
{
	char		*w[5], *save = NULL, path[1024];
	struct bounce	 b;
	size_t		 n = 0;

	for (char *t = strtok_r(line, " \t\n", &save); t != NULL && n < 5;
	    t = strtok_r(NULL, " \t\n", &save))
		w[n++] = t;
	if (n != 5) {
		ok(0, "expect.txt: a row of five words");
		return;
	}
	(void)snprintf(path, sizeof(path), "%s/%s", dir, w[0]);
	if (!ok(slurp(path, raw) == 0, "%s: read", w[0]))
		return;
	if (!ok(classify(raw->data, raw->len, lim, &b) == 0, "%s: parsed",
	    w[0])) {
		bounce_release(&b);
		return;
	}
	is_str(bounce_class_name(b.cls), w[1], "%s: class (form %s)", w[0],
	    b.form);
	is_str(or_dash(b.nrcpt > 0 ? b.rcpt[0].addr : NULL), w[2],
	    "%s: recipient", w[0]);
	is_str(or_dash(b.status), w[3], "%s: status", w[0]);
	is_str(or_dash(b.orig_msgid), w[4], "%s: quoted Message-ID", w[0]);
	bounce_release(&b);
}

/* samples - every row of expect.txt */
static void
samples(const struct limits *lim)
{
	const char	*src = getenv("MOOT_SRCDIR");
	char		 dir[512], path[1024], line[2048];
	struct vbuf	 raw;
	FILE		*f;
	int		 rows = 0;

	(void)snprintf(dir, sizeof(dir), "%s/tests/data/bounces",
	    src != NULL ? src : "..");
	(void)snprintf(path, sizeof(path), "%s/expect.txt", dir);
	if ((f = fopen(path, "r")) == NULL) {
		printf("Bail out! cannot open %s\n", path);
		exit(1);
	}
	vbuf_init(&raw, VBUF_NOMAX);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		sample(dir, line, lim, &raw);
		rows++;
	}
	fclose(f);
	vbuf_release(&raw);
	ok(rows >= 30, "expect.txt has %d samples", rows);
}

#define DAEMON	"From: MAILER-DAEMON@mx.example\nTo: l-bounces@lists.example\n"
#define REPORT	"MIME-Version: 1.0\nContent-Type: multipart/report; " \
		"report-type=delivery-status; boundary=b\n"
#define DSN(fields) \
	"--b\nContent-Type: text/plain\n\nIt failed.\n" \
	"--b\nContent-Type: message/delivery-status\n\n" \
	"Reporting-MTA: dns; mx.example\n\n" fields \
	"--b\nContent-Type: text/rfc822-headers\n\n" \
	"Message-ID: <copy-1@lists.example>\nX-Mailer: moot copy 7\n\n--b--\n"

/*
 * The rules of issue 15 one at a time, where a published sample does
 * not show one alone.  rcpt is the first recipient, "-" for none; field
 * the quoted FIELD.
 */
static const struct {
	const char	*desc;
	const char	*text;
	const char	*cls, *rcpt, *status, *field;
	size_t		 nrcpt;
} cases[] = {
	{ "DSN failed with a 4.x.x status is hard: it will not be retried",
	    DAEMON "Subject: failed\n" REPORT "\n" DSN(
	    "Final-Recipient: rfc822; a@x.example\nAction: failed\n"
	    "Status: 4.4.7\n\n"), "hard", "a@x.example", "4.4.7",
	    "moot copy 7", 1 },
	{ "DSN delayed is soft", DAEMON "Subject: delayed\n" REPORT "\n"
	    DSN("Final-Recipient: rfc822;<a@x.example>\nAction: delayed\n"
	    "Status: 4.2.2\n\n"), "soft", "a@x.example", "4.2.2",
	    "moot copy 7", 1 },
	{ "DSN: one delivered, one failed: the failed one only",
	    DAEMON "Subject: mixed\n" REPORT "\n" DSN(
	    "Final-Recipient: rfc822; ok@x.example\nAction: delivered\n"
	    "Status: 2.0.0\n\n"
	    "Final-Recipient: rfc822; b@x.example\nAction: failed\n"
	    "Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 no such\n"
	    "  user here\n\n"), "hard", "b@x.example", "5.1.1",
	    "moot copy 7", 1 },
	{ "DSN: only delivered is not a bounce", DAEMON "Subject: ok\n"
	    REPORT "\n" DSN("Final-Recipient: rfc822; ok@x.example\n"
	    "Action: delivered\nStatus: 2.0.0\n\n"), "not", "-", "-",
	    "moot copy 7", 0 },
	{ "DSN without Status: the Diagnostic-Code's", DAEMON "Subject: x\n"
	    REPORT "\n" DSN("Final-Recipient: rfc822; a@x.example\n"
	    "Action: failed\nDiagnostic-Code: smtp; 552 mailbox full\n\n"),
	    "hard", "a@x.example", "552", "moot copy 7", 1 },
	{ "DSN policy refusal (DMARC) is flagged, still hard",
	    DAEMON "Subject: x\n" REPORT "\n" DSN(
	    "Final-Recipient: rfc822; a@x.example\nAction: failed\n"
	    "Status: 5.7.26\n\n"), "hard", "a@x.example", "5.7.26",
	    "moot copy 7", 1 },
	{ "a notice with no code at all is hard", DAEMON
	    "Subject: Undeliverable\n\nYour mail to\n\n  a@x.example\n\n"
	    "could not be delivered.\n", "hard", "a@x.example", "-", "-", 1 },
	{ "a person's words about delivery are not a bounce",
	    "From: bob@x.example\nSubject: hello\n\nMy reply could not be "
	    "delivered yesterday, 550 they said.\n", "not", "-", "-", "-",
	    0 },
	{ "a quoted post's words are not the notice's",
	    "From: bob@x.example\nSubject: Fwd: news\n\n"
	    "----- Original message -----\nSubject: Out of Office\n\n"
	    "It was undeliverable.\n", "not", "-", "-", "-", 0 },
	{ "the sender's address in a transcript is not a recipient",
	    DAEMON "Subject: Mail delivery failed\n\nThis message was "
	    "created automatically by mail delivery software.\n\nA message "
	    "that you sent could not be delivered to one or more of its\n"
	    "recipients. This is a permanent error.\n\n  a@x.example\n"
	    "    SMTP error from remote mail server after MAIL FROM:"
	    "<l-bounces@lists.example>:\n    550 5.1.1 unknown\n",
	    "hard", "a@x.example", "5.1.1", "-", 1 },
	{ "a mailer daemon's notice not understood is unknown", DAEMON
	    "Subject: hello\n\nSomething happened.\n", "unknown", "-", "-",
	    "-", 0 },
	{ "a bounce quoting an out-of-office subject is still a bounce",
	    DAEMON "Subject: Undeliverable: Out of Office plans\n\n"
	    "Your message could not be delivered.\n", "hard", "-", "-", "-",
	    0 },
	{ "Precedence: auto_reply", "From: c@x.example\nPrecedence: "
	    "auto_reply\nSubject: back soon\n\nI am away.\n", "autoreply",
	    "-", "-", "-", 0 },
};

/* many_rcpts - a DSN naming more recipients than are kept */
static void
many_rcpts(const struct limits *lim)
{
	struct vbuf	t;
	struct bounce	b;

	vbuf_init(&t, VBUF_NOMAX);
	vbuf_puts(&t, DAEMON "Subject: many\n" REPORT "\n--b\n"
	    "Content-Type: message/delivery-status\n\nReporting-MTA: dns; "
	    "x\n\n");
	for (int i = 0; i < 40; i++)
		vbuf_printf(&t, "Final-Recipient: rfc822; u%d@x.example\n"
		    "Action: failed\nStatus: 5.1.1\n\n", i);
	vbuf_puts(&t, "--b--\n");
	ok(classify(t.data, t.len, lim, &b) == 0 && b.cls == BOUNCE_HARD &&
	    b.nrcpt == BOUNCE_RCPT_MAX, "40 recipients: hard, %d kept",
	    BOUNCE_RCPT_MAX);
	bounce_release(&b);
	vbuf_release(&t);
}

int
main(void)
{
	struct limits	lim;
	struct bounce	b;

	test_limits(&lim);
	for (size_t i = 0; i < nitems(cases); i++) {
		if (!ok(classify(cases[i].text, strlen(cases[i].text), &lim,
		    &b) == 0, "%s: parsed", cases[i].desc)) {
			bounce_release(&b);
			continue;
		}
		is_str(bounce_class_name(b.cls), cases[i].cls, "%s: class",
		    cases[i].desc);
		is_str(or_dash(b.nrcpt > 0 ? b.rcpt[0].addr : NULL),
		    cases[i].rcpt, "%s: recipient", cases[i].desc);
		is_int((int)b.nrcpt, (int)cases[i].nrcpt, "%s: recipients",
		    cases[i].desc);
		is_str(or_dash(b.status), cases[i].status, "%s: status",
		    cases[i].desc);
		is_str(or_dash(b.orig_field), cases[i].field, "%s: field",
		    cases[i].desc);
		bounce_release(&b);
	}
	ok(classify(cases[5].text, strlen(cases[5].text), &lim, &b) == 0 &&
	    b.policy == 1, "5.7.26: policy");
	bounce_release(&b);
	ok(classify(cases[0].text, strlen(cases[0].text), &lim, &b) == 0 &&
	    b.policy == 0 && b.orig_msgid != NULL &&
	    strcmp(b.orig_msgid, "copy-1@lists.example") == 0,
	    "4.4.7: no policy; the quoted Message-ID without <>");
	bounce_release(&b);
	many_rcpts(&lim);
	samples(&lim);
	return (done_testing());
}
