/* hvctl pki init: runs tools/pki-init.sh (found next to the source tree
 * this hvctl was built in, or $UNIHV_PKI_INIT) with --dir defaulting to
 * the --pki directory. */
#include <limits.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "hvctl.h"

/* build/tools/hvctl -> tools/pki-init.sh two levels up. */
static bool find_script(char *path, size_t n)
{
	const char *env = getenv("UNIHV_PKI_INIT");
	if (env) {
		snprintf(path, n, "%s", env);
		return true;
	}
	char exe[PATH_MAX];
	ssize_t l = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (l <= 0)
		return false;
	exe[l] = '\0';
	char *dir = dirname(exe);
	snprintf(path, n, "%s/../../tools/pki-init.sh", dir);
	return access(path, X_OK) == 0;
}

int cmd_pki_init(struct hvctl *h, int argc, char **argv)
{
	char script[PATH_MAX + 32];
	if (!find_script(script, sizeof(script))) {
		fprintf(stderr, "hvctl: %s: tools/pki-init.sh not found (set UNIHV_PKI_INIT)\n",
			h->command);
		return HVCTL_EXIT_USAGE;
	}
	bool has_dir = false;
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--dir") || !strncmp(argv[i], "--dir=", 6))
			has_dir = true;
	char **args = calloc((size_t)argc + 4, sizeof(*args));
	if (!args)
		return HVCTL_EXIT_FAILED;
	int n = 0;
	args[n++] = script;
	if (!has_dir) {
		args[n++] = "--dir";
		args[n++] = (char *)h->pki_dir;
	}
	for (int i = 1; i < argc; i++)
		args[n++] = argv[i];
	args[n] = NULL;
	execv(script, args);
	perror("hvctl: pki init: exec");
	free(args);
	return HVCTL_EXIT_FAILED;
}
