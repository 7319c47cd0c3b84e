// The small-product path with AVX2 and fused multiply-add: 8-float ymm registers.
#include "ProductSmallVariants.h"
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define GS_SMALL_ENTRY gs_small_product_avx2
#define GS_SMALL_INNER_ENTRY gs_small_inner_avx2
#define GS_LANES 8
#include "ProductSmallTemplate.h"
#pragma clang attribute pop
#endif
