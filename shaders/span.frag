#version 330 core
// span.frag — coverage of a pixel by its column's span: the share of the pixel's rows [y, y + 1)
// inside [top, bottom] (a box filter: 1 strictly inside, a ramp on the two edge rows, 0 outside).
// No neighbour reads: the cost is the pixels covered.
flat in int v_x;
flat in int v_first;  // texel of column x's record
flat in int v_stride; // texels per column (0: one record for all the run's columns)

uniform samplerBuffer u_bars; // per column: top, bottom (y px from the viewport's top)
uniform vec4 u_color;         // straight alpha
uniform vec2 u_origin;        // (viewport x, viewport y + height) in window px

out vec4 frag_color;

void main()
{
    vec2 span = texelFetch(u_bars, v_first + v_stride * (int(gl_FragCoord.x - u_origin.x) - v_x)).xy;
    float y = u_origin.y - gl_FragCoord.y; // pixel centre
    float cov = clamp(min(y + 0.5, span.y) - max(y - 0.5, span.x), 0.0, 1.0);
    frag_color = vec4(u_color.rgb, u_color.a * cov);
}
