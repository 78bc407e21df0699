# io/ unit tests: text lines, CSV, binary frames, UDP datagrams, CLI values (no GPU, no network).
rp_add_unit_test(test_io_text test_io_text.c)
rp_add_unit_test(test_io_csv test_io_csv.c)
rp_add_unit_test(test_io_binary test_io_binary.c)
rp_add_unit_test(test_io_binary_formats test_io_binary_formats.c)
rp_add_unit_test(test_io_udp test_io_udp.c)
rp_add_unit_test(test_io_cli test_io_cli.c)

# Runs the rp-stream demo and reads its output back through the parsers (needs the demos).
if(TARGET rp-stream)
  add_executable(test_io_stream test_io_stream.c)
  target_link_libraries(test_io_stream PRIVATE ringplot_core m)
  target_include_directories(test_io_stream PRIVATE ${PROJECT_SOURCE_DIR}/engine ${PROJECT_SOURCE_DIR}/tests)
  target_compile_options(test_io_stream PRIVATE ${RINGPLOT_WARNINGS})
  target_compile_definitions(test_io_stream PRIVATE _POSIX_C_SOURCE=200809L)
  add_dependencies(test_io_stream rp-stream)
  add_test(NAME test_io_stream COMMAND test_io_stream $<TARGET_FILE:rp-stream>)
  set_tests_properties(test_io_stream PROPERTIES LABELS unit TIMEOUT 300)
endif()
