#version 330 core
// span.frag — coverage of a pixel by its column's band. A record (3 texels of u_bars) holds the
// band's top and bottom edges at 5 points across the column; in each quarter an edge moves
// linearly between its end heights, so the share of the quarter whose top edge is above the pixel
// centre is a ramp (at least 1 px wide: the box filter of a hard edge); coverage = share under
// the top edge − share under the bottom edge. Exact for straight lines, flat or steep; no
// neighbour reads: the cost is the pixels covered.
flat in int v_x;
flat in int v_first;  // texel of column x's record
flat in int v_stride; // texels per column (0: one record for all the run's columns)

uniform usamplerBuffer u_bars; // per column: base y (float bits), 5 top, 5 bottom (1/8 px below)
uniform vec4 u_color;          // straight alpha
uniform vec2 u_origin;         // (viewport x, viewport y + height) in window px

out vec4 frag_color;

// Share of each quarter whose edge (from a to b) lies above y, for the four quarters at once.
vec4 share(float y, vec4 a, vec4 b)
{
    return clamp((y - 0.5 * (a + b)) / max(abs(b - a), vec4(1.0)) + 0.5, 0.0, 1.0);
}

void main()
{
    int rec = v_first + v_stride * (int(gl_FragCoord.x - u_origin.x) - v_x);
    uvec4 t0 = texelFetch(u_bars, rec);
    uvec4 t1 = texelFetch(u_bars, rec + 1);
    uvec4 t2 = texelFetch(u_bars, rec + 2);
    float base = uintBitsToFloat(t0.x | (t0.y << 16));
    vec4 top = base + vec4(t0.zw, t1.xy) * 0.125;
    vec4 top_next = base + vec4(t0.w, t1.xyz) * 0.125;
    vec4 bottom = base + vec4(t1.w, t2.xyz) * 0.125;
    vec4 bottom_next = base + vec4(t2) * 0.125;
    float y = u_origin.y - gl_FragCoord.y;
    vec4 cov4 = share(y, top, top_next) - share(y, bottom, bottom_next);
    float cov = dot(max(cov4, vec4(0.0)), vec4(0.25));
    frag_color = vec4(u_color.rgb, u_color.a * cov);
}
