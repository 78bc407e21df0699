#version 330 core
// segment.frag — anti-aliased capsule by distance: coverage = clamp(hw + 0.5 - d, 0, 1), a 1 px
// feather centred on the edge. Joins: a pixel belongs to the segment of its polyline that is
// nearest to it (ties go to the earlier segment), so the round joins of neighbouring segments
// never blend twice and the outline is the exact union of the capsules. Lines thinner than 1 px
// are drawn 1 px wide with proportionally less alpha.
flat in vec4 v_prev;
flat in vec4 v_seg;
flat in vec4 v_next;
flat in vec4 v_color;
flat in float v_hw;
flat in int v_links;

uniform vec2 u_origin; // (viewport x, viewport y + height) in window px

out vec4 frag_color;

// Distance from p to segment s. The closest point is an exact endpoint when clamped, so two
// segments sharing an endpoint compute bit-identical distances around it.
float seg_dist(vec2 p, vec4 s)
{
    vec2 a = s.xy;
    vec2 b = s.zw;
    vec2 ba = b - a;
    float l2 = dot(ba, ba);
    float t = l2 > 0.0 ? dot(p - a, ba) / l2 : 0.0;
    vec2 c = t <= 0.0 ? a : (t >= 1.0 ? b : a + ba * t);
    return length(p - c);
}

void main()
{
    vec2 p = vec2(gl_FragCoord.x - u_origin.x, u_origin.y - gl_FragCoord.y);
    float d = seg_dist(p, v_seg);
    float hw = max(v_hw, 0.5);
    float cov = clamp(hw + 0.5 - d, 0.0, 1.0);
    if (cov <= 0.0)
        discard;
    if ((v_links & 1) != 0 && seg_dist(p, v_prev) <= d)
        discard;
    if ((v_links & 2) != 0 && seg_dist(p, v_next) < d)
        discard;
    frag_color = vec4(v_color.rgb, v_color.a * cov * min(2.0 * v_hw, 1.0));
}
