// The element-wise kernels with AVX-512: 16-float zmm registers, and the 14-bit reciprocal estimate.
#include "ElementwiseVariants.h"
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx512f,avx512vl,avx2,fma"))), apply_to = function)
#define GS_ELEMENTWISE(name) gs_##name##_avx512
#define GS_LANES 16
#define GS_HAS_RCP14 1
#include "ElementwiseTemplate.h"
#pragma clang attribute pop
#endif
