#ifndef GRADSCHOOL_VECTOR_MATH_H
#define GRADSCHOOL_VECTOR_MATH_H
// Element-wise operations on 16 floats that Swift's SIMD types cannot yet express as single vector
// instructions: Swift lowers `SIMD16<Float>.squareRoot()` to one C library call per lane (to keep errno
// semantics), while clang's element-wise builtin becomes one `vsqrtps` (AVX-512) or two (AVX2).
// Swift imports `gs_float16` as `SIMD16<Float>`.
typedef float gs_float16 __attribute__((ext_vector_type(16)));

/// √x for each lane.
static inline gs_float16 gs_square_root16(gs_float16 x) { return __builtin_elementwise_sqrt(x); }
#endif
