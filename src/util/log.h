/*
 * log.h - diagnostics to syslog and, in the foreground, to stderr
 *
 * Owns: the one vocabulary for what moot says (style P4).  Lines about a
 * message carry its id: set it with log_set_id() when work on a message
 * starts (a thread-local, so milter threads do not share it) and every
 * line logged by that thread starts with "ID: " until log_set_id(NULL).
 *
 * log_warn/log_fatal append strerror(errno); the -x forms do not.
 * log_fatal* exit with status 2 (design.md: internal or system failure);
 * after start-up no input may lead a daemon there.  log_panic is for bugs.
 */
#ifndef LOG_H
#define LOG_H

#include <stdarg.h>

#define LOG_TO_STDERR	0x1	/* also write to standard error */
#define LOG_TO_SYSLOG	0x2	/* write to syslog(3) */
#define LOG_STDERR_WARN	0x4	/* stderr only for warnings and worse */

void	log_init(const char *ident, int where);
void	log_verbose(int);
void	log_set_id(const char *);	/* copied; NULL or "" clears */

/*
 * log_swap_id - lines about another message than the one in hand (a
 * held post, while a moderator's reply or an escalation is worked on):
 * set id (NULL clears) and keep the one it replaces in saved, for
 * log_set_id(saved) afterwards.
 */
#define LOG_ID_MAX	64
void	log_swap_id(const char *id, char saved[LOG_ID_MAX]);

void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	log_fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	log_panic(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif /* LOG_H */
