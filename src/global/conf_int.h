/*
 * conf_int.h - the table of moot.conf's keys, inside global/
 *
 * Owns: each key's section, name, type, field, default and bounds, in
 * conf_keys.c, so that the table grows apart from conf.c's reading of
 * it.  Not for callers outside conf.c: they read conf.h.
 */
#ifndef CONF_INT_H
#define CONF_INT_H

#include <stddef.h>
#include <stdint.h>

enum conf_type {
	CT_STR,			/* any text, no controls */
	CT_PATH,		/* made absolute against the file's folder */
	CT_DOMAIN,		/* a DNS name, stored in lower case */
	CT_INT,			/* decimal */
	CT_DURATION,		/* 90, 90s, 15m, 24h, 7d, 1w */
	CT_SIZE,		/* 512, 64k, 10M, 1G */
	CT_CHAR,		/* one punctuation character */
	CT_CHOICE,		/* one of the words in choices, stored as
				 * its place among them (an enum) */
	CT_ZONE,		/* an IANA time zone name */
	CT_LANG,		/* a language code: en, ar, fa, pt-BR */
	CT_MODE,		/* file permissions in octal: 0660 */
	CT_CLOCK,		/* a time of day, HH:MM, as minutes */
	CT_ADDR,		/* a mail address, stored canonical */
	CT_SOCKET,		/* a milter socket: unix:PATH made absolute
				 * as CT_PATH is, inet:PORT@HOST as it is */
	CT_SERVER,		/* a DNS server: IPv4 ADDR[:PORT] */
	CT_URL,			/* an https: URL, its trailing / dropped;
				 * empty: none */
};

struct conf_key {
	const char	*section;
	const char	*name;
	enum conf_type	 type;
	size_t		 offset;	/* of the field in struct conf */
	const char	*def;		/* NULL: no default (required or unset) */
	int		 required;
	int64_t		 min, max;	/* numbers only */
	const char	*choices;	/* CT_CHOICE: "a|b|c" */
};

#define CONF_KEYS_MAX	256	/* conf_nkeys is at most this */

extern const struct conf_key conf_keys[];
extern const size_t conf_nkeys;

#endif /* CONF_INT_H */
