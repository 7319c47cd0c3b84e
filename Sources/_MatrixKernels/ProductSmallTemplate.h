// The body of one variant of the small-product path: products one to three columns wide, computed straight
// from the operands as they lie, with no copy of either. A variant's file defines the parameters below,
// switches on its instruction set for the functions that follow, and includes this file once:
//   GS_SMALL_ENTRY  the entry point's name for products 1–3 columns wide (declared in ProductSmallVariants.h)
//   GS_SMALL_INNER_ENTRY  the entry point's name for products over 1–4 steps of the inner dimension
//   GS_LANES        floats in one vector register (4, 8 or 16)
//   GS_SMALL_ROWS_ENTRY  optional: the variant that takes A·B (A along its rows) for inner dimensions below
//                   GS_SMALL_ROWS_DEPTH, where adding up the lanes of a wide vector costs more than it saves
//
// A product this narrow is a handful of dot products per row of C, and a register tile of C (ProductTemplate.h)
// would be mostly padding. Which way the vectors run depends on how A lies in memory:
//   Aᵀ·B (A read down its columns, rowStride 1: a weight gradient ∂L/∂W = (∂L/∂Z)ᵀ·X whose layer takes 1–3
//        inputs): GS_LANES consecutive rows of C are consecutive floats of one row of A's buffer, so
//        C[i..<i+L, j] = Σₖ A[i..<i+L, k]·B[k, j] is one vector load and one broadcast of B per step of k,
//        summed in the reference's order (k = 0, 1, 2, …) in every lane.
//   A·B  (A read along its rows, innerStride 1: a forward pass into 1–3 outputs, Z = X·Wᵀ, or an input
//        gradient into 1–3 inputs): each C[i, j] is a dot product of A's row i with B's column j, summed
//        GS_LANES products at a time and the lanes added at the end. B's columns are first gathered into
//        contiguous rows of a small buffer on the stack (inner · columns floats, at most 3 · GS_SMALL_DEPTH),
//        so both operands are read as whole vectors.
//   any other strides: the plain triple loop.
// Every element of C is the same sum in the same order whichever rows a call covers, so a product shared
// among threads by blocks of rows gives exactly the numbers one thread gives.
// A product that finishes its elements (`gs_product_finish`: a bias, relu beside) does so in registers on the
// small-inner path (a dense layer taking 1–4 inputs, as wide as the layers after it) and in a pass after the
// product on the 1–3-column paths, whose outputs are a handful of numbers a row.

#define GS_SMALL_ALWAYS static inline __attribute__((always_inline))
/// Inner dimensions up to this many steps have B's columns gathered in one go; longer ones in blocks.
#define GS_SMALL_DEPTH 512

typedef float gs_small_vector __attribute__((vector_size(GS_LANES * 4)));
typedef float gs_small_quad __attribute__((vector_size(16)));
#if GS_LANES >= 8
typedef float gs_small_octet __attribute__((vector_size(32)));
#endif

GS_SMALL_ALWAYS gs_small_vector gs_small_load(const float *p) { gs_small_vector v; __builtin_memcpy(&v, p, sizeof v); return v; }
GS_SMALL_ALWAYS void gs_small_store(float *p, gs_small_vector v) { __builtin_memcpy(p, &v, sizeof v); }

typedef int gs_small_bits __attribute__((vector_size(GS_LANES * 4)));

/// `x` in the lanes where `keep` is all ones, +0 where it is zero.
GS_SMALL_ALWAYS gs_small_vector gs_small_keep(gs_small_vector x, gs_small_bits keep) {
    gs_small_bits bits;
    __builtin_memcpy(&bits, &x, sizeof bits);
    bits &= keep;
    gs_small_vector out;
    __builtin_memcpy(&out, &bits, sizeof out);
    return out;
}

/// The sum of a vector's lanes: halves added until four remain, then (x₀ + x₂) + (x₁ + x₃).
GS_SMALL_ALWAYS float gs_small_sum(gs_small_vector v) {
#if GS_LANES == 16
    const gs_small_octet eight = __builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7)
        + __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15);
#elif GS_LANES == 8
    const gs_small_octet eight = v;
#endif
#if GS_LANES >= 8
    const gs_small_quad four = __builtin_shufflevector(eight, eight, 0, 1, 2, 3)
        + __builtin_shufflevector(eight, eight, 4, 5, 6, 7);
#else
    const gs_small_quad four = v;
#endif
    return (four[0] + four[2]) + (four[1] + four[3]);
}

/// Aᵀ·B, `nj` columns (a constant at each call site, so the loops unroll): `nv` vectors of rows at a time
/// starting at row `i`, each summed over all of k.
GS_SMALL_ALWAYS void gs_small_columns_tile(const int nj, const int nv, long i, long inner, const float *a,
                                           long innerStride, const float *b, long ldb, float *c, long ldc) {
    gs_small_vector sum[4][3];
    for (int v = 0; v < nv; v++)
        for (int j = 0; j < nj; j++) sum[v][j] = (gs_small_vector){0};
    const float *column = a + i;
    for (long k = 0; k < inner; k++) {
        for (int v = 0; v < nv; v++) {
            const gs_small_vector x = gs_small_load(column + k * innerStride + v * GS_LANES);
            for (int j = 0; j < nj; j++) sum[v][j] += x * b[k * ldb + j];
        }
    }
    for (int v = 0; v < nv; v++) {
        float lanes[3][GS_LANES];
        for (int j = 0; j < nj; j++) gs_small_store(lanes[j], sum[v][j]);
        float *out = c + (i + v * GS_LANES) * ldc;
        for (int r = 0; r < GS_LANES; r++)
            for (int j = 0; j < nj; j++) out[r * ldc + j] = lanes[j][r];
    }
}

/// Aᵀ·B for rows ≥ GS_LANES: four vectors of rows at a time while they last, then two, then one (more
/// accumulators at once hide the latency of each fused multiply-add); a ragged
/// end is one more vector ending at the last row, which recomputes rows already done with the same sums.
GS_SMALL_ALWAYS void gs_small_columns(const int nj, long rows, long inner, const float *a, long innerStride,
                                      const float *b, long ldb, float *c, long ldc) {
    long i = 0;
    for (; i + 4 * GS_LANES <= rows; i += 4 * GS_LANES) gs_small_columns_tile(nj, 4, i, inner, a, innerStride, b, ldb, c, ldc);
    if (i + 2 * GS_LANES <= rows) { gs_small_columns_tile(nj, 2, i, inner, a, innerStride, b, ldb, c, ldc); i += 2 * GS_LANES; }
    for (; i + GS_LANES <= rows; i += GS_LANES) gs_small_columns_tile(nj, 1, i, inner, a, innerStride, b, ldb, c, ldc);
    if (i < rows) gs_small_columns_tile(nj, 1, rows - GS_LANES, inner, a, innerStride, b, ldb, c, ldc);
}

/// A·B: dot products of A's rows with B's columns, two rows at a time. `bt` holds B's columns as rows of
/// `width` floats (whole vectors, zero past `depth`); the last depth mod GS_LANES steps are added one by one.
GS_SMALL_ALWAYS void gs_small_rows(const int nj, long rows, long depth, const float *a, long rowStride,
                                   const float *bt, long width, float *c, long ldc, int accumulate) {
    const long whole = depth - depth % GS_LANES;
    long i = 0;
    for (; i + 2 <= rows; i += 2) {
        const float *a0 = a + i * rowStride, *a1 = a0 + rowStride;
        gs_small_vector s0[3], s1[3];
        for (int j = 0; j < nj; j++) { s0[j] = (gs_small_vector){0}; s1[j] = (gs_small_vector){0}; }
        for (long k = 0; k < whole; k += GS_LANES) {
            const gs_small_vector x0 = gs_small_load(a0 + k), x1 = gs_small_load(a1 + k);
            for (int j = 0; j < nj; j++) {
                const gs_small_vector y = gs_small_load(bt + j * width + k);
                s0[j] += x0 * y;
                s1[j] += x1 * y;
            }
        }
        for (int j = 0; j < nj; j++) {
            float t0 = gs_small_sum(s0[j]), t1 = gs_small_sum(s1[j]);
            for (long k = whole; k < depth; k++) { t0 += a0[k] * bt[j * width + k]; t1 += a1[k] * bt[j * width + k]; }
            c[i * ldc + j] = accumulate ? c[i * ldc + j] + t0 : t0;
            c[(i + 1) * ldc + j] = accumulate ? c[(i + 1) * ldc + j] + t1 : t1;
        }
    }
    for (; i < rows; i++) {
        const float *a0 = a + i * rowStride;
        gs_small_vector s0[3];
        for (int j = 0; j < nj; j++) s0[j] = (gs_small_vector){0};
        for (long k = 0; k < whole; k += GS_LANES) {
            const gs_small_vector x0 = gs_small_load(a0 + k);
            for (int j = 0; j < nj; j++) s0[j] += x0 * gs_small_load(bt + j * width + k);
        }
        for (int j = 0; j < nj; j++) {
            float t0 = gs_small_sum(s0[j]);
            for (long k = whole; k < depth; k++) t0 += a0[k] * bt[j * width + k];
            c[i * ldc + j] = accumulate ? c[i * ldc + j] + t0 : t0;
        }
    }
}

/// A·B over an inner dimension of `ni` steps (1 to GS_SMALL_INNER, a constant at each call site), `nv`
/// vectors of columns starting at column `j`: B's ni × nv vectors stay in registers while every row of A
/// goes by, C[i, j..] = Σₖ A[i, k]·B[k, j..] in the reference's order of k. `last` is where the last vector
/// starts (lower than (nv − 1)·GS_LANES when it ends at the matrix's last column and overlaps the one before).
/// With `finish`, each sum then gets its bias and its relu (or ReLU's gradient) is written beside, while still
/// in a register. `parts` (a constant at each call site, so a product that finishes nothing runs the plain
/// loop) says which: 0 nothing, 1 the bias, 3 the bias and relu, 6 ReLU's gradient (relu and gate), and 7 any
/// mixture, each part looked at as the rows go by.
GS_SMALL_ALWAYS void gs_small_inner_tile(const int ni, const int nv, long rows, long j, long last, const float *a,
                                         long rowStride, long innerStride, const float *b, long ldb, float *c, long ldc,
                                         const int parts, const gs_product_finish *finish) {
    gs_small_vector w[GS_SMALL_INNER][4];
    for (int k = 0; k < ni; k++)
        for (int v = 0; v < nv; v++) w[k][v] = gs_small_load(b + k * ldb + j + (v == nv - 1 ? last : v * GS_LANES));
    const int any = parts == 7;
    const int addsBias = any ? finish->bias != 0 : parts == 1 || parts == 3;
    const int rectifies = any ? finish->relu && !finish->gate : parts == 3;
    const int gates = any ? finish->relu && finish->gate : parts == 6;
    const float *bias = addsBias ? finish->bias : 0;
    float *relu = rectifies || gates ? finish->relu : 0;
    const float *gate = gates ? finish->gate : 0;
    const long ldr = relu ? finish->ldr : 0, ldg = gate ? finish->ldg : 0;
    for (long i = 0; i < rows; i++) {
        const float *row = a + i * rowStride;
        float *out = c + i * ldc + j;
        gs_small_vector sum[4];
        for (int v = 0; v < nv; v++) sum[v] = (gs_small_vector){0};
        for (int k = 0; k < ni; k++) {
            const float x = row[k * innerStride];
            for (int v = 0; v < nv; v++) sum[v] += w[k][v] * x;
        }
        for (int v = 0; v < nv; v++) {
            const long offset = v == nv - 1 ? last : v * GS_LANES;
            if (addsBias) sum[v] += gs_small_load(bias + j + offset);
            gs_small_store(out + offset, sum[v]);
            if (gates)
                gs_small_store(relu + i * ldr + j + offset,
                               gs_small_keep(sum[v], gs_small_load(gate + i * ldg + j + offset) > (gs_small_vector){0}));
            else if (rectifies) gs_small_store(relu + i * ldr + j + offset, gs_small_keep(sum[v], ~(sum[v] < (gs_small_vector){0})));
        }
    }
}

#define GS_SMALL_INNER_PARTS(NI, NV) do { \
    switch (parts) { \
    case 0: gs_small_inner_tile(NI, NV, rows, j, last, a, rowStride, innerStride, b, ldb, c, ldc, 0, finish); break; \
    case 1: gs_small_inner_tile(NI, NV, rows, j, last, a, rowStride, innerStride, b, ldb, c, ldc, 1, finish); break; \
    case 3: gs_small_inner_tile(NI, NV, rows, j, last, a, rowStride, innerStride, b, ldb, c, ldc, 3, finish); break; \
    case 6: gs_small_inner_tile(NI, NV, rows, j, last, a, rowStride, innerStride, b, ldb, c, ldc, 6, finish); break; \
    default: gs_small_inner_tile(NI, NV, rows, j, last, a, rowStride, innerStride, b, ldb, c, ldc, 7, finish); break; \
    } \
} while (0)
#define GS_SMALL_INNER_CASE(NI) case NI: \
    if (nv == 1) GS_SMALL_INNER_PARTS(NI, 1); \
    else if (nv == 2) GS_SMALL_INNER_PARTS(NI, 2); \
    else if (nv == 3) GS_SMALL_INNER_PARTS(NI, 3); \
    else GS_SMALL_INNER_PARTS(NI, 4); \
    break;

/// Products over an inner dimension of 1 to GS_SMALL_INNER steps (a layer that takes one to four inputs,
/// or the input gradient of a layer with one to four outputs) and at least GS_LANES columns. Returns 0,
/// leaving C alone, for any other shape. Up to four vectors of columns at a time; a ragged end is one more
/// vector ending at the last column, rewriting columns already done with the same sums.
GS_SMALL_INNER_SIGNATURE(GS_SMALL_INNER_ENTRY) {
    if (rows <= 0 || inner < 1 || inner > GS_SMALL_INNER || columns < GS_LANES) return 0;
    // Which parts of `finish` there are (see gs_small_inner_tile); 7 stands for any other mixture, each part
    // then looked at as the rows go by.
    const int has = !finish ? 0 : (finish->bias ? 1 : 0) | (finish->relu ? 2 : 0) | (finish->relu && finish->gate ? 4 : 0);
    const int parts = has == 0 || has == 1 || has == 3 || has == 6 ? has : 7;  // 2: relu alone; 7: bias and gate
    for (long j = 0; j < columns; j += 4 * GS_LANES) {
        const long left = columns - j < 4 * GS_LANES ? columns - j : 4 * GS_LANES;
        const int nv = (int)((left + GS_LANES - 1) / GS_LANES);
        // A ragged end of fewer than GS_LANES columns: the last vector ends at the matrix's last column.
        const long last = left % GS_LANES == 0 ? (nv - 1) * GS_LANES : left - GS_LANES;
        switch (inner) {
        GS_SMALL_INNER_CASE(1)
        GS_SMALL_INNER_CASE(2)
        GS_SMALL_INNER_CASE(3)
        default: GS_SMALL_INNER_CASE(4)
        }
    }
    return 1;
}

/// The 1–3-column product itself; the entry point below finishes C after it.
static void gs_small_unfinished(long rows, long inner, long columns, const float *a, long rowStride, long innerStride,
                                const float *b, long ldb, float *c, long ldc) {
    if (rows <= 0 || columns <= 0) return;
    if (columns > 3 || inner <= 0 || (innerStride != 1 && rowStride != 1) || (rowStride == 1 && rows < GS_LANES)) {
        // Outside what the vectors above serve: the plain triple loop (the dispatcher sends only
        // products narrower than GS_SMALL_COLUMNS, so this is a short loop in practice).
        for (long i = 0; i < rows; i++)
            for (long j = 0; j < columns; j++) {
                float sum = 0;
                for (long k = 0; k < inner; k++) sum += a[i * rowStride + k * innerStride] * b[k * ldb + j];
                c[i * ldc + j] = sum;
            }
        return;
    }
    if (rowStride == 1 && innerStride != 1) {
        switch (columns) {
        case 1: gs_small_columns(1, rows, inner, a, innerStride, b, ldb, c, ldc); return;
        case 2: gs_small_columns(2, rows, inner, a, innerStride, b, ldb, c, ldc); return;
        default: gs_small_columns(3, rows, inner, a, innerStride, b, ldb, c, ldc); return;
        }
    }
#ifdef GS_SMALL_ROWS_ENTRY
    if (inner < GS_SMALL_ROWS_DEPTH) {
        GS_SMALL_ROWS_ENTRY(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc, 0);
        return;
    }
#endif
    // A along its rows: B's columns gathered into rows of a stack buffer, a block of the inner dimension
    // at a time (later blocks add to C).
    float bt[3 * GS_SMALL_DEPTH] __attribute__((aligned(64)));
    for (long k0 = 0; k0 < inner; k0 += GS_SMALL_DEPTH) {
        const long depth = inner - k0 < GS_SMALL_DEPTH ? inner - k0 : GS_SMALL_DEPTH;
        for (long j = 0; j < columns; j++)
            for (long k = 0; k < depth; k++) bt[j * GS_SMALL_DEPTH + k] = b[(k0 + k) * ldb + j];
        const float *block = a + k0;
        const int accumulate = k0 > 0;
        switch (columns) {
        case 1: gs_small_rows(1, rows, depth, block, rowStride, bt, GS_SMALL_DEPTH, c, ldc, accumulate); break;
        case 2: gs_small_rows(2, rows, depth, block, rowStride, bt, GS_SMALL_DEPTH, c, ldc, accumulate); break;
        default: gs_small_rows(3, rows, depth, block, rowStride, bt, GS_SMALL_DEPTH, c, ldc, accumulate); break;
        }
    }
}

GS_PRODUCT_SIGNATURE(GS_SMALL_ENTRY) {
    gs_small_unfinished(rows, inner, columns, a, rowStride, innerStride, b, ldb, c, ldc);
    if (finish && rows > 0 && columns > 0) gs_finish_after(rows, columns, c, ldc, finish);
}
