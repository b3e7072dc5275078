/*
 * cli_csv.h - the columns of a list's members as CSV
 *
 * Owns: the columns and their order, the same for a file without a
 * header and for what moot member export writes, so that import
 * (cli_csv.c) reads back what export (cli_export.c) wrote.
 */
#ifndef CLI_CSV_H
#define CLI_CSV_H

enum csv_col {
	C_NONE = -1,			/* a field under no column */
	C_ADDR, C_NAME, C_ROLE, C_LANG, C_MODE, C_START, C_END, C_ORG,
	C_COUNT
};

/* The columns' names, in the order of a file without a header and of
 * export (cli_csv.c) */
extern const char *const csv_col_names[C_COUNT];

#endif /* CLI_CSV_H */
