/*
 * admin.h - where moot-admin is
 *
 * Owns: the one rule for finding moot-admin, the program that holds
 * every command but inject (src/cli/moot_admin.c): `moot` executes it
 * for those commands, and mootd for the report's PDF.
 */
#ifndef ADMIN_H
#define ADMIN_H

#include <stddef.h>

/*
 * admin_path - moot-admin's path into path: beside the running program
 * when it is there (the build tree, where the tests run moot), else
 * where it was installed (configure's pkglibexecdir).  0, or -1 if
 * neither fits in size.
 */
int	admin_path(char *path, size_t size);

#endif /* ADMIN_H */
