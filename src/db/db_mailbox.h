/*
 * db_mailbox.h - the SQL that says a stored address is a mailbox's
 *
 * Owns: which stored (canonical) addresses reach one mailbox as
 * addr_mailbox() splits it: "base@domain" itself, and base followed by
 * '+' or the delimiter, then anything, at that domain (threat B7).
 * DB_MAILBOX(col, b, d, s) tests column col against the parameters
 * numbered b (base), d ("@domain") and s (the delimiter);
 * DB_AT_DOMAIN(col, d) only the domain.  Addresses hold one '@' and
 * no quoting (addr_check()), so the "@domain" suffix is the domain.
 */
#ifndef DB_MAILBOX_H
#define DB_MAILBOX_H

#define DB_AT_DOMAIN(col, d)						\
	"substr(" col ", -length(?" d ")) = ?" d

#define DB_MAILBOX(col, b, d, s)					\
	"(" DB_AT_DOMAIN(col, d) " AND (" col " = ?" b " || ?" d	\
	" OR substr(" col ", 1, length(?" b ") + 1) IN (?" b " || '+', ?"	\
	b " || ?" s ")))"

#endif /* DB_MAILBOX_H */
