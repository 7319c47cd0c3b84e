// Standard normal numbers in pairs from 64-bit draws, for one variant of the element-wise kernels; included at
// the end of ElementwiseTemplate.h. The formulas are those of `RandomSource.normalPair(draw:)` (Box–Muller with
// u₁ and u₂ from one draw, ln by the atanh series, cos and sin by Taylor series on a quarter turn), operation
// for operation in the same order and never fused, so every variant gives the scalar Swift version's bits.

typedef unsigned int gs_unsigned_lanes __attribute__((vector_size(GS_LANES * 4)));

/// `when` is −1 (all bits) or 0 in each lane: `yes` there, else `no`.
GS_ALWAYS gs_lanes gs_choose(gs_int_lanes when, gs_lanes yes, gs_lanes no) {
    gs_int_lanes y, n;
    __builtin_memcpy(&y, &yes, sizeof y);
    __builtin_memcpy(&n, &no, sizeof n);
    const gs_int_lanes chosen = (y & when) | (n & ~when);
    gs_lanes result;
    __builtin_memcpy(&result, &chosen, sizeof result);
    return result;
}

/// ln x for positive, normal x: x = m·2ᵉ with m ∈ [√½, √2), ln m = 2 atanh((m − 1)/(m + 1)).
GS_ALWAYS gs_lanes gs_normal_logarithm(gs_lanes x) {
#pragma clang fp contract(off)
    gs_unsigned_lanes bits;
    __builtin_memcpy(&bits, &x, sizeof bits);
    const gs_int_lanes above = (gs_int_lanes)((bits & 0x7FFFFF) > 0x3504F3);   // m > 1.41421356f: −1 where true
    gs_int_lanes exponent = (gs_int_lanes)(bits >> 23) - 127 - above;
    // m ∈ [1, 2), halved (its exponent one lower, exact) where it is above √2.
    const gs_unsigned_lanes mantissa = (bits & 0x7FFFFF) | (gs_unsigned_lanes)(0x3F800000 - ((-above) << 23));
    gs_lanes m;
    __builtin_memcpy(&m, &mantissa, sizeof m);
    const gs_lanes s = (m - 1.0f) / (m + 1.0f);
    const gs_lanes s2 = s * s;
    gs_lanes series = s2 / 9.0f + (1.0f / 7.0f);
    series = s2 * series + (1.0f / 5.0f);
    series = s2 * series + (1.0f / 3.0f);
    series = s2 * series + 1.0f;
    series = (2.0f * s) * series;
    const gs_lanes e = __builtin_convertvector(exponent, gs_lanes);
    return e * 0.693145751953125f + (series + e * 1.428606765330187e-6f);
}

void GS_ELEMENTWISE(normal_pairs)(long pairs, const unsigned long long *draws, float *out, float mean, float deviation) {
#pragma clang fp contract(off)
    long at = 0;
    for (; at + GS_LANES <= pairs; at += GS_LANES) {
        gs_int_lanes a, b;
        for (int lane = 0; lane < GS_LANES; lane++) {
            a[lane] = (int)(draws[at + lane] >> 40);
            b[lane] = (int)((draws[at + lane] >> 16) & 0xFFFFFF);
        }
        const gs_lanes u1 = __builtin_convertvector(0x1000000 - a, gs_lanes) * 0x1p-24f;
        const gs_lanes radius = __builtin_elementwise_sqrt(-2.0f * gs_normal_logarithm(u1));
        const gs_int_lanes quarter = (b + 0x200000) >> 22;
        const float angleStep = 0x1p-22f * 0x1.921fb4p1f / 2.0f;   // π rounded towards zero, as Swift's Float.pi
        const gs_lanes theta = __builtin_convertvector(b - (quarter << 22), gs_lanes) * angleStep;
        const gs_lanes t2 = theta * theta;
        gs_lanes sine = 1.0f - t2 / 72.0f;
        sine = 1.0f - (t2 / 42.0f) * sine;
        sine = 1.0f - (t2 / 20.0f) * sine;
        sine = theta * (1.0f - (t2 / 6.0f) * sine);
        gs_lanes cosine = 1.0f - t2 / 56.0f;
        cosine = 1.0f - (t2 / 30.0f) * cosine;
        cosine = 1.0f - (t2 / 12.0f) * cosine;
        cosine = 1.0f - (t2 / 2.0f) * cosine;
        // Quarter turns 0, 1, 2, 3 give (cos, sin), (−sin, cos), (−cos, −sin), (sin, −cos).
        const gs_int_lanes odd = (quarter & 1) != 0, negate = (quarter & 2) != 0;
        gs_lanes c = gs_choose(odd, -sine, cosine), s = gs_choose(odd, cosine, sine);
        c = gs_choose(negate, -c, c);
        s = gs_choose(negate, -s, s);
        const gs_lanes first = mean + deviation * (radius * c), second = mean + deviation * (radius * s);
        for (int lane = 0; lane < GS_LANES; lane++) {
            out[2 * (at + lane)] = first[lane];
            out[2 * (at + lane) + 1] = second[lane];
        }
    }
    for (; at < pairs; at++) {   // fewer than a vector of pairs left: the same formulas, one lane used
        unsigned long long padded[GS_LANES] = {0};
        float pair[2 * GS_LANES];
        padded[0] = draws[at];
        GS_ELEMENTWISE(normal_pairs)(GS_LANES, padded, pair, mean, deviation);
        out[2 * at] = pair[0];
        out[2 * at + 1] = pair[1];
    }
}
