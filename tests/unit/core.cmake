# Core: series store, pyramid, decimation (no GPU).
rp_add_unit_test(test_minmax test_minmax.c)
rp_add_unit_test(test_series test_series.c)
rp_add_unit_test(test_decimate test_decimate.c)
rp_add_unit_test(test_segments test_segments.c)
rp_add_unit_test(test_stats test_stats.c)
rp_add_unit_test(test_memory test_memory.c)
# The README's series program (section "Series kinds and statistics"), extracted from README.md
# as printed (tests/package/readme_block.sh: no copy that could drift), built and run.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/README.md)
execute_process(COMMAND sh ${PROJECT_SOURCE_DIR}/tests/package/readme_block.sh
                        ${PROJECT_SOURCE_DIR}/README.md "Series kinds and statistics" c
                OUTPUT_FILE ${CMAKE_CURRENT_BINARY_DIR}/readme_series.c RESULT_VARIABLE _rp_rc)
if(NOT _rp_rc EQUAL 0)
  message(FATAL_ERROR "README.md: no C program under \"Series kinds and statistics\"")
endif()
add_executable(readme_series ${CMAKE_CURRENT_BINARY_DIR}/readme_series.c)
target_link_libraries(readme_series PRIVATE ringplot_core m)
target_include_directories(readme_series PRIVATE ${PROJECT_SOURCE_DIR}/engine/include)
target_compile_options(readme_series PRIVATE ${RINGPLOT_WARNINGS})
add_test(NAME readme_series COMMAND readme_series)
set_tests_properties(readme_series PROPERTIES LABELS unit
  PASS_REGULAR_EXPRESSION "temp \\[degC\\]: 200 samples, mean 21.495, sd 0.289, p-p 0.99\nsegments 2")
# The error channel and live handles (series, figure, rp_mqtt; no GPU).
rp_add_unit_test(test_errors test_errors.c)
target_link_libraries(test_errors PRIVATE ringplot_ingest) # rp_mqtt handles
# Recording files: writer, reader, crash and disk-full behaviour, exports (no GPU).
rp_add_unit_test(test_record test_record.c)
# the fuzz corpus' recordings of versions 1 and 2: they must read as they always did
target_compile_definitions(test_record PRIVATE RP_RECORD_CORPUS="${PROJECT_SOURCE_DIR}/tests/fuzz/record")
# The same at 150 M samples (full DIRs and their summaries): 1.3 GB of memory, label soak.
add_test(NAME test_record_big COMMAND test_record --big)
set_tests_properties(test_record_big PROPERTIES LABELS soak TIMEOUT 900)
