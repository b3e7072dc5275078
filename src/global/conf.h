/*
 * conf.h - moot.conf, the INI file every program reads once at start
 *
 * Owns: the settings table (every key, its section, type, default and
 * bounds), and the parsed values.  A struct conf is read-only after
 * conf_load(), so threads may share it.  Paths are made absolute,
 * relative ones taken from the folder of the file (design.md).
 * Documented for users in conf/moot.conf and man/moot.conf.5; a key added
 * here is added there in the same commit (style P15).
 */
#ifndef CONF_H
#define CONF_H

#include <stdint.h>
#include <time.h>

struct vbuf;

#include "mail/mail.h"	/* struct limits: the mail layer owns its bounds */

/* [relay] starttls: its words' order in conf_keys.c */
enum relay_tls {
	RELAY_TLS_NO,		/* moot's own client, no TLS */
	RELAY_TLS_TRY,		/* libesmtp, STARTTLS when offered */
	RELAY_TLS_REQUIRE,	/* libesmtp, no mail without STARTTLS */
};

struct conf {
	char	*path;			/* the file, absolute */
	char	*dir;			/* its folder */

	/* [moot] */
	char	*domain;		/* the list domain, lower case */
	char	*database;
	char	*secret;
	char	*templates;
	char	*timezone;
	char	*language;
	char	 delimiter;		/* '+', as Postfix recipient_delimiter */
	char	*user;			/* drop to this user when root; or NULL */
	char	*admin;			/* the site's administrator, canonical;
					 * or NULL */

	/* [relay] */
	char	*relay_host;
	int64_t	 relay_port;
	char	*relay_helo;		/* EHLO name; default: domain */
	int64_t	 relay_timeout;		/* seconds, each SMTP step */
	int64_t	 relay_max_rcpts;	/* recipients per transaction */
	int64_t	 relay_max_txns;	/* transactions per session */
	int64_t	 relay_conns;		/* sessions at once */
	enum relay_tls relay_starttls;	/* no | try | require */

	/* [delivery] */
	int64_t	 retry_min;		/* seconds before the first retry */
	int64_t	 retry_max;		/* cap of the exponential back-off */
	int64_t	 give_up;		/* seconds of retrying before failing */
	int64_t	 max_unfinished;	/* crashed attempts before "failed" */
	int64_t	 dedupe_window;		/* seconds a Message-ID is remembered */

	/* [mootd] */
	int64_t	 poll;			/* seconds between looks at the spool */
	char	*mootd_pid_file;
	char	*mootd_lock;
	char	*mootd_wake;		/* unix datagram socket */

	/* [moderation] */
	int64_t	 attach_max;		/* bytes: a held post attached to
					 * its request at most */
	int64_t	 reminder_at;		/* minutes after midnight, site zone */
	int64_t	 moderate_ttl;		/* seconds a moderation token lives */

	/* [decisions] */
	int64_t	 casting_reminder;	/* seconds after a tie: the chair is
					 * reminded */
	int64_t	 casting_tell;		/* ... the organisers are told */
	int64_t	 mail_closes;		/* a decision by mail closes after
					 * this, unless it says when */

	/* [membership] */
	int64_t	 confirm_ttl;		/* seconds a confirmation works */
	int64_t	 replies_per_day;	/* answers to one address (D3) */
	int64_t	 confirmations_per_day;	/* to one mailbox, and asked by
					 * one, site-wide (B7) */
	int64_t	 confirmations_per_domain;	/* to one domain (B7) */

	/* [retention]: seconds each kind of record is kept after it
	 * ended; 0 keeps it for ever (db_purge.h says what ended means) */
	int64_t	 retain_junk;		/* finished mail that is not a post */
	int64_t	 retain_failed;		/* mail moot could not handle */
	int64_t	 retain_posts;		/* posts sent or rejected */
	int64_t	 retain_tokens;		/* after the token expired */
	int64_t	 retain_requests;	/* membership requests closed */
	int64_t	 retain_notices;	/* mail moot wrote, once sent */
	int64_t	 retain_audit;		/* the audit log */

	/* [gov] */
	char	*strategy_list;		/* its owners review the priorities */
	int64_t	 review_time;		/* seconds a review's proposal is
					 * open */

	/* [milter] */
	char	*milter_socket;
	char	*milter_pid_file;
	int64_t	 milter_socket_mode;	/* of a unix socket */
	char	*authserv_id;		/* our MTA's, in Authentication-
					 * Results; NULL: none trusted */

	/* [dns]: for the DMARC policy of a post's From: domain */
	char	*dns_server;		/* IPv4 ADDR[:PORT]; NULL: the
					 * system's (/etc/resolv.conf) */
	int64_t	 dns_timeout;		/* seconds a lookup may wait, in all */

	/* [web]: where the site's web server runs moot-unsubscribe */
	char	*web_base_url;		/* https://..., no trailing /; NULL:
					 * no https: List-Unsubscribe */
	/* [bounces]: when returned mail stops delivery (threat B8) */
	int64_t	 bounce_threshold;	/* disabled at a score above this */
	int64_t	 bounce_period;		/* seconds a score lasts, from its
					 * first bounce */

	struct limits lim;
};

/*
 * conf_load - read and check path into *c.  On error returns -1 and puts
 * one line in err naming the file, line and key ("moot.conf:12: [relay]
 * port: 70000 is above the maximum 65535"); *c is then already freed.
 * On success the caller conf_free()s it.
 */
int	conf_load(struct conf *c, const char *path, struct vbuf *err);
void	conf_free(struct conf *c);

/*
 * conf_parse_duration - "90", "90s", "15m", "24h", "7d", "1w" to seconds;
 * -1 if malformed.  conf_parse_size - "512", "64k", "10M", "1G" to bytes.
 * Used for the command line too, so the same words work everywhere.
 */
int64_t	conf_parse_duration(const char *);
int64_t	conf_parse_size(const char *);

/* conf_format_duration - secs in the largest unit that divides it
 * exactly, as conf_parse_duration reads it: 86400 is "1d", 5400 "90m" */
void	conf_format_duration(int64_t secs, struct vbuf *out);

/* conf_one_of - 1 if s is one of the words of choices, "a|b|c" (the
 * choices of a key here, or of a command line option) */
int	conf_one_of(const char *choices, const char *s);

/* conf_choice - which of the words of choices s is, from 0; -1: none */
int	conf_choice(const char *choices, const char *s);

/* conf_valid_lang - 1 if s looks like a language code: en, ar, pt-br */
int	conf_valid_lang(const char *s);

/*
 * conf_folder_ready - the folder that path (a file the daemons make: a
 * lock, pid file or socket; key names its key, "[mootd] lock") goes in
 * exists.  Else -1, with one line in err that names the key, the path
 * and the missing folder: nothing but systemd makes /run/moot.
 */
int	conf_folder_ready(const char *key, const char *path,
	    struct vbuf *err);

#endif /* CONF_H */
