#version 330 core
// quad.frag — solid colour, or colour × glyph coverage from the R8 atlas.
in vec2 v_uv;
in vec4 v_color;

uniform sampler2D u_atlas;

out vec4 frag_color;

void main()
{
    float a = texture(u_atlas, v_uv).r;
    float cov = v_uv.x < 0.0 ? 1.0 : a;
    frag_color = vec4(v_color.rgb, v_color.a * cov);
}
