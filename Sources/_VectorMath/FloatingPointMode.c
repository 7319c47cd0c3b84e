#include "FloatingPointMode.h"

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
// MXCSR bit 15 flushes subnormal results to zero (FTZ); bit 6 reads subnormal inputs as zero (DAZ).
static const unsigned int flushBits = 0x8000u | 0x0040u;

unsigned long long gs_floating_point_mode(void) { return _mm_getcsr(); }

unsigned long long gs_flush_subnormals_to_zero(void) {
    unsigned int old = _mm_getcsr();
    _mm_setcsr(old | flushBits);
    return old;
}

void gs_restore_floating_point_mode(unsigned long long mode) { _mm_setcsr((unsigned int)mode); }

int gs_subnormals_are_flushed(void) { return (_mm_getcsr() & 0x8000u) != 0; }

#elif defined(__aarch64__)
// FPCR bit 24 (FZ) flushes subnormal inputs and results to zero.
static const unsigned long long flushBit = 1ull << 24;

unsigned long long gs_floating_point_mode(void) {
    unsigned long long fpcr;
    __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
    return fpcr;
}

unsigned long long gs_flush_subnormals_to_zero(void) {
    unsigned long long old = gs_floating_point_mode();
    __asm__ volatile("msr fpcr, %0" : : "r"(old | flushBit));
    return old;
}

void gs_restore_floating_point_mode(unsigned long long mode) { __asm__ volatile("msr fpcr, %0" : : "r"(mode)); }

int gs_subnormals_are_flushed(void) { return (gs_floating_point_mode() & flushBit) != 0; }

#else
// Elsewhere subnormals keep their default (exact, possibly slow) treatment.
unsigned long long gs_floating_point_mode(void) { return 0; }
unsigned long long gs_flush_subnormals_to_zero(void) { return 0; }
void gs_restore_floating_point_mode(unsigned long long mode) { (void)mode; }
int gs_subnormals_are_flushed(void) { return 0; }
#endif
