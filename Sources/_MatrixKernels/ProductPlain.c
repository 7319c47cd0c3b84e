// The plain variant for any CPU: 4-float vectors (SSE2 on baseline x86-64, scalar code elsewhere) and
// separate multiply and add where the target has no fused multiply-add; a 4×8 tile.
#include "ProductVariants.h"
#define GS_ENTRY gs_product_plain
#define GS_LANES 4
#define GS_ROWS 4
#define GS_VECTORS 2
#define GS_DEPTH 256
#define GS_BLOCK_ROWS 96
#define GS_BLOCK_COLUMNS 256
#define GS_PACK_THRESHOLD 8192
#include "ProductTemplate.h"
