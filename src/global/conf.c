/*
 * conf.c - moot.conf; see conf.h
 *
 * The file is read whole (it is small), checked for NUL bytes and long
 * lines so that errors name the right line, then handed to libinih, whose
 * handler looks each key up in the settings table (conf_keys.c).  libinih reports
 * the line of the first key our handler refuses; we keep the reason.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ini.h>

#include "mail/addr.h"
#include "util/alloc.h"
#include "util/dns.h"
#include "global/conf.h"
#include "global/conf_int.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define CONF_FILE_MAX	(256 * 1024)
#define CONF_LINE_MAX	1000


struct conf_parse {
	struct conf	*conf;
	struct vbuf	*err;		/* first refusal, without file:line */
	unsigned char	 seen[CONF_KEYS_MAX];
};

/* A unit letter and what it multiplies by; "" is the bare number. */
struct unit {
	const char	*suffixes;
	int64_t		 factor;
};

static const struct unit duration_units[] = {
	{ "s", 1 }, { "m", 60 }, { "h", 3600 }, { "d", 86400 },
	{ "w", 7 * 86400 }, { NULL, 0 },
};
static const struct unit size_units[] = {
	{ "kK", 1024 }, { "mM", 1024 * 1024 }, { "gG", 1024 * 1024 * 1024 },
	{ NULL, 0 },
};

/* parse_scaled - a number with at most one unit letter; -1 if malformed */
static int64_t
parse_scaled(const char *s, const struct unit *units)
{
	char		*end;
	long long	 n;
	int64_t		 factor = 1;

	if (!isdigit((unsigned char)*s))
		return (-1);
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno != 0 || n < 0)
		return (-1);
	if (*end != '\0') {
		const struct unit *u;

		for (u = units; u->suffixes != NULL; u++)
			if (strchr(u->suffixes, *end) != NULL)
				break;
		if (u->suffixes == NULL || end[1] != '\0')
			return (-1);
		factor = u->factor;
	}
	if (n > INT64_MAX / factor)
		return (-1);
	return ((int64_t)n * factor);
}

/* conf_parse_duration - seconds in "90", "90s", "15m", "24h", "7d", "1w" */
int64_t
conf_parse_duration(const char *s)
{
	return (parse_scaled(s, duration_units));
}

/* conf_format_duration - see conf.h */
void
conf_format_duration(int64_t secs, struct vbuf *out)
{
	const struct unit *u, *best = &duration_units[0];

	for (u = duration_units; u->suffixes != NULL; u++)
		if (secs > 0 && secs % u->factor == 0)
			best = u;
	vbuf_printf(out, "%lld%s", (long long)(secs / best->factor),
	    best->suffixes);
}

/* conf_parse_size - bytes in "512", "64k", "10M", "1G" (binary units) */
int64_t
conf_parse_size(const char *s)
{
	return (parse_scaled(s, size_units));
}

/* valid_domain - letters, digits, hyphens and dots, as in a DNS name */
static int
valid_domain(const char *s)
{
	size_t	label = 0, len = strlen(s);

	if (len == 0 || len > 253 || s[0] == '.' || s[len - 1] == '.')
		return (0);
	for (; *s != '\0'; s++) {
		if (*s == '.') {
			if (label == 0)
				return (0);
			label = 0;
		} else if (isalnum((unsigned char)*s) || *s == '-') {
			if (++label > 63)
				return (0);
		} else
			return (0);
	}
	return (1);
}

/* valid_zone - an IANA zone name for which the system has a file */
static int
valid_zone(const char *s)
{
	const char	*dir = getenv("TZDIR");
	char		*path;
	struct stat	 st;
	int		 ok;

	if (strcmp(s, "UTC") == 0)
		return (1);
	if (*s == '\0' || *s == '/' || strstr(s, "..") != NULL)
		return (0);
	for (const char *p = s; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && strchr("/_-+", *p) == NULL)
			return (0);
	path = xasprintf("%s/%s", dir != NULL ? dir : "/usr/share/zoneinfo",
	    s);
	ok = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	free(path);
	return (ok);
}

/* conf_valid_lang - "en", "fa", "pt-br": what names a template folder */
int
conf_valid_lang(const char *s)
{
	size_t	i;

	for (i = 0; islower((unsigned char)s[i]); i++)
		;
	if (i < 2 || i > 3)
		return (0);
	if (s[i] == '\0')
		return (1);
	if (s[i] != '-' || s[i + 1] == '\0' || strlen(s + i + 1) > 8)
		return (0);
	for (i++; s[i] != '\0'; i++)
		if (!isalnum((unsigned char)s[i]))
			return (0);
	return (1);
}

/* parse_whole - a whole number in base; -1 if malformed */
static int64_t
parse_whole(const char *v, int base)
{
	char		*end;
	long long	 n;

	errno = 0;
	n = strtoll(v, &end, base);
	return (errno != 0 || end == v || *end != '\0' ? -1 : n);
}

/* parse_int - a decimal number; -1 if malformed */
static int64_t
parse_int(const char *v)
{
	return (parse_whole(v, 10));
}

/* parse_mode - file permissions in octal, with the leading 0; -1 if not */
static int64_t
parse_mode(const char *v)
{
	return (v[0] == '0' ? parse_whole(v, 8) : -1);
}

/* parse_clock - HH:MM as minutes after midnight; -1 if not */
static int64_t
parse_clock(const char *v)
{
	int	h, mi;
	char	tail;

	return (sscanf(v, "%2d:%2d%c", &h, &mi, &tail) == 2 &&
	    strlen(v) == 5 && h >= 0 && h < 24 && mi >= 0 && mi < 60 ?
	    h * 60 + mi : -1);
}

/* canon_path - v made absolute against the folder of the file */
static char *
canon_path(const struct conf *c, const char *v)
{
	return (v[0] != '/' ? xasprintf("%s/%s", c->dir, v) : xstrdup(v));
}

/* canon_socket - a unix:/local: socket's path made absolute against the
 * folder of the file; any other spec (inet:) as written */
static char *
canon_socket(const struct conf *c, const char *v)
{
	static const char *const kinds[] = { "unix:", "local:" };

	for (size_t i = 0; i < nitems(kinds); i++) {
		size_t	n = strlen(kinds[i]);

		if (strncmp(v, kinds[i], n) == 0 && v[n] != '/' &&
		    v[n] != '\0')
			return (xasprintf("%s%s/%s", kinds[i], c->dir, v + n));
	}
	return (xstrdup(v));
}

/* canon_domain - v in lower case */
static char *
canon_domain(const struct conf *c, const char *v)
{
	char	*d = xstrdup(v);

	for (char *p = d; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return (d);
}

/* valid_addr - an address moot may write to (addr.h) */
static int
valid_addr(const char *s)
{
	return (addr_check(s, NULL) == 0);
}

/* canon_addr - v as moot stores addresses */
static char *
canon_addr(const struct conf *c, const char *v)
{
	(void)c;
	return (addr_canon_new(v));
}

/*
 * valid_url - an https: URL with a host, written into mail headers and
 * HTML as it is: so nothing that would need quoting there (RFC 3986's
 * characters only, no query or fragment: moot adds its own)
 */
static int
valid_url(const char *s)
{
	static const char ok[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/:%@!$()*+,;=";

	if (strncmp(s, "https://", 8) != 0 || s[8] == '\0' || s[8] == '/')
		return (0);
	return (s[strspn(s, ok)] == '\0' && strlen(s) < 200);
}

/* canon_url - v without its trailing slashes: moot appends "/..." */
static char *
canon_url(const struct conf *c, const char *v)
{
	char	*u = xstrdup(v);
	size_t	 n = strlen(u);

	(void)c;
	while (n > 8 && u[n - 1] == '/')
		u[--n] = '\0';
	return (u);
}

/* How a value of each type is read and kept. */
enum conf_store {
	CS_TEXT,		/* a char *, checked by valid */
	CS_NUMBER,		/* an int64_t, read by parse, then bounded */
	CS_CHAR,		/* one char */
	CS_CHOICE,		/* an int: which of the key's choices */
};

static const struct conf_rule {
	enum conf_store	 store;
	int		(*valid)(const char *);	/* CS_TEXT; NULL: any */
	char		*(*canon)(const struct conf *, const char *);
					/* CS_TEXT; NULL: as written */
	int64_t		(*parse)(const char *);	/* CS_NUMBER; -1: bad */
	const char	*is_not;	/* "\"v\" is not ..." */
	int		 octal;		/* bounds are said in octal */
	int		 empty;		/* CS_TEXT: "" unsets it */
} conf_rules[] = {
	[CT_STR] = { CS_TEXT, NULL, NULL, NULL, NULL, 0 },
	[CT_PATH] = { CS_TEXT, NULL, canon_path, NULL, NULL, 0 },
	[CT_DOMAIN] = { CS_TEXT, valid_domain, canon_domain, NULL,
	    "a domain name", 0 },
	[CT_ZONE] = { CS_TEXT, valid_zone, NULL, NULL, "a time zone this "
	    "system knows (see /usr/share/zoneinfo)", 0 },
	[CT_LANG] = { CS_TEXT, conf_valid_lang, NULL, NULL,
	    "a language code such as en, ar or pt-br", 0 },
	[CT_CHOICE] = { CS_CHOICE, NULL, NULL, NULL, NULL, 0 },
	[CT_INT] = { CS_NUMBER, NULL, NULL, parse_int, "a whole number", 0 },
	[CT_DURATION] = { CS_NUMBER, NULL, NULL, conf_parse_duration,
	    "a duration such as 90s, 15m, 24h or 7d", 0 },
	[CT_SIZE] = { CS_NUMBER, NULL, NULL, conf_parse_size,
	    "a size such as 512k or 10M", 0 },
	[CT_MODE] = { CS_NUMBER, NULL, NULL, parse_mode,
	    "a mode in octal such as 0660", 1 },
	[CT_CLOCK] = { CS_NUMBER, NULL, NULL, parse_clock,
	    "a time of day such as 09:00", 0 },
	[CT_CHAR] = { CS_CHAR, NULL, NULL, NULL, NULL, 0 },
	[CT_ADDR] = { CS_TEXT, valid_addr, canon_addr, NULL,
	    "a mail address such as postmaster@example.org", 0 },
	[CT_SOCKET] = { CS_TEXT, NULL, canon_socket, NULL, NULL, 0 },
	[CT_SERVER] = { CS_TEXT, dns_server_valid, NULL, NULL,
	    "an IPv4 or IPv6 address with an optional port, such as "
	    "127.0.0.1:53 or [::1]:53", 0 },
	[CT_URL] = { CS_TEXT, valid_url, canon_url, NULL, "an https: URL "
	    "such as https://lists.example.org/moot", 0, 1 },
};

/* conf_choice - see conf.h */
int
conf_choice(const char *choices, const char *v)
{
	size_t	vl = strlen(v), wl;
	int	i = 0;

	for (const char *w = choices; *w != '\0';
	    w += wl + (w[wl] == '|'), i++) {
		wl = strcspn(w, "|");
		if (wl == vl && strncmp(w, v, vl) == 0)
			return (i);
	}
	return (-1);
}

/* conf_one_of - see conf.h */
int
conf_one_of(const char *choices, const char *v)
{
	return (conf_choice(choices, v) != -1);
}

/* set_text - a CS_TEXT value of key k into its field */
static int
set_text(struct conf *c, const struct conf_key *k, const char *v,
    struct vbuf *err)
{
	const struct conf_rule *r = &conf_rules[k->type];
	char	**field = (char **)(void *)((char *)c + k->offset);

	if (*v == '\0' && r->empty) {
		free(*field);
		*field = NULL;
		return (0);
	}
	if (*v == '\0') {
		vbuf_printf(err, "needs a value");
		return (-1);
	}
	if (r->valid != NULL && !r->valid(v)) {
		vbuf_printf(err, "\"%s\" is not %s", v, r->is_not);
		return (-1);
	}
	free(*field);
	*field = r->canon != NULL ? r->canon(c, v) : xstrdup(v);
	return (0);
}

/* set_number - a CS_NUMBER value of key k, within its bounds */
static int
set_number(struct conf *c, const struct conf_key *k, const char *v,
    struct vbuf *err)
{
	const struct conf_rule *r = &conf_rules[k->type];
	int64_t	 n = r->parse(v);
	int	 low;

	if (n < 0) {
		vbuf_printf(err, "\"%s\" is not %s", v, r->is_not);
		return (-1);
	}
	if (n < k->min || n > k->max) {
		low = n < k->min;
		vbuf_printf(err, r->octal ? "%s is %s the %s 0%llo" :
		    "%s is %s the %s %lld", v, low ? "below" : "above",
		    low ? "minimum" : "maximum",
		    (long long)(low ? k->min : k->max));
		return (-1);
	}
	*(int64_t *)(void *)((char *)c + k->offset) = n;
	return (0);
}

/* set_choice - a CS_CHOICE value: the place of the word among the
 * key's choices, the value of the enum that the field is */
static int
set_choice(struct conf *c, const struct conf_key *k, const char *v,
    struct vbuf *err)
{
	int	i;

	if ((i = conf_choice(k->choices, v)) == -1) {
		vbuf_printf(err, "\"%s\" is not one of %s", v, k->choices);
		return (-1);
	}
	*(int *)(void *)((char *)c + k->offset) = i;
	return (0);
}

/* set_char - a CS_CHAR value: one punctuation character that cannot be
 * taken for part of an address */
static int
set_char(struct conf *c, const struct conf_key *k, const char *v,
    struct vbuf *err)
{
	if (strlen(v) != 1 || !ispunct((unsigned char)v[0]) ||
	    strchr("@\"\\<>()[],;:", v[0]) != NULL) {
		vbuf_printf(err, "must be one character such as + or -");
		return (-1);
	}
	*((char *)c + k->offset) = v[0];
	return (0);
}

/* conf_set - parse one value of key k into c; -1 with a reason in err */
static int
conf_set(struct conf *c, const struct conf_key *k, const char *v,
    struct vbuf *err)
{
	static int	(*const set[])(struct conf *, const struct conf_key *,
			    const char *, struct vbuf *) = {
		[CS_TEXT] = set_text,
		[CS_NUMBER] = set_number,
		[CS_CHAR] = set_char,
		[CS_CHOICE] = set_choice,
	};

	for (const char *p = v; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			vbuf_printf(err, "control characters are not allowed");
			return (-1);
		}
	return (set[conf_rules[k->type].store](c, k, v, err));
}

/* conf_handler - libinih's callback: one key = value; 0 refuses it */
static int
conf_handler(void *arg, const char *section, const char *name,
    const char *value)
{
	struct conf_parse	*cp = arg;
	int			 known_section = 0;
	size_t			 i;

	for (i = 0; i < conf_nkeys; i++) {
		if (strcmp(conf_keys[i].section, section) != 0)
			continue;
		known_section = 1;
		if (strcmp(conf_keys[i].name, name) == 0)
			break;
	}
	if (cp->err->len > 0)		/* keep the first reason only */
		return (0);
	if (i == conf_nkeys) {
		if (known_section)
			vbuf_printf(cp->err, "[%s] %s: unknown key", section,
			    name);
		else
			vbuf_printf(cp->err, "[%s]: unknown section%s",
			    section, *section == '\0' ?
			    " (keys must follow a [section] line)" : "");
		return (0);
	}
	if (cp->seen[i]) {
		vbuf_printf(cp->err, "[%s] %s: set twice", section, name);
		return (0);
	}
	cp->seen[i] = 1;
	vbuf_printf(cp->err, "[%s] %s: ", section, name);
	if (conf_set(cp->conf, &conf_keys[i], value, cp->err) == -1)
		return (0);
	vbuf_reset(cp->err);
	return (1);
}

/* conf_read_file - the whole file, checked for NULs and long lines */
static char *
conf_read_file(const char *path, struct vbuf *err)
{
	struct vbuf	 b;
	char		 chunk[8192];
	ssize_t		 n;
	size_t		 line = 1, col = 0;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		vbuf_printf(err, "%s: %s", path, strerror(errno));
		return (NULL);
	}
	vbuf_init(&b, CONF_FILE_MAX);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			vbuf_printf(err, "%s: read: %s", path, strerror(errno));
			goto fail;
		}
		if (vbuf_cat(&b, chunk, (size_t)n) == -1) {
			vbuf_printf(err, "%s: larger than %d bytes", path,
			    CONF_FILE_MAX);
			goto fail;
		}
	}
	for (size_t i = 0; i < b.len; i++) {
		if (b.data[i] == '\0') {
			vbuf_printf(err, "%s:%zu: NUL byte in the file", path,
			    line);
			goto fail;
		}
		if (b.data[i] == '\n') {
			line++;
			col = 0;
		} else if (++col > CONF_LINE_MAX) {
			vbuf_printf(err, "%s:%zu: line longer than %d bytes",
			    path, line, CONF_LINE_MAX);
			goto fail;
		}
	}
	(void)close(fd);
	return (vbuf_take(&b, NULL));
fail:
	(void)close(fd);
	vbuf_release(&b);
	return (NULL);
}

/* conf_where - c->path, path made absolute, and c->dir, its folder;
 * -1 (nothing allocated) if the working folder is not known */
static int
conf_where(struct conf *c, const char *path, struct vbuf *err)
{
	char	cwd[PATH_MAX], *slash;

	if (path[0] == '/')
		c->path = xstrdup(path);
	else {
		if (getcwd(cwd, sizeof(cwd)) == NULL) {
			vbuf_printf(err, "getcwd: %s", strerror(errno));
			return (-1);
		}
		c->path = xasprintf("%s/%s", cwd, path);
	}
	c->dir = xstrdup(c->path);
	slash = strrchr(c->dir, '/');
	if (slash == c->dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	return (0);
}

/* conf_parse_text - the keys of text into cp->conf; -1 with the file,
 * line and reason in err */
static int
conf_parse_text(struct conf_parse *cp, const char *text, struct vbuf *err)
{
	const char	*path = cp->conf->path;
	int		 line;

	/* libinih's defaults truncate long lines and join indented ones. */
	ini_use_stack = 0;
	ini_allow_realloc = 1;
	ini_max_line = CONF_LINE_MAX + 3;
	ini_allow_multiline = 0;

	if ((line = ini_parse_string(text, conf_handler, cp)) == 0)
		return (0);
	if (line < 0)
		vbuf_printf(err, "%s: cannot parse", path);
	else if (cp->err->len > 0)
		vbuf_printf(err, "%s:%d: %s", path, line, vbuf_str(cp->err));
	else
		vbuf_printf(err, "%s:%d: not a [section], a key = value line "
		    "or a comment", path, line);
	return (-1);
}

/* conf_defaults - each key the file did not set takes its default, or
 * stops the load if it is required; -1 with the reason in err */
static int
conf_defaults(struct conf_parse *cp, struct vbuf *err)
{
	struct conf	*c = cp->conf;

	for (size_t i = 0; i < conf_nkeys; i++) {
		const struct conf_key *k = &conf_keys[i];

		if (cp->seen[i])
			continue;
		if (k->required) {
			vbuf_printf(err, "%s: [%s] %s: missing; it is "
			    "required", c->path, k->section, k->name);
			return (-1);
		}
		if (k->def == NULL)
			continue;
		vbuf_reset(cp->err);
		if (conf_set(c, k, k->def, cp->err) == -1) {
			vbuf_printf(err, "%s: [%s] %s: built-in default: %s",
			    c->path, k->section, k->name, vbuf_str(cp->err));
			return (-1);
		}
	}
	if (c->relay_helo == NULL)
		c->relay_helo = xstrdup(c->domain);
	/* Mail that reaches nobody else goes to admin: at the list domain
	 * it would come back to moot, and go round. */
	if (c->admin != NULL && strcmp(addr_domain(c->admin), c->domain) ==
	    0) {
		vbuf_printf(err, "%s: [moot] admin: %s is at the list domain; "
		    "give an address outside it", c->path, c->admin);
		return (-1);
	}
	return (0);
}

/* conf_load - see conf.h */
int
conf_load(struct conf *c, const char *path, struct vbuf *err)
{
	struct conf_parse	 cp;
	struct vbuf		 why;
	char			*text;
	int			 rc = -1;

	memset(c, 0, sizeof(*c));
	if (conf_where(c, path, err) == -1)
		return (-1);
	vbuf_init(&why, 1024);
	memset(&cp, 0, sizeof(cp));
	cp.conf = c;
	cp.err = &why;
	if ((text = conf_read_file(c->path, err)) != NULL) {
		rc = conf_parse_text(&cp, text, err);
		free(text);
	}
	if (rc == 0)
		rc = conf_defaults(&cp, err);
	vbuf_release(&why);
	if (rc == -1)
		conf_free(c);
	return (rc);
}

/* conf_free - release everything conf_load() allocated */
void
conf_free(struct conf *c)
{
	size_t	i;

	for (i = 0; i < conf_nkeys; i++) {
		const struct conf_key *k = &conf_keys[i];

		if (conf_rules[k->type].store != CS_TEXT)
			continue;
		free(*(char **)(void *)((char *)c + k->offset));
		*(char **)(void *)((char *)c + k->offset) = NULL;
	}
	free(c->path);
	free(c->dir);
	c->path = c->dir = NULL;
}

int
conf_folder_ready(const char *key, const char *path, struct vbuf *err)
{
	struct stat	 st;
	const char	*slash = strrchr(path, '/');
	char		*dir;
	int		 rc = 0;

	if (slash == NULL)
		return (0);
	dir = xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
	/* Only a missing folder is said here; a folder we may not enter
	 * is for the open or bind that follows to report. */
	if (stat(dir, &st) == -1 ? errno == ENOENT : !S_ISDIR(st.st_mode)) {
		vbuf_reset(err);
		vbuf_printf(err, "%s %s: the folder %s does not exist (make it "
		    "as README.md says: tmpfiles.d or systemd)", key, path,
		    dir);
		rc = -1;
	}
	free(dir);
	return (rc);
}
