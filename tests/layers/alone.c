/*
 * alone.c - the program that proves a layer links with only those below
 *
 * Built once per layer by Makefile.am with that layer's library linked
 * whole and the layers below it after: if any object of the layer calls
 * a function of a higher layer, or of another program, the link fails
 * and so does make check.  Running it only reports that the link held.
 */
#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	const char	*name = argc > 0 ? strrchr(argv[0], '/') : NULL;

	(void)argc;
	printf("1..1\nok 1 - layer %s links with only the layers below it\n",
	    name != NULL ? name + 1 : "?");
	return (0);
}
