# axis/ unit tests: numeric and time ticks, labels, value read-out (no GPU).
rp_add_unit_test(test_ticks ${CMAKE_CURRENT_LIST_DIR}/test_ticks.c)
