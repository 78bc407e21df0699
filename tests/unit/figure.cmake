# Figure model: panels, styles, follow/fixed x views, autoscale, palette, hit-testing. No GPU.
rp_add_unit_test(test_figure ${CMAKE_CURRENT_LIST_DIR}/test_figure.c)
# The renderer's layout (engine/render/layout.c) does no GL: tested here without a GPU, linked
# against the whole library where it is built.
if(TARGET ringplot)
  rp_add_unit_test(test_figure_layout ${CMAKE_CURRENT_LIST_DIR}/test_figure_layout.c)
  target_link_libraries(test_figure_layout PRIVATE ringplot)
endif()
rp_add_unit_test(test_spectrum ${CMAKE_CURRENT_LIST_DIR}/test_spectrum.c)
# The viewer's spectrum options and keys (app/viewer_views.c needs no SDL).
rp_add_unit_test(test_viewer_views ${CMAKE_CURRENT_LIST_DIR}/test_viewer_views.c
                 ${PROJECT_SOURCE_DIR}/engine/app/viewer_views.c)
rp_add_unit_test(test_trigger ${CMAKE_CURRENT_LIST_DIR}/test_trigger.c)
