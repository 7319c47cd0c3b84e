#ifndef GRADSCHOOL_PRODUCT_VARIANTS_H
#define GRADSCHOOL_PRODUCT_VARIANTS_H
// One entry point per variant, each compiled for its own instruction set (see ProductTemplate.h). `finish`
// is NULL, or what to do to each element of C as it is finished (MatrixKernels.h).
#include "MatrixKernels.h"
#define GS_PRODUCT_SIGNATURE(name) \
    void name(long rows, long inner, long columns, const float *a, long rowStride, long innerStride, \
              const float *b, long ldb, float *c, long ldc, const gs_product_finish *finish)
/// Finishes a rows × columns block of C in a pass of its own, as the tiles finish it in registers: for the
/// paths too narrow to fuse it (bias added to each sum, then relu or ReLU's gradient written beside).
void gs_finish_after(long rows, long columns, float *c, long ldc, const gs_product_finish *finish);
GS_PRODUCT_SIGNATURE(gs_product_plain);
#if defined(__x86_64__)
GS_PRODUCT_SIGNATURE(gs_product_avx2);
GS_PRODUCT_SIGNATURE(gs_product_avx512);
#endif
#if defined(__aarch64__)
GS_PRODUCT_SIGNATURE(gs_product_neon);
#endif
#endif
