/*
 * cli_csv.c - moot member import and moot member export (CSV)
 */
#include <stdio.h>

#include "cli.h"
#include "moot.h"

/* cmd_member_import - moot member import LIST FILE.csv [--dry-run] */
int
cmd_member_import(struct cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	return (cli_error(CLI_FAIL, "member import: not written yet"));
}

/* cmd_member_export - moot member export LIST */
int
cmd_member_export(struct cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	return (cli_error(CLI_FAIL, "member export: not written yet"));
}
