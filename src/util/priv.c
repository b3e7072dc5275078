/*
 * priv.c - dropping root; see priv.h
 */
#include <sys/types.h>

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "util/log.h"
#include "util/priv.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* priv_lookup - see priv.h */
int
priv_lookup(const char *user, uid_t *uid, gid_t *gid, struct vbuf *err)
{
	struct passwd	*pw;

	errno = 0;
	if ((pw = getpwnam(user)) == NULL) {
		vbuf_printf(err, "no such user: %s", user);
		return (-1);
	}
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	return (0);
}

/* priv_drop - see priv.h */
int
priv_drop(const char *user, struct vbuf *err)
{
	uid_t	uid;
	gid_t	gid;

	if (priv_lookup(user, &uid, &gid, err) == -1)
		return (-1);
	if (getuid() == uid && geteuid() == uid)
		return (0);
	if (setgroups(1, &gid) == -1 || setgid(gid) == -1 ||
	    setuid(uid) == -1) {
		vbuf_printf(err, "cannot become %s: %s", user,
		    strerror(errno));
		return (-1);
	}
	if (uid != 0 && setuid(0) != -1)
		log_panic("root came back after dropping to %s", user);
	return (0);
}
