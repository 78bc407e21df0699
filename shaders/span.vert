#version 330 core
// span.vert — one instance per run of adjacent pixel columns of a dense series (up to 32 wide;
// see draw.c): quads over columns [x, x + w) that hold their bars. The fragment shader reads each
// column's bar record itself (u_bars), so a run costs wide quads instead of one-pixel ones, which
// software rasterisers shade in whole 4×4 blocks. Rows [iy0, iy1) are covered by every column
// of the run. Each draw is a 4-vertex triangle strip per instance of one part of the runs
// (u_part): 0 the whole quad of a run without such rows, 1 / 2 the rows above / below them
// (span.frag, anti-aliased), 3 the rows themselves (span_solid.frag). Software GL shades every
// vertex of every instance, so no part carries degenerate triangles.
layout(location = 0) in vec4 a_rows;  // y0, y1, iy0, iy1 in viewport px (y down)
layout(location = 1) in uvec2 a_cols; // x, w in px
layout(location = 2) in uint a_first; // texel of column x's record; bit 31: one record for all

uniform vec2 u_viewport; // viewport size in px
uniform int u_part;

flat out int v_x;
flat out int v_first;  // texel of column x's record
flat out int v_stride; // texels per column (0: one record for all the run's columns)

void main()
{
    // Strip corners 0 1 2 3: left top, right top, left bottom, right bottom.
    int c = gl_VertexID & 3;
    float ya = a_rows.x, yb = a_rows.y; // part 0
    if (u_part == 1) {
        yb = a_rows.z;
    } else if (u_part == 2) {
        ya = a_rows.w;
    } else if (u_part == 3) {
        ya = a_rows.z;
        yb = a_rows.w;
    }
    ya = clamp(ya, -2.0, u_viewport.y + 2.0);
    yb = clamp(yb, ya, u_viewport.y + 2.0);
    float x = float(a_cols.x) + ((c & 1) != 0 ? float(a_cols.y) : 0.0);
    float y = (c & 2) != 0 ? yb : ya;
    gl_Position = vec4(x / u_viewport.x * 2.0 - 1.0, 1.0 - y / u_viewport.y * 2.0, 0.0, 1.0);
    v_x = int(a_cols.x);
    v_first = int(a_first & 0x7fffffffu);
    v_stride = (a_first & 0x80000000u) != 0u ? 0 : 1;
}
