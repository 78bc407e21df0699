# Core: series store, pyramid, decimation (no GPU).
rp_add_unit_test(test_minmax test_minmax.c)
rp_add_unit_test(test_series test_series.c)
rp_add_unit_test(test_decimate test_decimate.c)
rp_add_unit_test(test_segments test_segments.c)
rp_add_unit_test(test_stats test_stats.c)
rp_add_unit_test(test_memory test_memory.c)
# The README's series program (section "Series kinds and statistics"), built and run as printed;
# readme_series_in_sync fails when the README's copy and this file differ.
add_executable(readme_series readme_series.c)
target_link_libraries(readme_series PRIVATE ringplot_core m)
target_include_directories(readme_series PRIVATE ${PROJECT_SOURCE_DIR}/engine/include)
target_compile_options(readme_series PRIVATE ${RINGPLOT_WARNINGS})
add_test(NAME readme_series COMMAND readme_series)
set_tests_properties(readme_series PROPERTIES LABELS unit
  PASS_REGULAR_EXPRESSION "temp \\[degC\\]: 200 samples, mean 21.495, sd 0.289, p-p 0.99\nsegments 2")
add_test(NAME readme_series_in_sync COMMAND ${CMAKE_COMMAND}
  -DREADME=${PROJECT_SOURCE_DIR}/README.md -DSNIPPET=${CMAKE_CURRENT_SOURCE_DIR}/readme_series.c
  -P ${CMAKE_CURRENT_SOURCE_DIR}/readme_in_sync.cmake)
set_tests_properties(readme_series_in_sync PROPERTIES LABELS unit)
# The error channel and live handles (series, figure, rp_mqtt; no GPU).
rp_add_unit_test(test_errors test_errors.c)
target_link_libraries(test_errors PRIVATE ringplot_ingest) # rp_mqtt handles
