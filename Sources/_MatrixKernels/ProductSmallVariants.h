#ifndef GRADSCHOOL_PRODUCT_SMALL_VARIANTS_H
#define GRADSCHOOL_PRODUCT_SMALL_VARIANTS_H
// The small-product path, one entry point per variant (see ProductSmallTemplate.h). Same arguments and
// result as the product kernels of ProductVariants.h; each variant is compiled for its own instruction set.
#include "ProductVariants.h"
/// Products narrower than this many columns take the small-product path: a vector tile of C would be
/// mostly padding there.
#define GS_SMALL_COLUMNS 4
/// Products over at most this many steps of the inner dimension, at least one vector wide, keep B in
/// registers while A's rows go by (ProductSmallTemplate.h).
#define GS_SMALL_INNER 4
#define GS_SMALL_INNER_SIGNATURE(name) \
    int name(long rows, long inner, long columns, const float *a, long rowStride, long innerStride, \
             const float *b, long ldb, float *c, long ldc, const gs_product_finish *finish)
GS_PRODUCT_SIGNATURE(gs_small_product_plain);
GS_SMALL_INNER_SIGNATURE(gs_small_inner_plain);
#if defined(__x86_64__)
GS_PRODUCT_SIGNATURE(gs_small_product_avx2);
GS_PRODUCT_SIGNATURE(gs_small_product_avx512);
GS_SMALL_INNER_SIGNATURE(gs_small_inner_avx2);
GS_SMALL_INNER_SIGNATURE(gs_small_inner_avx512);
#endif
#if defined(__aarch64__)
GS_PRODUCT_SIGNATURE(gs_small_product_neon);
GS_SMALL_INNER_SIGNATURE(gs_small_inner_neon);
#endif
#endif
