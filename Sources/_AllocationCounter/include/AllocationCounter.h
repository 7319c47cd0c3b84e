#ifndef GRADSCHOOL_ALLOCATION_COUNTER_H
#define GRADSCHOOL_ALLOCATION_COUNTER_H
/// The number of heap allocations (malloc, calloc, realloc, aligned allocations) made so far by the
/// calling thread. Linking this target replaces the C library's allocation functions for the whole
/// process with thin wrappers that count and forward; use it only in tests and benchmarks.
/// Returns -1 where counting is unavailable: other C libraries, and builds with a sanitizer.
long gs_thread_allocation_count(void);
/// Heap bytes the calling thread holds now, and the most it held since `gs_thread_reset_peak_bytes`, or -1
/// where counting is unavailable. Unlike the process's peak memory, tests on other threads never add to them.
long gs_thread_live_bytes(void);
long gs_thread_peak_bytes_since_reset(void);
void gs_thread_reset_peak_bytes(void);
#endif
