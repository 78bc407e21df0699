#version 330 core
// span.vert — one instance per run of adjacent pixel columns of a dense series (up to 32 wide;
// see draw.c): quads over columns [x, x + w) that hold their bars. The fragment shader reads each
// column's bar record itself (u_bars), so a run costs wide quads instead of one-pixel ones, which
// software rasterisers shade in whole 4×4 blocks. Rows [iy0, iy1) are covered by every column
// of the run: u_solid = 1 draws them (span_solid.frag, 6 vertices); u_solid = 0 draws the rows
// above and below them (span.frag, 12 vertices).
layout(location = 0) in vec4 a_rows;  // y0, y1, iy0, iy1 in viewport px (y down)
layout(location = 1) in uvec2 a_cols; // x, w in px
layout(location = 2) in uint a_first; // texel of column x's record; bit 31: one record for all

uniform vec2 u_viewport; // viewport size in px
uniform int u_solid;

flat out int v_x;
flat out int v_first;  // texel of column x's record
flat out int v_stride; // texels per column (0: one record for all the run's columns)

void main()
{
    // Corners of the triangles (0 1 2) (2 1 3); arithmetic, not a lookup table: llvmpipe's JIT
    // of an indexed constant array upsets LeakSanitizer at exit (a stale TLS record).
    int k = gl_VertexID % 6;
    int c = k < 3 ? k : (k == 5 ? 3 : 5 - k);
    bool inner = a_rows.w > a_rows.z;
    float ya, yb;
    if (u_solid != 0) {
        ya = a_rows.z;
        yb = inner ? a_rows.w : a_rows.z;
    } else if (gl_VertexID < 6) {
        ya = a_rows.x;
        yb = inner ? a_rows.z : a_rows.y;
    } else {
        ya = inner ? a_rows.w : a_rows.y;
        yb = a_rows.y;
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
