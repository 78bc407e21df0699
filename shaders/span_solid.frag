#version 330 core
// span_solid.frag — the rows of a run of columns that every column covers fully (see span.vert).
uniform vec4 u_color; // straight alpha

out vec4 frag_color;

void main()
{
    frag_color = u_color;
}
