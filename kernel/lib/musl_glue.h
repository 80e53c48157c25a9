#ifndef UNIHV_LIB_MUSL_GLUE_H
#define UNIHV_LIB_MUSL_GLUE_H

#define MUSL_GLUE_MAX_CPUS 64

/*
 * Point this CPU's FS base at its musl thread descriptor.  Call on every
 * CPU before any musl function that touches errno or the locale.
 */
void musl_glue_cpu_init(unsigned cpu);

#endif
