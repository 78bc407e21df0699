# Core: series store, pyramid, decimation (no GPU).
rp_add_unit_test(test_minmax test_minmax.c)
rp_add_unit_test(test_series test_series.c)
rp_add_unit_test(test_decimate test_decimate.c)
rp_add_unit_test(test_segments test_segments.c)
# The error channel and live handles (series, figure, rp_mqtt; no GPU).
rp_add_unit_test(test_errors test_errors.c)
target_link_libraries(test_errors PRIVATE ringplot_ingest) # rp_mqtt handles
