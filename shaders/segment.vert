#version 330 core
// segment.vert — one instance per line segment, expanded to a screen-space quad that holds the
// segment's capsule: half width + the outer 0.5 px of the anti-aliasing feather. The instance also
// reads the previous and next records of the stream so that the fragment shader can give each
// pixel of a join to exactly one segment of the polyline (see segment.frag).
// Records: seg = (x0, y0, x1, y1) in viewport px (top-left origin, y down); hw = half width in
// px, negative when the record is not linked to the previous one (a new polyline starts).
layout(location = 0) in vec4 a_prev;
layout(location = 1) in vec4 a_seg;
layout(location = 2) in float a_hw;
layout(location = 3) in vec4 a_color;
layout(location = 4) in vec4 a_next;
layout(location = 5) in float a_next_hw;

uniform vec2 u_viewport; // viewport size in px

flat out vec4 v_prev;
flat out vec4 v_seg;
flat out vec4 v_next;
flat out vec4 v_color;
flat out float v_hw;
flat out int v_links; // bit 0: linked to prev, bit 1: linked to next

void main()
{
    vec2 p0 = a_seg.xy;
    vec2 p1 = a_seg.zw;
    float hw = abs(a_hw);
    float r = max(hw, 0.5) + 0.55; // coverage is 0 from hw + 0.5 on
    vec2 d = p1 - p0;
    float len = length(d);
    vec2 dir = len > 1e-6 ? d / len : vec2(1.0, 0.0);
    vec2 nrm = vec2(-dir.y, dir.x);
    float s = (gl_VertexID & 1) == 0 ? -1.0 : 1.0;
    float t = (gl_VertexID & 2) == 0 ? -1.0 : 1.0;
    vec2 pos = (s < 0.0 ? p0 : p1) + dir * (s * r) + nrm * (t * r);
    gl_Position = vec4(pos.x / u_viewport.x * 2.0 - 1.0, 1.0 - pos.y / u_viewport.y * 2.0, 0.0, 1.0);

    v_prev = a_prev;
    v_seg = a_seg;
    v_next = a_next;
    v_color = a_color;
    v_hw = hw;
    v_links = (a_hw > 0.0 ? 1 : 0) | (a_next_hw > 0.0 ? 2 : 0);
}
