# Ingest: sources feeding named series (pipes, UDP on 127.0.0.1, replay, demo). No GPU.
rp_add_unit_test(test_ingest test_ingest.c)
target_link_libraries(test_ingest PRIVATE ringplot_ingest)
