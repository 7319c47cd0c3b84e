// The AVX2 variant with fused multiply-add: 8-float ymm registers, 16 of them; a 6×16 tile.
#include "ProductVariants.h"
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define GS_ENTRY gs_product_avx2
#define GS_LANES 8
#define GS_ROWS 6
#define GS_VECTORS 2
#define GS_DEPTH 256
#define GS_BLOCK_ROWS 96
#define GS_BLOCK_COLUMNS 256
#define GS_PACK_THRESHOLD 8192
#include "ProductTemplate.h"
#pragma clang attribute pop
#endif
