/*
 * admin.c - where moot-admin is; see admin.h
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "global/admin.h"
#include "util/sys_defs.h"

/* configure's pkglibexecdir: Makefile.am sets it */
#ifndef MOOT_ADMIN
#error "MOOT_ADMIN is not set: build moot through configure and make"
#endif

/* admin_path - see admin.h */
int
admin_path(char *path, size_t size)
{
	char	self[PATH_MAX];
	char	*slash;
	ssize_t	n;
	int	len;

	if ((n = readlink("/proc/self/exe", self, sizeof(self) - 1)) > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			len = snprintf(path, size, "%s/moot-admin", self);
			if (len > 0 && (size_t)len < size &&
			    access(path, X_OK) == 0)
				return (0);
		}
	}
	len = snprintf(path, size, "%s", MOOT_ADMIN);
	return (len > 0 && (size_t)len < size ? 0 : -1);
}
