#version 330 core
// quad.frag — solid colour, colour × glyph coverage from the R8 atlas, or (u_rgba) colour × an
// RGBA image.
in vec2 v_uv;
in vec4 v_color;

uniform sampler2D u_atlas;
uniform int u_rgba;

out vec4 frag_color;

void main()
{
    vec4 t = texture(u_atlas, v_uv);
    if (v_uv.x < 0.0)
        frag_color = v_color;
    else if (u_rgba != 0)
        frag_color = v_color * t;
    else
        frag_color = vec4(v_color.rgb, v_color.a * t.r);
}
