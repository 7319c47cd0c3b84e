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
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

static _Thread_local long allocations = 0;

void *malloc(size_t size) { allocations++; return __libc_malloc(size); }
void *calloc(size_t count, size_t size) { allocations++; return __libc_calloc(count, size); }
void *realloc(void *pointer, size_t size) { allocations++; return __libc_realloc(pointer, size); }
void *memalign(size_t alignment, size_t size) { allocations++; return __libc_memalign(alignment, size); }
void *aligned_alloc(size_t alignment, size_t size) { allocations++; return __libc_memalign(alignment, size); }
int posix_memalign(void **result, size_t alignment, size_t size) {
    allocations++;
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL && size != 0) return ENOMEM;
    *result = pointer;
    return 0;
}
long gs_thread_allocation_count(void) { return allocations; }
#else
// Elsewhere, and under a sanitizer, the count is unavailable; -1 tells tests to skip the check.
long gs_thread_allocation_count(void) { return -1; }
#endif
