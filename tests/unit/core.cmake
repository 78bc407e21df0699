# Core: series store, pyramid, decimation (no GPU).
rp_add_unit_test(test_minmax test_minmax.c)
rp_add_unit_test(test_series test_series.c)
rp_add_unit_test(test_decimate test_decimate.c)
rp_add_unit_test(test_segments test_segments.c)
