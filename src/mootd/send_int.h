/*
 * send_int.h - what send.c shares with its two clients: send_pipe.c
 * (moot's own, pipelined, parallel sessions) and send_esmtp.c (libesmtp,
 * for a relay reached with STARTTLS)
 */
#ifndef SEND_INT_H
#define SEND_INT_H

#include <stddef.h>

struct conf;
struct send_job;
struct send_result;
struct vbuf;

/* One reply of the relay: its code and its first line, printable. */
struct send_reply {
	int	 code;		/* 0: none came */
	char	 text[200];	/* "452 4.5.3 Too many recipients" */
};

/*
 * send_outcome - a recipient's outcome from the replies to MAIL, to its
 * RCPT and to the data (or to DATA when no data was sent): the one rule
 * both clients use
 */
void	send_outcome(struct send_result *, const struct send_reply *mail,
	    const struct send_reply *rcpt, const struct send_reply *data);

/* send_stuff - len bytes of data, which start a line, as they go after
 * DATA: a dot doubled at the start of a line (RFC 5321 4.5.2), CRLF at
 * the end */
void	send_stuff(struct vbuf *out, const char *data, size_t len);

/* send_has_control - 1 if an address holds a control character, which
 * would end its command line early (threat F1) */
int	send_has_control(const char *addr);

/* send_ext_of - the EHLO keyword at the start of line (after "250-") */
enum send_ext { SEND_EXT_OTHER, SEND_EXT_PIPELINING, SEND_EXT_8BITMIME };
enum send_ext send_ext_of(const char *line, size_t len);

/* send_printable - text of len bytes without controls, NUL-terminated */
void	send_printable(char *out, size_t size, const char *text, size_t len);

size_t	send_pipe_run(const struct conf *, const struct send_job *,
	    struct vbuf *err);
size_t	send_esmtp_run(const struct conf *, const struct send_job *,
	    struct vbuf *err);

#endif /* SEND_INT_H */
