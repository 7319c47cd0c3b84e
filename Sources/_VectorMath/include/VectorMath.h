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

typedef float gs_float8 __attribute__((ext_vector_type(8)));

/// Writes the transpose of the 8×8 block at `source` (rows `sourceStride` floats apart) to `target` (rows
/// `targetStride` floats apart): target[j][i] = source[i][j].
///
/// Three rounds of shuffles, each pairing up vectors: first interleave single lanes of neighbouring rows,
/// then pairs of lanes, then halves. 24 shuffles move 64 numbers, where a scalar loop needs 64 loads and
/// 64 stores.
static inline void gs_transpose8x8(const float *source, long sourceStride, float *target, long targetStride) {
    gs_float8 r0, r1, r2, r3, r4, r5, r6, r7;
    __builtin_memcpy(&r0, source + 0 * sourceStride, sizeof r0);
    __builtin_memcpy(&r1, source + 1 * sourceStride, sizeof r1);
    __builtin_memcpy(&r2, source + 2 * sourceStride, sizeof r2);
    __builtin_memcpy(&r3, source + 3 * sourceStride, sizeof r3);
    __builtin_memcpy(&r4, source + 4 * sourceStride, sizeof r4);
    __builtin_memcpy(&r5, source + 5 * sourceStride, sizeof r5);
    __builtin_memcpy(&r6, source + 6 * sourceStride, sizeof r6);
    __builtin_memcpy(&r7, source + 7 * sourceStride, sizeof r7);
    // Round 1: t0 = a00 a10 a01 a11 a04 a14 a05 a15, and so on.
    gs_float8 t0 = __builtin_shufflevector(r0, r1, 0, 8, 1, 9, 4, 12, 5, 13);
    gs_float8 t1 = __builtin_shufflevector(r0, r1, 2, 10, 3, 11, 6, 14, 7, 15);
    gs_float8 t2 = __builtin_shufflevector(r2, r3, 0, 8, 1, 9, 4, 12, 5, 13);
    gs_float8 t3 = __builtin_shufflevector(r2, r3, 2, 10, 3, 11, 6, 14, 7, 15);
    gs_float8 t4 = __builtin_shufflevector(r4, r5, 0, 8, 1, 9, 4, 12, 5, 13);
    gs_float8 t5 = __builtin_shufflevector(r4, r5, 2, 10, 3, 11, 6, 14, 7, 15);
    gs_float8 t6 = __builtin_shufflevector(r6, r7, 0, 8, 1, 9, 4, 12, 5, 13);
    gs_float8 t7 = __builtin_shufflevector(r6, r7, 2, 10, 3, 11, 6, 14, 7, 15);
    // Round 2: u0 = a00 a10 a20 a30 a04 a14 a24 a34, and so on.
    gs_float8 u0 = __builtin_shufflevector(t0, t2, 0, 1, 8, 9, 4, 5, 12, 13);
    gs_float8 u1 = __builtin_shufflevector(t0, t2, 2, 3, 10, 11, 6, 7, 14, 15);
    gs_float8 u2 = __builtin_shufflevector(t1, t3, 0, 1, 8, 9, 4, 5, 12, 13);
    gs_float8 u3 = __builtin_shufflevector(t1, t3, 2, 3, 10, 11, 6, 7, 14, 15);
    gs_float8 u4 = __builtin_shufflevector(t4, t6, 0, 1, 8, 9, 4, 5, 12, 13);
    gs_float8 u5 = __builtin_shufflevector(t4, t6, 2, 3, 10, 11, 6, 7, 14, 15);
    gs_float8 u6 = __builtin_shufflevector(t5, t7, 0, 1, 8, 9, 4, 5, 12, 13);
    gs_float8 u7 = __builtin_shufflevector(t5, t7, 2, 3, 10, 11, 6, 7, 14, 15);
    // Round 3: column j of the block, a0j … a7j.
    gs_float8 c0 = __builtin_shufflevector(u0, u4, 0, 1, 2, 3, 8, 9, 10, 11);
    gs_float8 c1 = __builtin_shufflevector(u1, u5, 0, 1, 2, 3, 8, 9, 10, 11);
    gs_float8 c2 = __builtin_shufflevector(u2, u6, 0, 1, 2, 3, 8, 9, 10, 11);
    gs_float8 c3 = __builtin_shufflevector(u3, u7, 0, 1, 2, 3, 8, 9, 10, 11);
    gs_float8 c4 = __builtin_shufflevector(u0, u4, 4, 5, 6, 7, 12, 13, 14, 15);
    gs_float8 c5 = __builtin_shufflevector(u1, u5, 4, 5, 6, 7, 12, 13, 14, 15);
    gs_float8 c6 = __builtin_shufflevector(u2, u6, 4, 5, 6, 7, 12, 13, 14, 15);
    gs_float8 c7 = __builtin_shufflevector(u3, u7, 4, 5, 6, 7, 12, 13, 14, 15);
    __builtin_memcpy(target + 0 * targetStride, &c0, sizeof c0);
    __builtin_memcpy(target + 1 * targetStride, &c1, sizeof c1);
    __builtin_memcpy(target + 2 * targetStride, &c2, sizeof c2);
    __builtin_memcpy(target + 3 * targetStride, &c3, sizeof c3);
    __builtin_memcpy(target + 4 * targetStride, &c4, sizeof c4);
    __builtin_memcpy(target + 5 * targetStride, &c5, sizeof c5);
    __builtin_memcpy(target + 6 * targetStride, &c6, sizeof c6);
    __builtin_memcpy(target + 7 * targetStride, &c7, sizeof c7);
}
#endif
