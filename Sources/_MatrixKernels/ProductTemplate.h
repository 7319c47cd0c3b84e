// The body of one kernel variant. A variant's file defines the parameters below, switches on its
// instruction set for the functions that follow, and includes this file once:
//   GS_ENTRY        the entry point's name (declared in ProductVariants.h)
//   GS_LANES        floats in one vector register
//   GS_ROWS         rows of C in the register tile (MR)
//   GS_VECTORS      vectors of C per tile row, 1 to 3 (the tile is GS_ROWS × GS_VECTORS·GS_LANES)
//   GS_DEPTH        inner-dimension block (KC): every product sums k in blocks of GS_DEPTH steps
//   GS_BLOCK_ROWS   rows of A per block (MC) on the small path, whose tiles reuse B's rows from the cache
//   GS_BLOCK_COLUMNS columns of B per copied block (NC) on the large path: GS_DEPTH × GS_BLOCK_COLUMNS floats
//   GS_PACK_THRESHOLD size of B (inner × columns) above which a product with more than 2·GS_ROWS rows takes
//                   the large path
//   GS_NARROW_ENTRY optional: the variant that takes products narrower than one vector
//   GS_NARROW_DEPTH that variant's GS_DEPTH
//
// Every path sums each element of C the same way: k runs in blocks of GS_DEPTH steps, each block summed in
// order into a register starting from zero and then added to C. So a product gives the same numbers
// whichever path computes it, and a product shared among threads gives the numbers one thread gives.
//
// The large path (GotoBLAS's loop order with B's block held in the L2 cache), for C = A·B:
//   for each block of GS_DEPTH steps of k (later blocks add to C):
//     for each block of GS_BLOCK_COLUMNS columns of B: copy it, once, into contiguous panels one tile wide
//       for each tile of GS_ROWS rows of A: for each panel of the block:
//         keep the GS_ROWS × width tile of C in registers while k runs, each step loading the panel's row
//         (GS_VECTORS vectors) and broadcasting one element of A per row: GS_ROWS · GS_VECTORS fused
//         multiply-adds per GS_VECTORS loads and GS_ROWS broadcasts.
// The block of B (256 × 256 floats, 256 KB; 252 columns, 21 panels, on NEON) stays in the L2 cache while
// every row of A streams past it, and one panel (256 × 16 or 32 floats, 16–32 KB) stays in L1 while a tile
// runs; the tile's rows of A (6 or 12 × 256 floats) stay in L1 across the block's panels. B is copied once
// per product, so the copy costs one pass over B; A is read in place, or copied a tile at a time when it
// is read transposed.
//
// The small path (few rows, or a B small enough to stay cached where it lies) reads A and B in place, and
// copies only a ragged last panel of B (zero-padded to whole vectors) when it cannot be read in place.
// Both paths keep their copies on the stack (at most 256 + 12 KB, within any thread's stack; they are separate
// functions, so their frames are never live together) and a product never allocates.

#define GS_MIN(x, y) ((x) < (y) ? (x) : (y))
#define GS_ALWAYS static inline __attribute__((always_inline))

_Static_assert(GS_BLOCK_COLUMNS % (GS_LANES * GS_VECTORS) == 0, "a block of B holds whole panels");

typedef float gs_vector __attribute__((vector_size(GS_LANES * 4)));

GS_ALWAYS gs_vector gs_load(const float *p) { gs_vector v; __builtin_memcpy(&v, p, sizeof v); return v; }
GS_ALWAYS void gs_store(float *p, gs_vector v) { __builtin_memcpy(p, &v, sizeof v); }

/// The register tile: C[0..<mr, 0..<columns] (+)= A[0..<mr, 0..<depth] · B[0..<depth, 0..<nv·GS_LANES].
/// `mr` and `nv` are constants at every call site, so the loops unroll and `sum` lives in registers.
/// B's rows are `ldb` floats apart and hold whole vectors; only the first `columns` columns are written.
/// The last vector starts `last` floats into the row, normally (nv − 1)·GS_LANES; a ragged panel read in
/// place sets it lower, so that vector ends at the matrix's last column and overlaps the one before: the
/// overlapped columns get the same sums, in the same order, written twice.
GS_ALWAYS void gs_tile(const int mr, const int nv, long depth, const float *a, long rowStride, long innerStride,
                       const float *b, long ldb, float *c, long ldc, long columns, int accumulate, long last) {
    gs_vector sum[GS_ROWS][3];
    for (int r = 0; r < mr; r++)
        for (int v = 0; v < nv; v++) sum[r][v] = (gs_vector){0};
    for (long k = 0; k < depth; k++) {
        gs_vector bk[3];
        for (int v = 0; v < nv; v++) bk[v] = gs_load(b + k * ldb + (v == nv - 1 ? last : v * GS_LANES));
        for (int r = 0; r < mr; r++) {
            const float x = a[r * rowStride + k * innerStride];
            for (int v = 0; v < nv; v++) sum[r][v] += bk[v] * x;
        }
    }
    for (int r = 0; r < mr; r++) {
        float *row = c + r * ldc;
        for (int v = 0; v < nv; v++) {
            const long offset = v == nv - 1 ? last : v * GS_LANES;
            const long left = columns - offset;
            if (left >= GS_LANES) {
                gs_vector out = sum[r][v];
                if (accumulate) out += gs_load(row + offset);
                gs_store(row + offset, out);
            } else {
                float part[GS_LANES];
                gs_store(part, sum[r][v]);
                for (long j = 0; j < left; j++) row[v * GS_LANES + j] = accumulate ? row[v * GS_LANES + j] + part[j] : part[j];
            }
        }
    }
}

// A is read either along its rows (innerStride 1), down its columns (rowStride 1, a transpose), or with
// any strides; each gets its own copy of the tile, with the constant stride folded into the addresses.
#define GS_LAYOUTS(R, V) do { \
    if (innerStride == 1) gs_tile(R, V, depth, a, rowStride, 1, b, ldb, c, ldc, columns, accumulate, last); \
    else if (rowStride == 1) gs_tile(R, V, depth, a, 1, innerStride, b, ldb, c, ldc, columns, accumulate, last); \
    else gs_tile(R, V, depth, a, rowStride, innerStride, b, ldb, c, ldc, columns, accumulate, last); \
} while (0)
#define GS_ROW_CASE(R) case R: \
    if (nv == 1) GS_LAYOUTS(R, 1); \
    else if (nv == 2) GS_LAYOUTS(R, GS_MIN(2, GS_VECTORS)); \
    else GS_LAYOUTS(R, GS_MIN(3, GS_VECTORS)); \
    return;

/// One tile of `mr` rows (1 to GS_ROWS) and `nv` vectors (1 to GS_VECTORS), each shape its own unrolled copy.
static void gs_run_tile(int mr, int nv, long depth, const float *a, long rowStride, long innerStride,
                        const float *b, long ldb, float *c, long ldc, long columns, int accumulate, long last) {
    switch (mr) {
    GS_ROW_CASE(1)
#if GS_ROWS >= 2
    GS_ROW_CASE(2)
#endif
#if GS_ROWS >= 3
    GS_ROW_CASE(3)
#endif
#if GS_ROWS >= 4
    GS_ROW_CASE(4)
#endif
#if GS_ROWS >= 5
    GS_ROW_CASE(5)
#endif
#if GS_ROWS >= 6
    GS_ROW_CASE(6)
#endif
#if GS_ROWS >= 7
    GS_ROW_CASE(7)
#endif
#if GS_ROWS >= 8
    GS_ROW_CASE(8)
#endif
#if GS_ROWS >= 9
    GS_ROW_CASE(9)
#endif
#if GS_ROWS >= 10
    GS_ROW_CASE(10)
#endif
#if GS_ROWS >= 11
    GS_ROW_CASE(11)
#endif
#if GS_ROWS >= 12
    GS_ROW_CASE(12)
#endif
#if GS_ROWS >= 13
#error "GS_ROWS above 12 needs more cases"
#endif
    default: return;
    }
}

/// Copies `columns` columns of `depth` rows of B (rows `ldb` floats apart) into `panel`, `width` floats a
/// row, zero beyond `columns`.
static void gs_pack(long depth, long columns, long width, const float *b, long ldb, float *panel) {
    if (columns == width) {
        for (long k = 0; k < depth; k++)
            for (long v = 0; v < width; v += GS_LANES) gs_store(panel + k * width + v, gs_load(b + k * ldb + v));
        return;
    }
    for (long k = 0; k < depth; k++) {
        long j = 0;
        for (; j < columns; j++) panel[k * width + j] = b[k * ldb + j];
        for (; j < width; j++) panel[k * width + j] = 0;
    }
}

/// Copies rows [0, rows) of a depth-long block of A into `packed`, tile by tile: each tile of GS_ROWS rows
/// becomes depth groups of GS_ROWS consecutive floats (element (r, k) at k·GS_ROWS + r), missing rows zero.
static void gs_pack_a(long rows, long depth, const float *a, long rowStride, long innerStride, float *packed) {
    for (long i = 0; i < rows; i += GS_ROWS) {
        const long tileRows = GS_MIN(GS_ROWS, rows - i);
        float *out = packed + i * depth;
        const float *in = a + i * rowStride;
        if (innerStride == 1) {
            for (long r = 0; r < tileRows; r++)
                for (long k = 0; k < depth; k++) out[k * GS_ROWS + r] = in[r * rowStride + k];
        } else {
            for (long k = 0; k < depth; k++)
                for (long r = 0; r < tileRows; r++) out[k * GS_ROWS + r] = in[r * rowStride + k * innerStride];
        }
        for (long r = tileRows; r < GS_ROWS; r++)
            for (long k = 0; k < depth; k++) out[k * GS_ROWS + r] = 0;
    }
}

/// Products one to three columns wide (an output neuron, a 2-D input's weight gradient) are dot products:
/// a vector tile would be mostly padding, and padding B costs more than the arithmetic.
static void gs_narrow(long rows, long inner, long columns, const float *a, long rowStride, long innerStride,
                      const float *b, long ldb, float *c, long ldc) {
    for (long i = 0; i < rows; i++)
        for (long j = 0; j < columns; j++) {
            float sum = 0;
            for (long k = 0; k < inner; k++) sum += a[i * rowStride + k * innerStride] * b[k * ldb + j];
            c[i * ldc + j] = sum;
        }
}

/// The large path (see the top of this file): B copied once, a block of GS_DEPTH × GS_BLOCK_COLUMNS at a
/// time, while every row tile of A, read in place, streams past it.
__attribute__((noinline))
static void gs_large(long rows, long inner, long columns, const float *a, long rowStride, long innerStride,
                     const float *b, long ldb, float *c, long ldc) {
    enum { width = GS_LANES * GS_VECTORS };
    float packedB[GS_DEPTH * GS_BLOCK_COLUMNS] __attribute__((aligned(64)));
    float packedA[GS_ROWS * GS_DEPTH] __attribute__((aligned(64)));
    // A read down its columns (a transpose) has each step of k a row of A away: a tile's steps fall in the
    // same few cache sets, so a tile that serves many panels is copied first, its steps GS_ROWS floats apart.
    for (long k0 = 0; k0 < inner; k0 += GS_DEPTH) {
        const long depth = GS_MIN(GS_DEPTH, inner - k0);
        const int accumulate = k0 > 0;
        for (long j0 = 0; j0 < columns; j0 += GS_BLOCK_COLUMNS) {
            const long blockColumns = GS_MIN(GS_BLOCK_COLUMNS, columns - j0);
            const long panels = (blockColumns + width - 1) / width;
            const int packA = innerStride != 1 && panels >= 8;
            for (long p = 0; p < panels; p++)
                gs_pack(depth, GS_MIN(width, blockColumns - p * width), width, b + k0 * ldb + j0 + p * width, ldb,
                        packedB + p * depth * width);
            for (long i = 0; i < rows; i += GS_ROWS) {
                const int mr = (int)GS_MIN(GS_ROWS, rows - i);
                const float *tileA = a + i * rowStride + k0 * innerStride;
                long tileRowStride = rowStride, tileInnerStride = innerStride;
                if (packA) {
                    gs_pack_a(mr, depth, tileA, rowStride, innerStride, packedA);
                    tileA = packedA;
                    tileRowStride = 1;
                    tileInnerStride = GS_ROWS;
                }
                for (long p = 0; p < panels; p++) {
                    const long panelColumns = GS_MIN(width, blockColumns - p * width);
                    const int nv = (int)((panelColumns + GS_LANES - 1) / GS_LANES);
                    gs_run_tile(mr, nv, depth, tileA, tileRowStride, tileInnerStride, packedB + p * depth * width, width,
                                c + i * ldc + j0 + p * width, ldc, panelColumns, accumulate, (nv - 1) * GS_LANES);
                }
            }
        }
    }
}

GS_PRODUCT_SIGNATURE(GS_ENTRY) {
    if (rows <= 0 || columns <= 0) return;
    if (inner <= 0) {
        for (long i = 0; i < rows; i++)
            for (long j = 0; j < columns; j++) c[i * ldc + j] = 0;
        return;
    }
    if (columns < 4) {
        gs_narrow(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc);
        return;
    }
#ifdef GS_NARROW_ENTRY
    // Narrower than one vector: the variant with half-width vectors wastes less of each. When both variants
    // block k alike, each element is the same sum in the same order whichever computes it, so a product
    // shared among threads by blocks of columns gives exactly the numbers one thread gives; otherwise only
    // products that both sum in one block may go.
    if (columns < GS_LANES && (GS_NARROW_DEPTH == GS_DEPTH || inner <= GS_MIN(GS_NARROW_DEPTH, GS_DEPTH))) {
        GS_NARROW_ENTRY(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc);
        return;
    }
#endif
    // B is copied when its panels are reused by many row tiles and too large to stay cached where it lies:
    // then a copy into contiguous rows pays for itself many times over. Otherwise it is read in place.
    if (rows > 2 * GS_ROWS && inner * columns > GS_PACK_THRESHOLD) {
        gs_large(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc);
        return;
    }
    enum { width = GS_LANES * GS_VECTORS };
    float panel[GS_DEPTH * width] __attribute__((aligned(64)));
    for (long k0 = 0; k0 < inner; k0 += GS_DEPTH) {
        const long depth = GS_MIN(GS_DEPTH, inner - k0);
        const int accumulate = k0 > 0;
        for (long i0 = 0; i0 < rows; i0 += GS_BLOCK_ROWS) {
            const long blockRows = GS_MIN(GS_BLOCK_ROWS, rows - i0);
            const float *blockA = a + i0 * rowStride + k0 * innerStride;
            for (long j0 = 0; j0 < columns; j0 += width) {
                const long panelColumns = GS_MIN(width, columns - j0);
                const int nv = (int)((panelColumns + GS_LANES - 1) / GS_LANES);
                const float *panelB = b + k0 * ldb + j0;
                long panelStride = ldb, last = (nv - 1) * GS_LANES;
                if (panelColumns % GS_LANES != 0 && columns >= GS_LANES && inner <= GS_DEPTH) {
                    // A ragged panel read in place: its last vector ends at the last column, overlapping
                    // columns done already (so it needs one pass over k: a later block would add twice).
                    last = columns - GS_LANES - j0;
                } else if (panelColumns % GS_LANES != 0) {
                    panelStride = nv * GS_LANES;
                    gs_pack(depth, panelColumns, panelStride, panelB, ldb, panel);
                    panelB = panel;
                }
                for (long i = 0; i < blockRows; i += GS_ROWS) {
                    const int mr = (int)GS_MIN(GS_ROWS, blockRows - i);
                    gs_run_tile(mr, nv, depth, blockA + i * rowStride, rowStride, innerStride,
                                panelB, panelStride, c + (i0 + i) * ldc + j0, ldc, panelColumns, accumulate, last);
                }
            }
        }
    }
}
