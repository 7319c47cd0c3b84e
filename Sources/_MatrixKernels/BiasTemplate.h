// A dense layer's bias, forward and backward, for one variant of the element-wise kernels; included at the end
// of ElementwiseTemplate.h, so GS_ELEMENTWISE, GS_LANES and the gs_lanes helpers are those of the variant.
//
//   forward   Z[r, j] += b[j]            (the bias added to every row of the product X·Wᵀ)
//   backward  ∂L/∂b[j] = Σᵣ ∂L/∂Z[r, j]  (the column sums of the output gradient)
//
// Both keep the bias (or the sums) in registers while the rows go by: a loop that loads, adds to and stores
// the sums once per row waits on its own store every row, several times slower on the narrow layers of the
// lessons. Columns go in strips of up to four vectors. The bias of a matrix narrower than a vector whose width
// divides GS_LANES (1, 2, 4, 8 columns) is added along the matrix as one run of numbers: lane l then always
// holds column l mod width.

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

/// Sums of `nj` columns from `column` (a constant at each call site, so the loop unrolls and the sums stay in
/// registers), each added up row by row from row 0.
GS_ALWAYS void gs_column_sums_narrow(const int nj, long rows, long columns, long column, const float *g, float *sums) {
    float s[8];
    for (int j = 0; j < nj; j++) s[j] = 0;
    for (long row = 0; row < rows; row++)
        for (int j = 0; j < nj; j++) s[j] += g[row * columns + column + j];
    for (int j = 0; j < nj; j++) sums[column + j] = s[j];
}

/// Every column is summed row by row from row 0, one accumulator per column, in the plain loop's order, so
/// the sums are the plain loop's to the bit (training runs do not change with the variant or the build).
/// Columns go four vectors at a time (four independent chains of additions), then one vector, then up to
/// eight single columns at a time.
void GS_ELEMENTWISE(column_sums)(long rows, long columns, const float *g, float *sums) {
    if (columns <= 0) return;
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
    if (column + 2 * GS_LANES <= columns) {
        gs_lanes s0 = gs_splat(0), s1 = gs_splat(0);
        for (long row = 0; row < rows; row++) {
            s0 += gs_load_lanes(g + row * columns + column);
            s1 += gs_load_lanes(g + row * columns + column + GS_LANES);
        }
        gs_store_lanes(sums + column, s0);
        gs_store_lanes(sums + column + GS_LANES, s1);
        column += 2 * GS_LANES;
    }
    for (; column + GS_LANES <= columns; column += GS_LANES) {
        gs_lanes s0 = gs_splat(0);
        for (long row = 0; row < rows; row++) s0 += gs_load_lanes(g + row * columns + column);
        gs_store_lanes(sums + column, s0);
    }
    for (; column + 8 <= columns; column += 8) gs_column_sums_narrow(8, rows, columns, column, g, sums);
    switch (columns - column) {
    case 7: gs_column_sums_narrow(7, rows, columns, column, g, sums); break;
    case 6: gs_column_sums_narrow(6, rows, columns, column, g, sums); break;
    case 5: gs_column_sums_narrow(5, rows, columns, column, g, sums); break;
    case 4: gs_column_sums_narrow(4, rows, columns, column, g, sums); break;
    case 3: gs_column_sums_narrow(3, rows, columns, column, g, sums); break;
    case 2: gs_column_sums_narrow(2, rows, columns, column, g, sums); break;
    case 1: gs_column_sums_narrow(1, rows, columns, column, g, sums); break;
    default: break;
    }
}
