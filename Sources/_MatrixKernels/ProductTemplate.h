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
// A product may finish each element of C as it goes (`gs_product_finish`: a bias added, relu or ReLU's
// gradient written beside): the tiles do it on the last block of k, to the sums still in registers, so a
// dense layer's forward pass stores its output once instead of passing over it again for the bias and for
// the ReLU, and its input gradient gives the ReLU before it its own gradient in the same pass.
// Both paths keep their copies on the stack (at most 256 + 12 KB, within any thread's stack; they are separate
// functions, so their frames are never live together) and a product never allocates.

#define GS_MIN(x, y) ((x) < (y) ? (x) : (y))
#define GS_ALWAYS static inline __attribute__((always_inline))

_Static_assert(GS_BLOCK_COLUMNS % (GS_LANES * GS_VECTORS) == 0, "a block of B holds whole panels");

typedef float gs_vector __attribute__((vector_size(GS_LANES * 4)));
typedef int gs_vector_bits __attribute__((vector_size(GS_LANES * 4)));

GS_ALWAYS gs_vector gs_load(const float *p) { gs_vector v; __builtin_memcpy(&v, p, sizeof v); return v; }
GS_ALWAYS void gs_store(float *p, gs_vector v) { __builtin_memcpy(p, &v, sizeof v); }

/// `x` in the lanes where `keep` is all ones, +0 where it is zero.
GS_ALWAYS gs_vector gs_keep(gs_vector x, gs_vector_bits keep) {
    gs_vector_bits bits;
    __builtin_memcpy(&bits, &x, sizeof bits);
    bits &= keep;
    gs_vector out;
    __builtin_memcpy(&out, &bits, sizeof out);
    return out;
}

/// relu in every lane: +0 where z < 0, z itself elsewhere (so −0 and NaN pass unchanged, as ReLU's forward
/// pass has them).
GS_ALWAYS gs_vector gs_rectify(gs_vector z) { return gs_keep(z, ~(z < (gs_vector){0})); }

/// ReLU's backward pass in every lane: g where z > 0, +0 elsewhere (NaN included).
GS_ALWAYS gs_vector gs_gated(gs_vector g, gs_vector z) { return gs_keep(g, z > (gs_vector){0}); }

/// The register tile: C[0..<mr, 0..<columns] (+)= A[0..<mr, 0..<depth] · B[0..<depth, 0..<nv·GS_LANES].
/// `mr` and `nv` are constants at every call site, so the loops unroll and `sum` lives in registers.
/// B's rows are `ldb` floats apart and hold whole vectors; only the first `columns` columns are written.
/// The last vector starts `last` floats into the row, normally (nv − 1)·GS_LANES; a ragged panel read in
/// place sets it lower, so that vector ends at the matrix's last column and overlaps the one before: the
/// overlapped columns get the same sums, in the same order, written twice.
/// On the last block of k, `f` says how to finish each sum (MatrixKernels.h), its pointers moved to the
/// tile's first row and column. `finishing` says which of its parts are there, a constant at each call site
/// so that a tile which finishes nothing is exactly the plain tile, and one that does keeps its
/// accumulators in registers to the end:
enum {
    GS_FINISH_NONE,       // nothing (f unused)
    GS_FINISH_BIAS,       // the bias alone
    GS_FINISH_BIAS_RELU,  // the bias, and relu beside
    GS_FINISH_GATE,       // ReLU's gradient beside, no bias
    GS_FINISH_ANY,        // whichever parts f has, looked at as the tile runs
};
GS_ALWAYS void gs_tile(const int mr, const int nv, long depth, const float *a, long rowStride, long innerStride,
                       const float *b, long ldb, float *c, long ldc, long columns, int accumulate, long last,
                       const int finishing, gs_product_finish f) {
    const int any = finishing == GS_FINISH_ANY;
    const int addsBias = any ? f.bias != 0 : finishing == GS_FINISH_BIAS || finishing == GS_FINISH_BIAS_RELU;
    const int rectifies = any ? f.relu && !f.gate : finishing == GS_FINISH_BIAS_RELU;
    const int gates = any ? f.relu && f.gate : finishing == GS_FINISH_GATE;
    const float *bias = f.bias;
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
        float *reluRow = rectifies || gates ? f.relu + r * f.ldr : 0;
        const float *gateRow = gates ? f.gate + r * f.ldg : 0;
        for (int v = 0; v < nv; v++) {
            const long offset = v == nv - 1 ? last : v * GS_LANES;
            const long left = columns - offset;
            if (left >= GS_LANES) {
                gs_vector out = sum[r][v];
                if (accumulate) out += gs_load(row + offset);
                if (addsBias) out += gs_load(bias + offset);
                gs_store(row + offset, out);
                if (rectifies) gs_store(reluRow + offset, gs_rectify(out));
                if (gates) gs_store(reluRow + offset, gs_gated(out, gs_load(gateRow + offset)));
            } else {
                float part[GS_LANES];
                gs_store(part, sum[r][v]);
                for (long j = 0; j < left; j++) {
                    const long at = v * GS_LANES + j;
                    float out = accumulate ? row[at] + part[j] : part[j];
                    if (addsBias) out += bias[at];
                    row[at] = out;
                    if (rectifies) reluRow[at] = out < 0 ? 0 : out;
                    if (gates) reluRow[at] = gateRow[at] > 0 ? out : 0;
                }
            }
        }
    }
}

// A is read either along its rows (innerStride 1), down its columns (rowStride 1, a transpose), or with
// any strides; each gets its own copy of the tile, with the constant stride folded into the addresses.
// A tile that finishes its sums is a dense layer's forward pass, X·Wᵀ with X along its rows: it gets copies
// of its own for the bias, and the bias and relu; any other finishing tile looks at the pointers as it goes.
#define GS_TILE(R, V, ROW, INNER, FINISH) \
    gs_tile(R, V, depth, a, ROW, INNER, b, ldb, c, ldc, columns, accumulate, last, FINISH, f)
#define GS_LAYOUTS(R, V) do { \
    if (finishing == GS_FINISH_NONE) { \
        if (innerStride == 1) GS_TILE(R, V, rowStride, 1, GS_FINISH_NONE); \
        else if (rowStride == 1) GS_TILE(R, V, 1, innerStride, GS_FINISH_NONE); \
        else GS_TILE(R, V, rowStride, innerStride, GS_FINISH_NONE); \
    } \
    else if (innerStride == 1 && finishing == GS_FINISH_BIAS_RELU) GS_TILE(R, V, rowStride, 1, GS_FINISH_BIAS_RELU); \
    else if (innerStride == 1 && finishing == GS_FINISH_BIAS) GS_TILE(R, V, rowStride, 1, GS_FINISH_BIAS); \
    else if (innerStride == 1 && finishing == GS_FINISH_GATE) GS_TILE(R, V, rowStride, 1, GS_FINISH_GATE); \
    else GS_TILE(R, V, rowStride, innerStride, GS_FINISH_ANY); \
} while (0)
#define GS_ROW_CASE(R) case R: \
    if (nv == 1) GS_LAYOUTS(R, 1); \
    else if (nv == 2) GS_LAYOUTS(R, GS_MIN(2, GS_VECTORS)); \
    else GS_LAYOUTS(R, GS_MIN(3, GS_VECTORS)); \
    return;

/// One tile of `mr` rows (1 to GS_ROWS) and `nv` vectors (1 to GS_VECTORS), each shape its own unrolled copy,
/// finished as `finish` says (NULL: not at all) with its pointers at the tile's first row and column.
static void gs_run_tile(int mr, int nv, long depth, const float *a, long rowStride, long innerStride,
                        const float *b, long ldb, float *c, long ldc, long columns, int accumulate, long last,
                        const gs_product_finish *finish) {
    const gs_product_finish f = finish ? *finish : (gs_product_finish){0};
    const int finishing = !finish ? GS_FINISH_NONE
        : f.bias && f.relu && !f.gate ? GS_FINISH_BIAS_RELU
        : f.bias && !f.relu ? GS_FINISH_BIAS
        : !f.bias && f.relu && f.gate ? GS_FINISH_GATE
        : GS_FINISH_ANY;
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

/// `finish` (which may be NULL) with its pointers moved to row `row` and column `column`.
GS_ALWAYS gs_product_finish gs_finish_at(const gs_product_finish *finish, long row, long column) {
    if (!finish) return (gs_product_finish){0};
    gs_product_finish moved = *finish;
    if (moved.bias) moved.bias += column;
    if (moved.relu) moved.relu += row * moved.ldr + column;
    if (moved.gate) moved.gate += row * moved.ldg + column;
    return moved;
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
                     const float *b, long ldb, float *c, long ldc, const gs_product_finish *finish) {
    enum { width = GS_LANES * GS_VECTORS };
    float packedB[GS_DEPTH * GS_BLOCK_COLUMNS] __attribute__((aligned(64)));
    float packedA[GS_ROWS * GS_DEPTH] __attribute__((aligned(64)));
    // A read down its columns (a transpose) has each step of k a row of A away: a tile's steps fall in the
    // same few cache sets, so a tile that serves many panels is copied first, its steps GS_ROWS floats apart.
    for (long k0 = 0; k0 < inner; k0 += GS_DEPTH) {
        const long depth = GS_MIN(GS_DEPTH, inner - k0);
        const int accumulate = k0 > 0;
        // The last block of k finishes each element.
        const gs_product_finish *done = k0 + depth >= inner ? finish : 0;
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
                    const long column = j0 + p * width;
                    const gs_product_finish tileFinish = gs_finish_at(done, i, column);
                    gs_run_tile(mr, nv, depth, tileA, tileRowStride, tileInnerStride, packedB + p * depth * width, width,
                                c + i * ldc + column, ldc, panelColumns, accumulate, (nv - 1) * GS_LANES,
                                done ? &tileFinish : 0);
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
        if (finish) gs_finish_after(rows, columns, c, ldc, finish);
        return;
    }
    if (columns < 4) {
        gs_narrow(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc);
        if (finish) gs_finish_after(rows, columns, c, ldc, finish);
        return;
    }
#ifdef GS_NARROW_ENTRY
    // Narrower than one vector: the variant with half-width vectors wastes less of each. When both variants
    // block k alike, each element is the same sum in the same order whichever computes it, so a product
    // shared among threads by blocks of columns gives exactly the numbers one thread gives; otherwise only
    // products that both sum in one block may go.
    if (columns < GS_LANES && (GS_NARROW_DEPTH == GS_DEPTH || inner <= GS_MIN(GS_NARROW_DEPTH, GS_DEPTH))) {
        GS_NARROW_ENTRY(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc, finish);
        return;
    }
#endif
    // B is copied when its panels are reused by many row tiles and too large to stay cached where it lies:
    // then a copy into contiguous rows pays for itself many times over. Otherwise it is read in place.
    if (rows > 2 * GS_ROWS && inner * columns > GS_PACK_THRESHOLD) {
        gs_large(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc, finish);
        return;
    }
    enum { width = GS_LANES * GS_VECTORS };
    float panel[GS_DEPTH * width] __attribute__((aligned(64)));
    for (long k0 = 0; k0 < inner; k0 += GS_DEPTH) {
        const long depth = GS_MIN(GS_DEPTH, inner - k0);
        const int accumulate = k0 > 0;
        const gs_product_finish *done = k0 + depth >= inner ? finish : 0;
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
                    const gs_product_finish tileFinish = gs_finish_at(done, i0 + i, j0);
                    gs_run_tile(mr, nv, depth, blockA + i * rowStride, rowStride, innerStride,
                                panelB, panelStride, c + (i0 + i) * ldc + j0, ldc, panelColumns, accumulate, last,
                                done ? &tileFinish : 0);
                }
            }
        }
    }
}
