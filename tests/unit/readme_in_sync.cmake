# cmake -DREADME=... -DSNIPPET=... -P readme_in_sync.cmake: fails unless SNIPPET appears verbatim
# in README (so the README's example is the program the tests build).
file(READ ${README} readme)
file(READ ${SNIPPET} snippet)
string(FIND "${readme}" "${snippet}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${SNIPPET} is not in ${README} verbatim: update the README's copy")
endif()
