#ifndef GRADSCHOOL_VECTOR_MATH_H
#define GRADSCHOOL_VECTOR_MATH_H
// Element-wise operations on 16 floats that Swift's SIMD types cannot yet express as single vector
// instructions: Swift lowers `SIMD16<Float>.squareRoot()` to one C library call per lane (to keep errno
// semantics), while clang's element-wise builtin becomes one `vsqrtps` (AVX-512) or two (AVX2).
// Swift imports `gs_float16` as `SIMD16<Float>`.
typedef float gs_float16 __attribute__((ext_vector_type(16)));

/// √x for each lane.
static inline gs_float16 gs_square_root16(gs_float16 x) { return __builtin_elementwise_sqrt(x); }

/// 1/x for each lane, for positive finite x (an optimizer's denominators).
///
/// A division shares the CPU's divide unit with the square root, and Adam needs one of each per weight.
/// With AVX-512 this takes the 14-bit estimate of `vrcp14ps` and one Newton–Raphson step,
/// e ← e·(2 − x·e), which squares the relative error to about 4e-9, below float rounding; elsewhere it
/// divides.
#if defined(__AVX512F__)
typedef float gs_m512 __attribute__((__vector_size__(64), __aligned__(64)));
static inline gs_float16 gs_reciprocal16(gs_float16 x) {
    gs_m512 zero = {0};
    gs_float16 estimate = (gs_float16)__builtin_ia32_rcp14ps512_mask((gs_m512)x, zero, (unsigned short)0xFFFF);
    return estimate * (2.0f - x * estimate);
}
#else
static inline gs_float16 gs_reciprocal16(gs_float16 x) { return 1.0f / x; }
#endif
#endif
