/* A progress bar on stderr for long GPA transfers (terminal only). */
#include <stdio.h>
#include <unistd.h>
#include "hvctl.h"

static bool drawn;

void progress_bar(void *context, uint64_t done, uint64_t total)
{
	const char *label = context;
	if (total <= 4 * (uint64_t)UNIHV_GPA_CHUNK || !isatty(STDERR_FILENO))
		return;
	enum { WIDTH = 40 };
	unsigned fill = (unsigned)(done * WIDTH / total);
	char bar[WIDTH + 1];
	for (unsigned i = 0; i < WIDTH; i++)
		bar[i] = i < fill ? '#' : ' ';
	bar[WIDTH] = '\0';
	fprintf(stderr, "\r%s [%s] %3u%% %llu/%llu KiB", label ? label : "", bar,
		(unsigned)(done * 100 / total), (unsigned long long)(done >> 10),
		(unsigned long long)(total >> 10));
	drawn = true;
}

void progress_done(void)
{
	if (drawn)
		fputc('\n', stderr);
	drawn = false;
}
