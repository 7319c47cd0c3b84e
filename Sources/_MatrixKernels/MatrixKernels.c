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

void gs_finish_after(long rows, long columns, float *c, long ldc, const gs_product_finish *finish) {
    for (long i = 0; i < rows; i++)
        for (long j = 0; j < columns; j++) {
            float out = c[i * ldc + j];
            if (finish->bias) out += finish->bias[j];
            c[i * ldc + j] = out;
            if (!finish->relu) continue;
            float *beside = finish->relu + i * finish->ldr + j;
            if (finish->gate) *beside = finish->gate[i * finish->ldg + j] > 0 ? out : 0;
            else *beside = out < 0 ? 0 : out;
        }
}

/// The small-inner path of `variant`, finished as `finish` says (NULL: not at all); 0 for shapes it does not take.
static int gs_small_inner_finishing(int variant, long rows, long inner, long columns, const float *a, long rowStride,
                                    long innerStride, const float *b, long ldb, float *c, long ldc,
                                    const gs_product_finish *finish) {
    switch (variant) {
#if defined(__x86_64__)
    case GS_KERNEL_AVX512: return gs_small_inner_avx512(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc, finish);
    case GS_KERNEL_AVX2: return gs_small_inner_avx2(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc, finish);
#endif
#if defined(__aarch64__)
    case GS_KERNEL_NEON: return gs_small_inner_neon(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc, finish);
#endif
    default: return gs_small_inner_plain(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc, finish);
    }
}

/// The product, finished as `finish` says (NULL: not at all).
static void gs_product(int variant, long rows, long inner, long columns, const float *a, long rowStride, long innerStride,
                       const float *b, long ldb, float *c, long ldc, const gs_product_finish *finish) {
    if (columns < GS_SMALL_COLUMNS) {
        gs_small_product(variant, rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc);
        if (!finish || rows <= 0) return;
        // A layer's one to three outputs: the bias alone goes in as the element-wise kernel adds it, a vector
        // of rows at a time (the same sums, the same bits).
        if (finish->bias && !finish->relu && ldc == columns) gs_add_bias(variant, rows, columns, finish->bias, c);
        else gs_finish_after(rows, columns, c, ldc, finish);
        return;
    }
    if (inner <= GS_SMALL_INNER && gs_small_inner_finishing(variant, rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc, finish))
        return;
    switch (variant) {
#if defined(__x86_64__)
    case GS_KERNEL_AVX512: gs_product_avx512(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc, finish); return;
    case GS_KERNEL_AVX2: gs_product_avx2(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc, finish); return;
#endif
#if defined(__aarch64__)
    case GS_KERNEL_NEON: gs_product_neon(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc, finish); return;
#endif
    default: gs_product_plain(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc, finish); return;
    }
}

void gs_matrix_product(int variant, long rows, long inner, long columns,
                       const float *a, long rowStride, long innerStride,
                       const float *b, long ldb, float *c, long ldc) {
    gs_product(variant, rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc, 0);
}

void gs_matrix_product_finishing(int variant, long rows, long inner, long columns,
                                 const float *a, long rowStride, long innerStride,
                                 const float *b, long ldb, float *c, long ldc, gs_product_finish finish) {
    const int finishes = finish.bias || finish.relu;
    gs_product(variant, rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc, finishes ? &finish : 0);
}

void gs_small_product(int variant, long rows, long inner, long columns,
                      const float *a, long rowStride, long innerStride,
                      const float *b, long ldb, float *c, long ldc) {
    switch (variant) {
#if defined(__x86_64__)
    case GS_KERNEL_AVX512: gs_small_product_avx512(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc, 0); return;
    case GS_KERNEL_AVX2: gs_small_product_avx2(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc, 0); return;
#endif
#if defined(__aarch64__)
    case GS_KERNEL_NEON: gs_small_product_neon(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc, 0); return;
#endif
    default: gs_small_product_plain(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc, 0); return;
    }
}

int gs_small_inner(int variant, long rows, long inner, long columns,
                   const float *a, long rowStride, long innerStride,
                   const float *b, long ldb, float *c, long ldc) {
    return gs_small_inner_finishing(variant, rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc, 0);
}
