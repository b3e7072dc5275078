/*
 * send.c - which client takes a job, and the one rule that turns the
 * relay's replies into a recipient's outcome; see send.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "global/conf.h"
#include "mootd/send.h"
#include "mootd/send_int.h"
#include "util/alloc.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* send_outcome - see send_int.h */
void
send_outcome(struct send_result *r, const struct send_reply *mail,
    const struct send_reply *rcpt, const struct send_reply *data)
{
	const struct send_reply *why = rcpt;

	if (mail->code / 100 != 2) {
		/* Our sender refused: a relay problem, never the member's. */
		r->status = SEND_DEFERRED;
		why = mail;
	} else if (rcpt->code / 100 == 5)
		r->status = SEND_FAILED;
	else if (rcpt->code / 100 != 2)
		r->status = SEND_DEFERRED;
	else {
		why = data;
		r->status = data->code / 100 == 2 ? SEND_SENT :
		    data->code / 100 == 5 ? SEND_FAILED : SEND_DEFERRED;
	}
	r->code = why->code;
	(void)snprintf(r->reply, sizeof(r->reply), "%s", why->text);
}

/* send_stuff - see send_int.h; data as it goes after DATA: a line that begins with a dot gets
 * another (RFC 5321 4.5.2); p starts a line; the result ends in CRLF */
void
send_stuff(struct vbuf *out, const char *p, size_t len)
{
	const char	*end = p + len, *nl;

	while (p < end) {
		if (*p == '.')
			vbuf_putc(out, '.');
		nl = memchr(p, '\n', (size_t)(end - p));
		nl = nl != NULL ? nl + 1 : end;
		vbuf_cat(out, p, (size_t)(nl - p));
		p = nl;
	}
	if (out->len > 0 && (out->len < 2 || out->data[out->len - 2] != '\r' ||
	    out->data[out->len - 1] != '\n'))
		vbuf_puts(out, "\r\n");
}

/* send_has_control - see send_int.h; an address that would break its command line (threat
 * F1: nothing from a member's record becomes a second command) */
int
send_has_control(const char *a)
{
	for (; *a != '\0'; a++)
		if ((unsigned char)*a < 0x20 || *a == 0x7f)
			return (1);
	return (0);
}

/* send_ext_of - see send_int.h */
enum send_ext
send_ext_of(const char *line, size_t len)
{
	static const struct {
		const char	*word;
		enum send_ext	 ext;
	} words[] = {
		{ "PIPELINING", SEND_EXT_PIPELINING },
		{ "8BITMIME", SEND_EXT_8BITMIME },
	};

	for (size_t i = 0; i < nitems(words); i++) {
		size_t	 wl = strlen(words[i].word);

		if (len >= wl && strncasecmp(line, words[i].word, wl) == 0 &&
		    (len == wl || line[wl] == ' '))
			return (words[i].ext);
	}
	return (SEND_EXT_OTHER);
}

/* send_printable - see send_int.h */
void
send_printable(char *out, size_t size, const char *text, size_t len)
{
	size_t	i = 0;

	for (size_t k = 0; k < len && i + 1 < size; k++)
		if ((unsigned char)text[k] >= 0x20 && text[k] != 0x7f)
			out[i++] = text[k];
	out[i] = '\0';
}

/*
 * refuse_controls - job without its recipients that hold a control
 * character into kept, whose arrays (rcpts, personal, env_froms, in that
 * order) are one allocation put in *arrays; those recipients go to the
 * job's callback at once, refused.  Such an address would end its RCPT
 * line early and make the rest a second command (threat F1): member
 * addresses are checked when added (mail/addr.c), and this is the check
 * at the door, for both clients.  With one copy each the arrays stay
 * side by side; a shared copy has no personal part or sender of its
 * own.  0, or -1 if the callback asked to stop.
 */
static int
refuse_controls(const struct send_job *job, struct send_job *kept,
    const char ***arrays)
{
	struct send_result	*bad;
	const char		**a;
	size_t			 n = job->nrcpts, nk = 0, nb = 0;
	int			 rc = 0;

	a = xcalloc(3 * n, sizeof(*a));
	bad = xcalloc(n, sizeof(*bad));
	*kept = *job;
	for (size_t i = 0; i < n; i++) {
		if (send_has_control(job->rcpts[i])) {
			bad[nb].addr = job->rcpts[i];
			bad[nb].status = SEND_FAILED;
			bad[nb].code = 553;
			(void)snprintf(bad[nb].reply, sizeof(bad[nb].reply),
			    "553 5.1.3 moot: a control character in the "
			    "address");
			nb++;
			continue;
		}
		a[nk] = job->rcpts[i];
		if (job->personal != NULL)
			a[n + nk] = job->personal[i];
		if (job->env_froms != NULL)
			a[2 * n + nk] = job->env_froms[i];
		nk++;
	}
	kept->rcpts = a;
	kept->nrcpts = nk;
	kept->personal = job->personal != NULL ? a + n : NULL;
	kept->env_froms = job->env_froms != NULL ? a + 2 * n : NULL;
	*arrays = a;
	if (job->cb(job->arg, bad, nb) == -1)
		rc = -1;
	free(bad);
	return (rc);
}

/*
 * send_run - see send.h.  STARTTLS goes through libesmtp; everything
 * else through moot's own pipelining client, which chains each copy's
 * end of data with the next envelope and runs [relay] connections
 * sessions at once (libesmtp waits for each message's final reply
 * before the next MAIL, one session at a time).
 */
size_t
send_run(const struct conf *c, const struct send_job *job, struct vbuf *err)
{
	struct send_job	 kept;
	const char	**arrays = NULL;
	size_t		 missing;

	if (job->nrcpts == 0)
		return (0);
	for (size_t i = 0; i < job->nrcpts; i++)
		if (send_has_control(job->rcpts[i])) {
			if (refuse_controls(job, &kept, &arrays) == -1) {
				vbuf_printf(err, "stopped by the caller");
				free(arrays);
				return (0);
			}
			job = &kept;
			break;
		}
	if (job->nrcpts == 0)
		missing = 0;
	else if (c->relay_starttls != RELAY_TLS_NO)
		missing = send_esmtp_run(c, job, err);
	else
		missing = send_pipe_run(c, job, err);
	free(arrays);
	return (missing);
}
