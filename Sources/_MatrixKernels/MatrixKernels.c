// The choice of kernel variant: at compile time for a native build, by CPUID for a portable one.
#include "MatrixKernels.h"
#include "ProductVariants.h"
#include "ProductSmallVariants.h"

bool gs_kernel_is_supported(int variant) {
    switch (variant) {
    case GS_KERNEL_PLAIN: return true;
#if defined(__x86_64__)
    case GS_KERNEL_AVX2:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case GS_KERNEL_AVX512:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl")
            && __builtin_cpu_supports("fma");
#endif
#if defined(__aarch64__)
    case GS_KERNEL_NEON: return true;
#endif
    default: return false;
    }
}

int gs_kernel_widest_supported_variant(void) {
    if (gs_kernel_is_supported(GS_KERNEL_AVX512)) return GS_KERNEL_AVX512;
    if (gs_kernel_is_supported(GS_KERNEL_AVX2)) return GS_KERNEL_AVX2;
    if (gs_kernel_is_supported(GS_KERNEL_NEON)) return GS_KERNEL_NEON;
    return GS_KERNEL_PLAIN;
}

void gs_matrix_product(int variant, long rows, long inner, long columns,
                       const float *a, long rowStride, long innerStride,
                       const float *b, long ldb, float *c, long ldc) {
    if (columns < GS_SMALL_COLUMNS) {
        gs_small_product(variant, rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc);
        return;
    }
    if (inner <= GS_SMALL_INNER && gs_small_inner(variant, rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc)) return;
    switch (variant) {
#if defined(__x86_64__)
    case GS_KERNEL_AVX512: gs_product_avx512(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc); return;
    case GS_KERNEL_AVX2: gs_product_avx2(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc); return;
#endif
#if defined(__aarch64__)
    case GS_KERNEL_NEON: gs_product_neon(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc); return;
#endif
    default: gs_product_plain(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc); return;
    }
}

void gs_small_product(int variant, long rows, long inner, long columns,
                      const float *a, long rowStride, long innerStride,
                      const float *b, long ldb, float *c, long ldc) {
    switch (variant) {
#if defined(__x86_64__)
    case GS_KERNEL_AVX512: gs_small_product_avx512(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc); return;
    case GS_KERNEL_AVX2: gs_small_product_avx2(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc); return;
#endif
#if defined(__aarch64__)
    case GS_KERNEL_NEON: gs_small_product_neon(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc); return;
#endif
    default: gs_small_product_plain(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc); return;
    }
}

int gs_small_inner(int variant, long rows, long inner, long columns,
                   const float *a, long rowStride, long innerStride,
                   const float *b, long ldb, float *c, long ldc) {
    switch (variant) {
#if defined(__x86_64__)
    case GS_KERNEL_AVX512: return gs_small_inner_avx512(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc);
    case GS_KERNEL_AVX2: return gs_small_inner_avx2(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc);
#endif
#if defined(__aarch64__)
    case GS_KERNEL_NEON: return gs_small_inner_neon(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc);
#endif
    default: return gs_small_inner_plain(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc);
    }
}
