# rp_embed_files(TARGET <target> NAME <basename> FILES sym1=path1 sym2=path2 ...)
# Generates <basename>.c/.h in the build tree with each file as a C byte array (see
# third_party/embed/rp_embed.c), adds the .c to TARGET and its folder to TARGET's include path.
function(rp_embed_files)
  cmake_parse_arguments(E "" "TARGET;NAME" "FILES" ${ARGN})
  set(out_c ${CMAKE_CURRENT_BINARY_DIR}/${E_NAME}.c)
  set(out_h ${CMAKE_CURRENT_BINARY_DIR}/${E_NAME}.h)
  set(deps)
  foreach(pair ${E_FILES})
    string(REGEX REPLACE "^[^=]*=" "" path "${pair}")
    list(APPEND deps ${path})
  endforeach()
  add_custom_command(OUTPUT ${out_c} ${out_h}
    COMMAND rp_embed ${out_c} ${out_h} ${E_FILES}
    DEPENDS rp_embed ${deps}
    COMMENT "Embedding ${E_NAME}"
    VERBATIM)
  target_sources(${E_TARGET} PRIVATE ${out_c} ${out_h})
  target_include_directories(${E_TARGET} PRIVATE ${CMAKE_CURRENT_BINARY_DIR})
endfunction()
