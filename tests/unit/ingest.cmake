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
