# Core: series store, pyramid, decimation (no GPU).
rp_add_unit_test(test_minmax test_minmax.c)
rp_add_unit_test(test_series test_series.c)
rp_add_unit_test(test_decimate test_decimate.c)
# The error channel and live handles (series, figure, rp_mqtt; no GPU).
rp_add_unit_test(test_errors test_errors.c)
# Recording files: writer, reader, crash and disk-full behaviour, exports (no GPU).
rp_add_unit_test(test_record test_record.c)
# The same at 150 M samples (full DIRs and their summaries): 1.3 GB of memory, label soak.
add_test(NAME test_record_big COMMAND test_record --big)
set_tests_properties(test_record_big PROPERTIES LABELS soak TIMEOUT 900)
