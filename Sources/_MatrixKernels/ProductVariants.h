#ifndef GRADSCHOOL_PRODUCT_VARIANTS_H
#define GRADSCHOOL_PRODUCT_VARIANTS_H
// One entry point per variant, each compiled for its own instruction set (see ProductTemplate.h).
#define GS_PRODUCT_SIGNATURE(name) \
    void name(long rows, long inner, long columns, const float *a, long rowStride, long innerStride, \
              const float *b, long ldb, float *c, long ldc)
GS_PRODUCT_SIGNATURE(gs_product_plain);
#if defined(__x86_64__)
GS_PRODUCT_SIGNATURE(gs_product_avx2);
GS_PRODUCT_SIGNATURE(gs_product_avx512);
#endif
#if defined(__aarch64__)
GS_PRODUCT_SIGNATURE(gs_product_neon);
#endif
#endif
