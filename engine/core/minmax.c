/* minmax.c — the summary kernel. The push path runs it over every sample, so it is vectorised:
 * with SSE2 (every x86-64) four samples per step, branch-free. */
#include "core/minmax.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define RP_HAVE_AVX2_KERNEL 1
#endif

void rp_summarize_scalar(const float *x, int64_t n, rp_summary *acc)
{
    for (int64_t i = 0; i < n; i++) rp_summary_add(acc, x[i]);
}

#if defined(__SSE2__)
void rp_summarize(const float *x, int64_t n, rp_summary *acc)
{
    const __m128 zero = _mm_setzero_ps();
    const __m128 pos_inf = _mm_set1_ps(INFINITY);
    const __m128 neg_inf = _mm_set1_ps(-INFINITY);
    __m128 vmin = pos_inf, vmax = neg_inf;
    __m128 any_nan = zero, any_pos = zero, any_neg = zero, any_fin = zero;
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) {
        __m128 v = _mm_loadu_ps(x + i);
        /* v - v == 0 exactly for finite v; NaN for NaN and ±Inf. */
        __m128 finite = _mm_cmpeq_ps(_mm_sub_ps(v, v), zero);
        __m128 for_min = _mm_or_ps(_mm_and_ps(finite, v), _mm_andnot_ps(finite, pos_inf));
        __m128 for_max = _mm_or_ps(_mm_and_ps(finite, v), _mm_andnot_ps(finite, neg_inf));
        vmin = _mm_min_ps(vmin, for_min);
        vmax = _mm_max_ps(vmax, for_max);
        any_fin = _mm_or_ps(any_fin, finite);
        any_nan = _mm_or_ps(any_nan, _mm_cmpunord_ps(v, v));
        any_pos = _mm_or_ps(any_pos, _mm_cmpeq_ps(v, pos_inf));
        any_neg = _mm_or_ps(any_neg, _mm_cmpeq_ps(v, neg_inf));
    }
    float lanes_min[4], lanes_max[4];
    _mm_storeu_ps(lanes_min, vmin);
    _mm_storeu_ps(lanes_max, vmax);
    for (int k = 0; k < 4; k++) {
        if (lanes_min[k] < acc->min) acc->min = lanes_min[k];
        if (lanes_max[k] > acc->max) acc->max = lanes_max[k];
    }
    if (_mm_movemask_ps(any_fin)) acc->flags |= RP_M4_FINITE;
    if (_mm_movemask_ps(any_nan)) acc->flags |= RP_M4_NAN;
    if (_mm_movemask_ps(any_pos)) acc->flags |= RP_M4_POS_INF;
    if (_mm_movemask_ps(any_neg)) acc->flags |= RP_M4_NEG_INF;
    for (; i < n; i++) rp_summary_add(acc, x[i]);
}
#else
void rp_summarize(const float *x, int64_t n, rp_summary *acc) { rp_summarize_scalar(x, n, acc); }
#endif

/* ---- leaf kernels ---------------------------------------------------------------------------
 * Almost every block is all finite, so the fast path computes only min and max, and checks
 * finiteness with one NaN-propagating sum of (v - v): zero when every sample is finite, NaN
 * otherwise. A block with NaN or ±Inf takes the scalar path, which also sets the flags. */

rp_summary rp_leaf_summary_scalar(float *dst, const float *x)
{
    rp_summary s = rp_summary_empty();
    memcpy(dst, x, RP_LEAF_SAMPLES * sizeof(float));
    rp_summarize_scalar(x, RP_LEAF_SAMPLES, &s);
    return s;
}

/* Slow path of the SIMD kernels: the block (already copied) holds NaN or ±Inf. */
static rp_summary leaf_with_specials(const float *x)
{
    rp_summary s = rp_summary_empty();
    rp_summarize_scalar(x, RP_LEAF_SAMPLES, &s);
    return s;
}

#if defined(__SSE2__)
static float hmin4(__m128 v)
{
    v = _mm_min_ps(v, _mm_movehl_ps(v, v));
    v = _mm_min_ss(v, _mm_shuffle_ps(v, v, 1));
    return _mm_cvtss_f32(v);
}

static float hmax4(__m128 v)
{
    v = _mm_max_ps(v, _mm_movehl_ps(v, v));
    v = _mm_max_ss(v, _mm_shuffle_ps(v, v, 1));
    return _mm_cvtss_f32(v);
}

static rp_summary leaf_sse2(float *dst, const float *x)
{
    __m128 mn = _mm_loadu_ps(x), mx = mn, bad = _mm_sub_ps(mn, mn);
    _mm_storeu_ps(dst, mn);
    for (int i = 4; i < RP_LEAF_SAMPLES; i += 4) {
        __m128 v = _mm_loadu_ps(x + i);
        _mm_storeu_ps(dst + i, v);
        mn = _mm_min_ps(mn, v);
        mx = _mm_max_ps(mx, v);
        bad = _mm_add_ps(bad, _mm_sub_ps(v, v));
    }
    if (_mm_movemask_ps(_mm_cmpunord_ps(bad, bad))) return leaf_with_specials(x);
    rp_summary s = {hmin4(mn), hmax4(mx), RP_M4_FINITE};
    return s;
}
#endif

#ifdef RP_HAVE_AVX2_KERNEL
__attribute__((target("avx2"))) static rp_summary leaf_avx2(float *dst, const float *x)
{
    __m256 v0 = _mm256_loadu_ps(x), v1 = _mm256_loadu_ps(x + 8);
    __m256 v2 = _mm256_loadu_ps(x + 16), v3 = _mm256_loadu_ps(x + 24);
    _mm256_storeu_ps(dst, v0);
    _mm256_storeu_ps(dst + 8, v1);
    _mm256_storeu_ps(dst + 16, v2);
    _mm256_storeu_ps(dst + 24, v3);
    __m256 mn = _mm256_min_ps(_mm256_min_ps(v0, v1), _mm256_min_ps(v2, v3));
    __m256 mx = _mm256_max_ps(_mm256_max_ps(v0, v1), _mm256_max_ps(v2, v3));
    __m256 bad = _mm256_add_ps(_mm256_add_ps(_mm256_sub_ps(v0, v0), _mm256_sub_ps(v1, v1)),
                               _mm256_add_ps(_mm256_sub_ps(v2, v2), _mm256_sub_ps(v3, v3)));
    if (_mm256_movemask_ps(_mm256_cmp_ps(bad, bad, _CMP_UNORD_Q))) return leaf_with_specials(x);
    __m128 mn4 = _mm_min_ps(_mm256_castps256_ps128(mn), _mm256_extractf128_ps(mn, 1));
    __m128 mx4 = _mm_max_ps(_mm256_castps256_ps128(mx), _mm256_extractf128_ps(mx, 1));
    rp_summary s = {hmin4(mn4), hmax4(mx4), RP_M4_FINITE};
    return s;
}
#endif

rp_leaf_fn rp_leaf_kernel(void)
{
#ifdef RP_HAVE_AVX2_KERNEL
    if (__builtin_cpu_supports("avx2")) return leaf_avx2;
#endif
#if defined(__SSE2__)
    return leaf_sse2;
#else
    return rp_leaf_summary_scalar;
#endif
}

/* ---- shifted sums (moments of a block) -------------------------------------------------------- */

void rp_sums_scalar(const float *x, int64_t n, double c, double s1[RP_SUM_LANES],
                    double s2[RP_SUM_LANES])
{
    int64_t i = 0;
    for (; i + RP_SUM_LANES <= n; i += RP_SUM_LANES) {
        for (int l = 0; l < RP_SUM_LANES; l++) {
            double d = (double)x[i + l] - c;
            s1[l] += d;
            s2[l] += d * d;
        }
    }
    for (; i < n; i++) {
        double d = (double)x[i] - c;
        s1[0] += d;
        s2[0] += d * d;
    }
}

#if defined(__SSE2__)
static void sums_sse2(const float *x, int64_t n, double c, double s1[RP_SUM_LANES],
                      double s2[RP_SUM_LANES])
{
    __m128d cc = _mm_set1_pd(c), a[4], q[4];
    for (int k = 0; k < 4; k++) {
        a[k] = _mm_loadu_pd(s1 + 2 * k);
        q[k] = _mm_loadu_pd(s2 + 2 * k);
    }
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m128 v0 = _mm_loadu_ps(x + i), v1 = _mm_loadu_ps(x + i + 4);
        __m128d d[4] = {
            _mm_sub_pd(_mm_cvtps_pd(v0), cc), _mm_sub_pd(_mm_cvtps_pd(_mm_movehl_ps(v0, v0)), cc),
            _mm_sub_pd(_mm_cvtps_pd(v1), cc), _mm_sub_pd(_mm_cvtps_pd(_mm_movehl_ps(v1, v1)), cc)};
        for (int k = 0; k < 4; k++) {
            a[k] = _mm_add_pd(a[k], d[k]);
            q[k] = _mm_add_pd(q[k], _mm_mul_pd(d[k], d[k]));
        }
    }
    for (int k = 0; k < 4; k++) {
        _mm_storeu_pd(s1 + 2 * k, a[k]);
        _mm_storeu_pd(s2 + 2 * k, q[k]);
    }
    rp_sums_scalar(x + i, n - i, c, s1, s2);
}
#endif

#ifdef RP_HAVE_AVX2_KERNEL
__attribute__((target("avx"))) static void
sums_avx(const float *x, int64_t n, double c, double s1[RP_SUM_LANES], double s2[RP_SUM_LANES])
{
    __m256d cc = _mm256_set1_pd(c);
    __m256d a0 = _mm256_loadu_pd(s1), a1 = _mm256_loadu_pd(s1 + 4);
    __m256d q0 = _mm256_loadu_pd(s2), q1 = _mm256_loadu_pd(s2 + 4);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256d d0 = _mm256_sub_pd(_mm256_cvtps_pd(_mm_loadu_ps(x + i)), cc);
        __m256d d1 = _mm256_sub_pd(_mm256_cvtps_pd(_mm_loadu_ps(x + i + 4)), cc);
        a0 = _mm256_add_pd(a0, d0);
        a1 = _mm256_add_pd(a1, d1);
        q0 = _mm256_add_pd(q0, _mm256_mul_pd(d0, d0));
        q1 = _mm256_add_pd(q1, _mm256_mul_pd(d1, d1));
    }
    _mm256_storeu_pd(s1, a0);
    _mm256_storeu_pd(s1 + 4, a1);
    _mm256_storeu_pd(s2, q0);
    _mm256_storeu_pd(s2 + 4, q1);
    rp_sums_scalar(x + i, n - i, c, s1, s2);
}
#endif

rp_sums_fn rp_sums_kernel(void)
{
#ifdef RP_HAVE_AVX2_KERNEL
    if (__builtin_cpu_supports("avx")) return sums_avx;
#endif
#if defined(__SSE2__)
    return sums_sse2;
#else
    return rp_sums_scalar;
#endif
}
