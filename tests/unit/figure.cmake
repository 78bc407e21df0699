# Figure model: panels, styles, follow/fixed x views, autoscale, palette, hit-testing. No GPU.
rp_add_unit_test(test_figure ${CMAKE_CURRENT_LIST_DIR}/test_figure.c)
# The frame layout (engine/layout/, rp_layout) does no GL: tested here without a GPU.
rp_add_unit_test(test_figure_layout ${CMAKE_CURRENT_LIST_DIR}/test_figure_layout.c)
rp_add_unit_test(test_spectrum ${CMAKE_CURRENT_LIST_DIR}/test_spectrum.c)
# The viewer's spectrum options and keys (apps/viewer/viewer_views.c needs no SDL).
rp_add_unit_test(test_viewer_views ${CMAKE_CURRENT_LIST_DIR}/test_viewer_views.c
                 ${PROJECT_SOURCE_DIR}/apps/viewer/viewer_views.c)
target_include_directories(test_viewer_views PRIVATE ${PROJECT_SOURCE_DIR}/apps)
rp_add_unit_test(test_trigger ${CMAKE_CURRENT_LIST_DIR}/test_trigger.c)
# Spectrum and trigger panels at the view's end: a paused ring, scroll-back, an opened recording.
rp_add_unit_test(test_view_history ${CMAKE_CURRENT_LIST_DIR}/test_view_history.c)
# The notes store (text tracks, log lines) and the notes panel; a producer thread against a reader.
rp_add_unit_test(test_notes ${CMAKE_CURRENT_LIST_DIR}/test_notes.c)
# XY panels: incremental rasterisation equals a rebuild, pairing by nearest time.
rp_add_unit_test(test_xy ${CMAKE_CURRENT_LIST_DIR}/test_xy.c)
# The own axes of spectrum, trigger and XY panels: range arithmetic, rp_figure_view_zoom/_pan/_reset.
rp_add_unit_test(test_view_axes ${CMAKE_CURRENT_LIST_DIR}/test_view_axes.c)
