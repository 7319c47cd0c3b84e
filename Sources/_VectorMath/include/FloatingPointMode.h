#ifndef GRADSCHOOL_FLOATING_POINT_MODE_H
#define GRADSCHOOL_FLOATING_POINT_MODE_H
// The calling thread's floating-point control register: on x86 the MXCSR, on 64-bit ARM the FPCR.
// These are real functions, not inline ones, so the compiler cannot move arithmetic across a mode change.

/// The thread's current mode, to hand back to `gs_restore_floating_point_mode` later.
unsigned long long gs_floating_point_mode(void);

/// Makes the thread treat subnormal numbers as zero, both as results and as inputs (x86: FTZ and DAZ;
/// ARM: FZ), and returns the mode it had before.
unsigned long long gs_flush_subnormals_to_zero(void);

/// Puts back a mode returned by one of the functions above.
void gs_restore_floating_point_mode(unsigned long long mode);

/// 1 when the thread currently flushes subnormal results to zero, else 0.
int gs_subnormals_are_flushed(void);
#endif
