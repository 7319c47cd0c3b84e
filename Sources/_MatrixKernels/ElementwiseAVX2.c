// The element-wise kernels with AVX2 and fused multiply-add: 8-float ymm registers.
#include "ElementwiseVariants.h"
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define GS_ELEMENTWISE(name) gs_##name##_avx2
#define GS_LANES 8
#include "ElementwiseTemplate.h"
#pragma clang attribute pop
#endif
