/*
 * log.c - diagnostics; see log.h
 *
 * Each line is formatted once into a bounded buffer and written with one
 * call, so lines from several threads do not interleave.  Every line is
 * escaped here with util/vis.c's rule, so no caller has to remember to.
 */
#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "util/log.h"
#include "util/vis.h"
#include "util/sys_defs.h"

#define LOG_LINE_MAX	2048	/* longer lines are cut, marked with "..." */

static const char	*log_ident = "moot";
static int		 log_where = LOG_TO_STDERR;
static int		 log_verbosity;
static _Thread_local char log_id[LOG_ID_MAX];

/* stderr_is_journal - JOURNAL_STREAM names the file standard error is */
static int
stderr_is_journal(void)
{
	const char		*js = getenv("JOURNAL_STREAM");
	struct stat		 st;
	unsigned long long	 dev, ino;
	char			 end;

	if (js == NULL || sscanf(js, "%llu:%llu%c", &dev, &ino, &end) != 2 ||
	    fstat(STDERR_FILENO, &st) == -1)
		return (0);
	return ((unsigned long long)st.st_dev == dev &&
	    (unsigned long long)st.st_ino == ino);
}

/* log_init - choose where lines go; call once, before threads start */
void
log_init(const char *ident, int where)
{
	log_ident = ident;
	/* Under systemd, standard error and syslog both go to the journal:
	 * one copy of each line is enough (systemd.exec(5), JOURNAL_STREAM). */
	if ((where & LOG_TO_SYSLOG) && stderr_is_journal())
		where &= ~LOG_TO_STDERR;
	log_where = where;
	if (where & LOG_TO_SYSLOG)
		openlog(ident, LOG_PID | LOG_NDELAY, LOG_MAIL);
}

/* log_verbose - enable log_debug() output when v > 0; a terminal that
 * heard only warnings (LOG_STDERR_WARN) now hears everything */
void
log_verbose(int v)
{
	log_verbosity = v;
	if (v > 0)
		log_where &= ~LOG_STDERR_WARN;
}

/* log_set_id - the message id that starts this thread's lines; NULL clears */
void
log_set_id(const char *id)
{
	size_t	i;

	if (id == NULL) {
		log_id[0] = '\0';
		return;
	}
	/* Ids come from the MTA or from us; keep them printable anyway. */
	for (i = 0; id[i] != '\0' && i < sizeof(log_id) - 1; i++)
		log_id[i] = (id[i] > 0x20 && id[i] < 0x7f) ? id[i] : '?';
	log_id[i] = '\0';
}

/* log_swap_id - see log.h */
void
log_swap_id(const char *id, char saved[LOG_ID_MAX])
{
	memcpy(saved, log_id, LOG_ID_MAX);
	log_set_id(id);
}

/*
 * log_emit - format one line and send it where log_init() said.  The
 * formatted text is escaped here, whatever its arguments (threat F3):
 * a subject or Message-ID from mail can put no control, escape sequence
 * or line break on an administrator's terminal or in the journal.
 */
static void
log_emit(int pri, const char *tag, int with_errno, const char *fmt,
    va_list ap)
{
	char	 raw[LOG_LINE_MAX], line[LOG_LINE_MAX];
	size_t	 len, took;
	int	 n, saved = errno;

	n = vsnprintf(raw, sizeof(raw), fmt, ap);
	if (n < 0) {
		raw[0] = '\0';
		n = 0;
	}
	/* The message id first, then the severity: "ID: warning: ...". */
	len = (size_t)snprintf(line, sizeof(line), "%s%s%s", log_id,
	    log_id[0] != '\0' ? ": " : "", tag);	/* < 80 bytes */
	/* Room kept for "..." should the text be cut, by either buffer. */
	took = vis_bounded(line + len, sizeof(line) - len - 3, raw);
	len += strlen(line + len);
	if ((size_t)n >= sizeof(raw) || raw[took] != '\0') {
		memcpy(line + len, "...", 4);
		len += 3;
	}
	if (with_errno)
		(void)snprintf(line + len, sizeof(line) - len, ": %s",
		    strerror(saved));
	if (log_where & LOG_TO_SYSLOG)
		syslog(pri, "%s", line);
	if ((log_where & LOG_TO_STDERR) && (!(log_where & LOG_STDERR_WARN) ||
	    pri <= LOG_WARNING))
		(void)fprintf(stderr, "%s: %s\n", log_ident, line);
	errno = saved;
}

#define LOG_BODY(pri, tag, e) do {		\
	va_list	ap;				\
	va_start(ap, fmt);			\
	log_emit(pri, tag, e, fmt, ap);		\
	va_end(ap);				\
} while (0)

void
log_debug(const char *fmt, ...)
{
	if (log_verbosity > 0)
		LOG_BODY(LOG_DEBUG, "debug: ", 0);
}

void
log_info(const char *fmt, ...)
{
	LOG_BODY(LOG_INFO, "", 0);
}

void
log_warn(const char *fmt, ...)
{
	LOG_BODY(LOG_WARNING, "warning: ", 1);
}

void
log_warnx(const char *fmt, ...)
{
	LOG_BODY(LOG_WARNING, "warning: ", 0);
}

void
log_fatal(const char *fmt, ...)
{
	LOG_BODY(LOG_CRIT, "fatal: ", 1);
	exit(2);
}

void
log_fatalx(const char *fmt, ...)
{
	LOG_BODY(LOG_CRIT, "fatal: ", 0);
	exit(2);
}

void
log_panic(const char *fmt, ...)
{
	LOG_BODY(LOG_CRIT, "panic: ", 0);
	abort();
}
