// The NEON variant (arm64, Apple Silicon): 4-float registers, 32 of them; an 8×12 tile.
#include "ProductVariants.h"
#if defined(__aarch64__)
#define GS_ENTRY gs_product_neon
#define GS_LANES 4
#define GS_ROWS 8
#define GS_VECTORS 3
#define GS_DEPTH 256
#define GS_BLOCK_ROWS 96
#define GS_BLOCK_COLUMNS 252
#define GS_PACK_THRESHOLD 8192
#include "ProductTemplate.h"
#endif
