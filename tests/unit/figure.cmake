# Figure model: panels, styles, follow/fixed x views, autoscale, palette, hit-testing. No GPU.
rp_add_unit_test(test_figure ${CMAKE_CURRENT_LIST_DIR}/test_figure.c)
# The frame layout (engine/layout/, rp_layout) does no GL: tested here without a GPU.
rp_add_unit_test(test_figure_layout ${CMAKE_CURRENT_LIST_DIR}/test_figure_layout.c)
