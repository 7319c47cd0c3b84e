// A dense layer's bias, forward and backward, for one variant of the element-wise kernels; included at the end
// of ElementwiseTemplate.h, so GS_ELEMENTWISE, GS_LANES and the gs_lanes helpers are those of the variant.
//
//   forward   Z[r, j] += b[j]            (the bias added to every row of the product X·Wᵀ)
//   backward  ∂L/∂b[j] = Σᵣ ∂L/∂Z[r, j]  (the column sums of the output gradient)
//
// Both keep the bias (or the sums) in registers while the rows go by: a loop that loads, adds to and stores
// the sums once per row waits on its own store every row, several times slower on the narrow layers of the
// lessons. Columns go in strips of up to four vectors. A matrix narrower than a vector whose width divides
// GS_LANES (1, 2, 4, 8 columns) is read as one run of numbers: lane l then always holds column l mod width.

/// Lanes whose column (lane mod `columns`) is `column`, summed; `columns` divides GS_LANES, so is a power of two.
GS_ALWAYS float gs_fold_column(gs_lanes sums, long columns, long column) {
    float total = 0;
    for (long lane = column; lane < GS_LANES; lane += columns) total += sums[lane];
    return total;
}

void GS_ELEMENTWISE(add_bias)(long rows, long columns, const float *bias, float *z) {
    if (rows <= 0 || columns <= 0) return;
    if (columns < GS_LANES && (columns & (columns - 1)) == 0) {
        // The bias repeated across a vector (no division: `columns` is a power of two below GS_LANES).
        float repeated[GS_LANES];
        for (long lane = 0; lane < GS_LANES; lane++) repeated[lane] = bias[lane & (columns - 1)];
        const gs_lanes pattern = gs_load_lanes(repeated);
        const long count = rows * columns;
        long at = 0;
        for (; at + GS_LANES <= count; at += GS_LANES) gs_store_lanes(z + at, gs_load_lanes(z + at) + pattern);
        for (; at < count; at++) z[at] += repeated[at & (GS_LANES - 1)];
        return;
    }
    long column = 0;
    for (; column + 4 * GS_LANES <= columns; column += 4 * GS_LANES) {
        const gs_lanes b0 = gs_load_lanes(bias + column), b1 = gs_load_lanes(bias + column + GS_LANES);
        const gs_lanes b2 = gs_load_lanes(bias + column + 2 * GS_LANES), b3 = gs_load_lanes(bias + column + 3 * GS_LANES);
        for (long row = 0; row < rows; row++) {
            float *at = z + row * columns + column;
            gs_store_lanes(at, gs_load_lanes(at) + b0);
            gs_store_lanes(at + GS_LANES, gs_load_lanes(at + GS_LANES) + b1);
            gs_store_lanes(at + 2 * GS_LANES, gs_load_lanes(at + 2 * GS_LANES) + b2);
            gs_store_lanes(at + 3 * GS_LANES, gs_load_lanes(at + 3 * GS_LANES) + b3);
        }
    }
    for (; column + GS_LANES <= columns; column += GS_LANES) {
        const gs_lanes b0 = gs_load_lanes(bias + column);
        for (long row = 0; row < rows; row++) {
            float *at = z + row * columns + column;
            gs_store_lanes(at, gs_load_lanes(at) + b0);
        }
    }
    if (column < columns) {
        for (long row = 0; row < rows; row++) {
            float *at = z + row * columns;
            for (long j = column; j < columns; j++) at[j] += bias[j];
        }
    }
}

void GS_ELEMENTWISE(column_sums)(long rows, long columns, const float *g, float *sums) {
    if (columns <= 0) return;
    if (columns < GS_LANES && (columns & (columns - 1)) == 0) {
        const long count = rows * columns;
        gs_lanes s0 = gs_splat(0), s1 = gs_splat(0);
        long at = 0;
        for (; at + 2 * GS_LANES <= count; at += 2 * GS_LANES) {
            s0 += gs_load_lanes(g + at);
            s1 += gs_load_lanes(g + at + GS_LANES);
        }
        for (; at + GS_LANES <= count; at += GS_LANES) s0 += gs_load_lanes(g + at);
        const gs_lanes total = s0 + s1;
        for (long j = 0; j < columns; j++) sums[j] = gs_fold_column(total, columns, j);
        for (; at < count; at++) sums[at & (columns - 1)] += g[at];
        return;
    }
    long column = 0;
    for (; column + 4 * GS_LANES <= columns; column += 4 * GS_LANES) {
        gs_lanes s0 = gs_splat(0), s1 = gs_splat(0), s2 = gs_splat(0), s3 = gs_splat(0);
        for (long row = 0; row < rows; row++) {
            const float *at = g + row * columns + column;
            s0 += gs_load_lanes(at);
            s1 += gs_load_lanes(at + GS_LANES);
            s2 += gs_load_lanes(at + 2 * GS_LANES);
            s3 += gs_load_lanes(at + 3 * GS_LANES);
        }
        gs_store_lanes(sums + column, s0);
        gs_store_lanes(sums + column + GS_LANES, s1);
        gs_store_lanes(sums + column + 2 * GS_LANES, s2);
        gs_store_lanes(sums + column + 3 * GS_LANES, s3);
    }
    for (; column + GS_LANES <= columns; column += GS_LANES) {
        gs_lanes s0 = gs_splat(0), s1 = gs_splat(0);
        long row = 0;
        for (; row + 2 <= rows; row += 2) {
            s0 += gs_load_lanes(g + row * columns + column);
            s1 += gs_load_lanes(g + (row + 1) * columns + column);
        }
        if (row < rows) s0 += gs_load_lanes(g + row * columns + column);
        gs_store_lanes(sums + column, s0 + s1);
    }
    for (; column < columns; column++) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        long row = 0;
        for (; row + 4 <= rows; row += 4) {
            s0 += g[row * columns + column];
            s1 += g[(row + 1) * columns + column];
            s2 += g[(row + 2) * columns + column];
            s3 += g[(row + 3) * columns + column];
        }
        for (; row < rows; row++) s0 += g[row * columns + column];
        sums[column] = (s0 + s1) + (s2 + s3);
    }
}
