#ifndef GRADSCHOOL_ALLOCATION_COUNTER_H
#define GRADSCHOOL_ALLOCATION_COUNTER_H
/// The number of heap allocations (malloc, calloc, realloc, aligned allocations) made so far by the
/// calling thread. Linking this target replaces the C library's allocation functions for the whole
/// process with thin wrappers that count and forward; use it only in tests and benchmarks.
/// Returns -1 where counting is unavailable: other C libraries, and builds with a sanitizer.
long gs_thread_allocation_count(void);
#endif
