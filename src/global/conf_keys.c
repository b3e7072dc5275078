/*
 * conf_keys.c - the keys of moot.conf; see conf_int.h
 */
#include <stddef.h>
#include <stdint.h>

#include "global/conf.h"
#include "global/conf_int.h"
#include "util/sys_defs.h"

#ifndef MOOT_TEMPLATES_DIR
#define MOOT_TEMPLATES_DIR "/usr/share/moot/templates"
#endif

const struct conf_key conf_keys[] = {
#define O(f)	offsetof(struct conf, f)
	{ "moot", "domain", CT_DOMAIN, O(domain), NULL, 1, 0, 0, NULL },
	{ "moot", "database", CT_PATH, O(database), "var/moot.db", 0, 0, 0, NULL },
	{ "moot", "secret", CT_PATH, O(secret), "var/secret", 0, 0, 0, NULL },
	{ "moot", "templates", CT_PATH, O(templates), MOOT_TEMPLATES_DIR, 0,
	    0, 0, NULL },
	{ "moot", "timezone", CT_ZONE, O(timezone), "Europe/London", 0,
	    0, 0, NULL },
	{ "moot", "language", CT_LANG, O(language), "en", 0, 0, 0, NULL },
	{ "moot", "delimiter", CT_CHAR, O(delimiter), "+", 0, 0, 0, NULL },
	{ "moot", "user", CT_STR, O(user), NULL, 0, 0, 0, NULL },
	{ "moot", "admin", CT_ADDR, O(admin), NULL, 0, 0, 0, NULL },

	{ "relay", "host", CT_STR, O(relay_host), "127.0.0.1", 0, 0, 0, NULL },
	{ "relay", "port", CT_INT, O(relay_port), "10030", 0, 1, 65535, NULL },
	{ "relay", "helo", CT_DOMAIN, O(relay_helo), NULL, 0, 0, 0, NULL },
	{ "relay", "timeout", CT_DURATION, O(relay_timeout), "60s", 0,
	    1, 3600, NULL },
	{ "relay", "max_recipients", CT_INT, O(relay_max_rcpts), "100", 0,
	    1, 10000, NULL },
	{ "relay", "max_transactions", CT_INT, O(relay_max_txns), "500", 0,
	    1, 1000, NULL },
	{ "relay", "connections", CT_INT, O(relay_conns), "4", 0, 1, 64,
	    NULL },
	{ "relay", "starttls", CT_CHOICE, O(relay_starttls), "no", 0, 0, 0,
	    "no|try|require" },

	{ "delivery", "retry_min", CT_DURATION, O(retry_min), "1m", 0,
	    1, 86400, NULL },
	{ "delivery", "retry_max", CT_DURATION, O(retry_max), "30m", 0,
	    1, 86400, NULL },
	{ "delivery", "give_up", CT_DURATION, O(give_up), "5d", 0,
	    60, 30 * 86400, NULL },
	{ "delivery", "max_unfinished", CT_INT, O(max_unfinished), "3", 0,
	    1, 100, NULL },
	{ "delivery", "dedupe_window", CT_DURATION, O(dedupe_window), "7d", 0,
	    0, 90 * 86400, NULL },

	{ "mootd", "poll", CT_DURATION, O(poll), "30s", 0, 1, 3600, NULL },
	{ "mootd", "pid_file", CT_PATH, O(mootd_pid_file), "var/mootd.pid", 0,
	    0, 0, NULL },
	{ "mootd", "lock", CT_PATH, O(mootd_lock), "var/mootd.lock", 0,
	    0, 0, NULL },
	{ "mootd", "wake_socket", CT_PATH, O(mootd_wake), "var/mootd.sock", 0,
	    0, 0, NULL },

	/* 0: never attached; the request still shows the text */
	{ "moderation", "attach_max", CT_SIZE, O(attach_max), "1M", 0,
	    0, 1024LL * 1024 * 1024, NULL },
	{ "moderation", "reminder_at", CT_CLOCK, O(reminder_at), "09:00", 0,
	    0, 24 * 60 - 1, NULL },
	{ "moderation", "token_ttl", CT_DURATION, O(moderate_ttl), "30d", 0,
	    3600, 365 * 86400, NULL },

	/* A tied vote's chair: reminded, then the organisers told */
	{ "decisions", "casting_reminder", CT_DURATION, O(casting_reminder),
	    "1d", 0, 3600, 30 * 86400, NULL },
	{ "decisions", "casting_tell", CT_DURATION, O(casting_tell), "3d", 0,
	    3600, 90 * 86400, NULL },
	{ "decisions", "mail_closes", CT_DURATION, O(mail_closes), "7d", 0,
	    3600, 365 * 86400, NULL },

	{ "membership", "confirm_ttl", CT_DURATION, O(confirm_ttl), "7d", 0,
	    3600, 90 * 86400, NULL },
	{ "membership", "replies_per_day", CT_INT, O(replies_per_day), "10",
	    0, 1, 1000, NULL },
	{ "membership", "confirmations_per_day", CT_INT,
	    O(confirmations_per_day), "5", 0, 1, 100, NULL },
	{ "membership", "confirmations_per_domain", CT_INT,
	    O(confirmations_per_domain), "50", 0, 1, 100000, NULL },

	/* 0 is for ever; at most ten years */
	{ "retention", "junk", CT_DURATION, O(retain_junk), "30d", 0,
	    0, 3650 * 86400, NULL },
	{ "retention", "failed", CT_DURATION, O(retain_failed), "90d", 0,
	    0, 3650 * 86400, NULL },
	{ "retention", "posts", CT_DURATION, O(retain_posts), "365d", 0,
	    0, 3650 * 86400, NULL },
	{ "retention", "tokens", CT_DURATION, O(retain_tokens), "30d", 0,
	    0, 3650 * 86400, NULL },
	{ "retention", "requests", CT_DURATION, O(retain_requests), "90d", 0,
	    0, 3650 * 86400, NULL },
	{ "retention", "notices", CT_DURATION, O(retain_notices), "30d", 0,
	    0, 3650 * 86400, NULL },
	{ "retention", "audit", CT_DURATION, O(retain_audit), "0", 0,
	    0, 3650 * 86400, NULL },

	/* Decisions (gov/): whose owners are asked to review the
	 * priorities, and how long the review's proposal stays open. */
	{ "gov", "strategy_list", CT_STR, O(strategy_list), "strategy", 0,
	    0, 0, NULL },
	{ "gov", "review_days", CT_DURATION, O(review_time), "14d", 0,
	    86400, 90 * 86400, NULL },

	/* A unix socket, in a folder only Postfix and moot reach: on TCP
	 * any local user could store mail with forged MTA facts. */
	{ "milter", "socket", CT_SOCKET, O(milter_socket),
	    "unix:var/moot-milter.sock", 0, 0, 0, NULL },
	{ "milter", "pid_file", CT_PATH, O(milter_pid_file),
	    "var/moot-milter.pid", 0, 0, 0, NULL },
	{ "milter", "socket_mode", CT_MODE, O(milter_socket_mode), "0660", 0,
	    0, 0777, NULL },
	{ "milter", "authserv_id", CT_STR, O(authserv_id), NULL, 0, 0, 0,
	    NULL },

	/* DMARC policies (mail/dmarc.h); NULL: /etc/resolv.conf's */
	{ "dns", "server", CT_SERVER, O(dns_server), NULL, 0, 0, 0, NULL },
	{ "dns", "timeout", CT_DURATION, O(dns_timeout), "2s", 0, 1, 30, NULL },

	/* One-click unsubscribe (RFC 8058): BASE/unsubscribe is
	 * moot-unsubscribe, run by the site's web server */
	{ "web", "base_url", CT_URL, O(web_base_url), NULL, 0, 0, 0, NULL },

	/* Mailman's rule: a hard bounce is a point, at most one a day */
	{ "bounces", "threshold", CT_INT, O(bounce_threshold), "5", 0,
	    1, 1000, NULL },
	{ "bounces", "period", CT_DURATION, O(bounce_period), "30d", 0,
	    86400, 365 * 86400, NULL },

	{ "limits", "message_bytes", CT_SIZE, O(lim.message_bytes), "9M", 0,
	    1024, 1024LL * 1024 * 1024, NULL },
	{ "limits", "mime_depth", CT_INT, O(lim.mime_depth), "20", 0,
	    1, 100, NULL },
	{ "limits", "mime_parts", CT_INT, O(lim.mime_parts), "500", 0,
	    1, 10000, NULL },
	{ "limits", "header_bytes", CT_SIZE, O(lim.header_bytes), "64k", 0,
	    998, 1024 * 1024, NULL },
	{ "limits", "header_section_bytes", CT_SIZE,
	    O(lim.header_section_bytes), "256k", 0, 4096, 16 * 1024 * 1024,
	    NULL },
	{ "limits", "text_bytes", CT_SIZE, O(lim.text_bytes), "64k", 0,
	    1024, 16 * 1024 * 1024, NULL },
	{ "limits", "received_max", CT_INT, O(lim.received_max), "50", 0,
	    1, 1000, NULL },
#undef O
};

const size_t conf_nkeys = nitems(conf_keys);

_Static_assert(nitems(conf_keys) <= CONF_KEYS_MAX,
    "conf_parse's seen[] holds CONF_KEYS_MAX keys");
