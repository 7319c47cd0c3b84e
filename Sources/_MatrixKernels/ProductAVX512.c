// The AVX-512 variant: 16-float zmm registers, 32 of them; a 12×32 tile.
#include "ProductVariants.h"
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx512f,avx512vl,avx2,fma"))), apply_to = function)
#define GS_ENTRY gs_product_avx512
#define GS_LANES 16
#define GS_ROWS 12
#define GS_VECTORS 2
#define GS_DEPTH 256
#define GS_BLOCK_ROWS 96
#define GS_BLOCK_COLUMNS 256
#define GS_PACK_THRESHOLD 8192
// Products narrower than 16 columns go to the AVX2 kernels, whose 8-float vectors fit them better.
#define GS_NARROW_ENTRY gs_product_avx2
#define GS_NARROW_DEPTH 256
#include "ProductTemplate.h"
#pragma clang attribute pop
#endif
