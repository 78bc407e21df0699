# text/ unit tests: glyph atlas, UTF-8 decoding, layout (no GPU).
rp_add_unit_test(test_font ${CMAKE_CURRENT_LIST_DIR}/test_font.c)
