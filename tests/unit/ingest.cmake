# Ingest: sources feeding named series (pipes, UDP on 127.0.0.1, replay, demo). No GPU.
rp_add_unit_test(test_ingest test_ingest.c)
target_link_libraries(test_ingest PRIVATE ringplot_ingest)
# End to end from the bytes of real clients (tests/fixtures): Teleplot's C++ client over UDP, an
# Arduino sketch's Serial.print output through a pipe.
rp_add_unit_test(test_ingest_clients test_ingest_clients.c)
target_link_libraries(test_ingest_clients PRIVATE ringplot_ingest)
target_compile_definitions(test_ingest_clients PRIVATE RP_FIXTURES_DIR="${PROJECT_SOURCE_DIR}/tests/fixtures")
