/*
 * authres.h - reading Authentication-Results (RFC 8601)
 *
 * Owns: the field's grammar (comments, quoted strings, a version,
 * several resinfo separated by ';', "none"), what counts as a DKIM or
 * SPF pass aligned with a From: domain, and which fields of a header
 * section, in the order received, could only have been added by the
 * receiving MTA (the gate).  A field that does not parse is trusted for
 * nothing.  Knows nothing of lists; pure: no I/O, no allocation except
 * in the caller's vbuf.
 */
#ifndef AUTHRES_H
#define AUTHRES_H

#include <stddef.h>

struct vbuf;

#define AUTHRES_WORD	32	/* a method or a result */
#define AUTHRES_VALUE	256	/* a property's value; longer: invalid */
#define AUTHRES_MAX	16	/* resinfo read from one field */

/* One resinfo, as far as moot reads it; "" for what it did not say. */
struct authres_result {
	char	method[AUTHRES_WORD];		/* lower case, no version */
	char	result[AUTHRES_WORD];		/* lower case */
	char	header_d[AUTHRES_VALUE];
	char	header_i[AUTHRES_VALUE];
	char	smtp_mailfrom[AUTHRES_VALUE];
};

/*
 * authres_parse - one field's value: its authserv-id into servid, its
 * resinfo into res (at most max), their number into *n.  -1 if the
 * value is not a field RFC 8601 allows, has an unknown version, or has
 * more than max resinfo: then nothing of it may be believed.
 */
int	authres_parse(const char *value, char *servid, size_t size,
	    struct authres_result *res, size_t max, size_t *n);

/* authres_align - a and b are the same domain or one is a subdomain of
 * the other (relaxed alignment); a bare top-level name aligns with
 * nothing */
int	authres_align(const char *a, const char *b);

/*
 * authres_aligned - of fields (values separated by newlines), those
 * whose authserv-id is servid: "dkim" if one says dkim=pass for
 * header.d (else header.i's domain) aligned with from_domain, else
 * "spf" for spf=pass with smtp.mailfrom's domain aligned; NULL if none
 * does, or servid is NULL or "".
 */
const char *authres_aligned(const char *fields, const char *servid,
	    const char *from_domain);

/*
 * The gate.  A verifier that runs in the receiving MTA (a milter before
 * moot-milter, or before the transport that runs moot inject) adds its
 * fields at the top of the header section; a field the client sent is
 * below some other field the client sent.  So a field naming servid is
 * the MTA's only in the run of trace fields at the top, and forged
 * anywhere else.  What the client sends at the very top cannot be told
 * apart here: the MTA must remove those (moot-milter(8)).
 */
enum authres_verdict {
	AUTHRES_NOT_AR,		/* not an Authentication-Results field */
	AUTHRES_OTHER,		/* another authserv-id's, or unreadable */
	AUTHRES_OURS,		/* servid's, at the top: believed */
	AUTHRES_FORGED,		/* servid's, below the top: drop it */
};

struct authres_gate {
	const char	*servid;	/* borrowed; NULL or "": none ours */
	int		 below_top;	/* a field not a trace field seen */
};

/* authres_gate_field - the next header field, in the order received */
enum authres_verdict authres_gate_field(struct authres_gate *,
	    const char *name, size_t name_len, const char *value);

/*
 * authres_collect - the Authentication-Results values of a message's
 * header section (raw, up to its first empty line) that the gate does
 * not call forged, unfolded, appended to out separated by newlines;
 * the number of forged ones is returned.
 */
size_t	authres_collect(const char *raw, size_t len, const char *servid,
	    struct vbuf *out);

/* authres_value_append - v unfolded (CR and LF as spaces, leading
 * white space dropped) to out, after a newline if out is not empty */
void	authres_value_append(struct vbuf *out, const char *v, size_t len);

#endif /* AUTHRES_H */
