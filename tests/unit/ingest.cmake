# Ingest: sources feeding named series (pipes, UDP on 127.0.0.1, replay, demo). No GPU.
rp_add_unit_test(test_ingest test_ingest.c)
target_link_libraries(test_ingest PRIVATE ringplot_ingest)
# Serial ports against pseudo-terminal pairs (openpty): no device needed.
rp_add_unit_test(test_serial_port test_serial_port.c)
target_link_libraries(test_serial_port PRIVATE ringplot_ingest)
# A serial source against socat as the peer (pty pairs): counts, values, vanish, return, garbage,
# wrong baud. Skipped (77) when socat is missing.
rp_add_unit_test(test_serial_socat test_serial_socat.c)
target_link_libraries(test_serial_socat PRIVATE ringplot_ingest)
set_tests_properties(test_serial_socat PROPERTIES SKIP_RETURN_CODE 77)
# End to end from the bytes of real clients (tests/fixtures): Teleplot's C++ client over UDP, an
# Arduino sketch's Serial.print output through a pipe, and both through a serial pty.
rp_add_unit_test(test_ingest_clients test_ingest_clients.c)
target_link_libraries(test_ingest_clients PRIVATE ringplot_ingest)
target_compile_definitions(test_ingest_clients PRIVATE RP_FIXTURES_DIR="${PROJECT_SOURCE_DIR}/tests/fixtures")
