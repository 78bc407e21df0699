#version 330 core
// quad.vert — filled rectangles, glyph quads and 1-px aliased line strips, in viewport px
// (top-left origin, y down). uv.x < 0 marks a solid (untextured) vertex.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_color;

uniform vec2 u_viewport;

out vec2 v_uv;
out vec4 v_color;

void main()
{
    gl_Position = vec4(a_pos.x / u_viewport.x * 2.0 - 1.0, 1.0 - a_pos.y / u_viewport.y * 2.0, 0.0, 1.0);
    v_uv = a_uv;
    v_color = a_color;
}
