// The small-product path with AVX-512: 16-float zmm registers.
#include "ProductSmallVariants.h"
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx512f,avx512vl,avx2,fma"))), apply_to = function)
#define GS_SMALL_ENTRY gs_small_product_avx512
#define GS_SMALL_INNER_ENTRY gs_small_inner_avx512
#define GS_LANES 16
// Dot products over fewer than 64 steps (a 32-wide layer's) go to the AVX2 path: its 8-float vectors take
// two more multiply-adds per row and fewer shuffles to add their lanes, which measures faster.
#define GS_SMALL_ROWS_ENTRY gs_small_product_avx2
#define GS_SMALL_ROWS_DEPTH 64
#include "ProductSmallTemplate.h"
#pragma clang attribute pop
#endif
