// Wrappers over glibc's allocator that count allocations per thread.
// A thread-local counter keeps parallel tests from seeing each other's allocations.
#include "AllocationCounter.h"
#include <stddef.h>
#include <errno.h>

// AddressSanitizer and ThreadSanitizer bring their own allocator and call malloc while they start,
// before this library's thread-local storage exists: replacing malloc there crashes the process at
// start-up. Under a sanitizer the count is unavailable, and the allocation tests skip themselves.
#if defined(__has_feature)
#  if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#    define GS_UNDER_SANITIZER 1
#  endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#  define GS_UNDER_SANITIZER 1
#endif

#if defined(__linux__) && defined(__GLIBC__) && !defined(GS_UNDER_SANITIZER)
#include <malloc.h>
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void __libc_free(void *pointer);

static _Thread_local long allocations = 0;
// Bytes this thread holds on the heap (as the allocator sized the blocks), and the most it has held since
// the last reset. A block freed by another thread than the one that made it moves the count of both; the
// tests that read it allocate and free on one thread.
static _Thread_local long liveBytes = 0;
static _Thread_local long peakBytes = 0;

static void *counted(void *pointer) {
    allocations++;
    if (pointer != NULL) {
        liveBytes += (long)malloc_usable_size(pointer);
        if (liveBytes > peakBytes) peakBytes = liveBytes;
    }
    return pointer;
}

void *malloc(size_t size) { return counted(__libc_malloc(size)); }
void *calloc(size_t count, size_t size) { return counted(__libc_calloc(count, size)); }
void *realloc(void *pointer, size_t size) {
    long before = pointer != NULL ? (long)malloc_usable_size(pointer) : 0;
    void *result = __libc_realloc(pointer, size);
    if (result == NULL && size != 0) return NULL;  // The old block is untouched.
    liveBytes -= before;
    if (result == NULL) { allocations++; return NULL; }  // realloc(p, 0) freed it.
    return counted(result);
}
void *memalign(size_t alignment, size_t size) { return counted(__libc_memalign(alignment, size)); }
void *aligned_alloc(size_t alignment, size_t size) { return counted(__libc_memalign(alignment, size)); }
int posix_memalign(void **result, size_t alignment, size_t size) {
    void *pointer = counted(__libc_memalign(alignment, size));
    if (pointer == NULL && size != 0) return ENOMEM;
    *result = pointer;
    return 0;
}
void free(void *pointer) {
    if (pointer != NULL) liveBytes -= (long)malloc_usable_size(pointer);
    __libc_free(pointer);
}
long gs_thread_allocation_count(void) { return allocations; }
long gs_thread_peak_bytes_since_reset(void) { return peakBytes; }
void gs_thread_reset_peak_bytes(void) { peakBytes = liveBytes; }
long gs_thread_live_bytes(void) { return liveBytes; }
#else
// Elsewhere, and under a sanitizer, the count is unavailable; -1 tells tests to skip the check.
long gs_thread_allocation_count(void) { return -1; }
long gs_thread_peak_bytes_since_reset(void) { return -1; }
void gs_thread_reset_peak_bytes(void) {}
long gs_thread_live_bytes(void) { return -1; }
#endif
