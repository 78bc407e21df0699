# Figure model: panels, styles, follow/fixed x views, autoscale, palette, hit-testing. No GPU.
rp_add_unit_test(test_figure ${CMAKE_CURRENT_LIST_DIR}/test_figure.c)
# The renderer's layout (engine/render/layout.c) does no GL: tested here without a GPU, linked
# against the whole library where it is built.
if(TARGET ringplot)
  rp_add_unit_test(test_figure_layout ${CMAKE_CURRENT_LIST_DIR}/test_figure_layout.c)
  target_link_libraries(test_figure_layout PRIVATE ringplot)
endif()
rp_add_unit_test(test_spectrum ${CMAKE_CURRENT_LIST_DIR}/test_spectrum.c)
