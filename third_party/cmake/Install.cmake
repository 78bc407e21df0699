# Install.cmake — packaging. `cmake --install <build> --prefix P` installs:
#   P/lib/libringplot.a          static, self-contained (core + render + platform + glad objects)
#   P/lib/libringplot.so*        shared, SONAME libringplot.so.<major>[.<minor> while major is 0],
#                                only the RP_API functions of ringplot.h exported
#   P/include/ringplot.h         the one public header
#   P/lib/cmake/ringplot/        find_package(ringplot): ringplot::ringplot (shared),
#                                ringplot::ringplot_static
#   P/lib/pkgconfig/ringplot.pc  pkg-config ringplot (add --static for the static library's deps)
# Both libraries are linked from the objects of ringplot_core, rp_text_obj, ringplot and rp_glad,
# which the rest of the build keeps using as they are.
if(NOT RINGPLOT_WITH_GL)
  message(STATUS "ringplot: packaging needs RINGPLOT_WITH_GL=ON; no install rules")
  return()
endif()
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# The header's version must be the project's.
file(STRINGS ${PROJECT_SOURCE_DIR}/engine/include/ringplot.h _rp_ver REGEX "^#define RINGPLOT_VERSION_STRING ")
string(REGEX MATCH "\"([^\"]*)\"" _rp_ver "${_rp_ver}")
if(NOT CMAKE_MATCH_1 STREQUAL PROJECT_VERSION)
  message(FATAL_ERROR "ringplot.h says RINGPLOT_VERSION_STRING \"${CMAKE_MATCH_1}\" but project() "
                      "says ${PROJECT_VERSION}: update both (and engine/include/CHANGELOG.md)")
endif()

set(_rp_parts ringplot_core ringplot_ingest ringplot rp_glad)
# Everything not marked RP_API stays inside the shared library.
set_target_properties(${_rp_parts} rp_text_obj PROPERTIES C_VISIBILITY_PRESET hidden)
set(_rp_objects $<TARGET_OBJECTS:ringplot_core> $<TARGET_OBJECTS:ringplot_ingest> $<TARGET_OBJECTS:rp_text_obj>
                $<TARGET_OBJECTS:ringplot> $<TARGET_OBJECTS:rp_glad>)

# What the parts link, outside the project: for the shared library's link line, the static
# library's CMake interface and ringplot.pc's Libs.private.
# cglm is used header-only (static inline): not a link dependency.
set(_rp_skip ${_rp_parts} PkgConfig::CGLM)
set(_rp_deps)          # for target_link_libraries
set(_rp_static_deps)   # for the installed static target (no build-tree targets)
set(_rp_pc_libs)       # -l flags
foreach(_t ${_rp_parts})
  get_target_property(_libs ${_t} LINK_LIBRARIES)
  foreach(_d IN LISTS _libs)
    # "::@..." marks scope (a target_link_libraries call from another directory), not a library
    if(NOT _d OR _d MATCHES "^::@" OR _d IN_LIST _rp_skip OR _d IN_LIST _rp_deps)
      continue()
    endif()
    list(APPEND _rp_deps ${_d})
    if(_d STREQUAL "Threads::Threads")
      list(APPEND _rp_static_deps Threads::Threads)
      list(APPEND _rp_pc_libs -pthread)
    elseif(_d MATCHES "^PkgConfig::(.+)$")
      foreach(_n IN LISTS ${CMAKE_MATCH_1}_LIBRARIES)
        list(APPEND _rp_static_deps ${_n})
        list(APPEND _rp_pc_libs -l${_n})
      endforeach()
    elseif(_d MATCHES "^/.*/lib([^/]+)\\.(so|a)(\\.[0-9.]+)?$")
      list(APPEND _rp_static_deps ${CMAKE_MATCH_1})
      list(APPEND _rp_pc_libs -l${CMAKE_MATCH_1})
    elseif(_d MATCHES "^[A-Za-z0-9_+.-]+$" AND NOT TARGET ${_d})
      list(APPEND _rp_static_deps ${_d})
      list(APPEND _rp_pc_libs -l${_d})
    else()
      message(WARNING "ringplot packaging: dependency '${_d}' of ${_t} is not expressed in "
                      "the installed static package or ringplot.pc (see third_party/cmake/Install.cmake)")
    endif()
  endforeach()
endforeach()
list(REMOVE_DUPLICATES _rp_pc_libs)
string(REPLACE ";" " " RINGPLOT_PC_LIBS_PRIVATE "${_rp_pc_libs}")

if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(_rp_soversion ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
else()
  set(_rp_soversion ${PROJECT_VERSION_MAJOR})
endif()

add_library(ringplot_shared SHARED ${_rp_objects})
target_link_libraries(ringplot_shared PRIVATE ${_rp_deps})
target_link_options(ringplot_shared PRIVATE -Wl,--no-undefined)
target_include_directories(ringplot_shared INTERFACE
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/engine/include> $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
set_target_properties(ringplot_shared PROPERTIES OUTPUT_NAME ringplot EXPORT_NAME ringplot
  VERSION ${PROJECT_VERSION} SOVERSION ${_rp_soversion} LINKER_LANGUAGE C
  LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/package)

add_library(ringplot_static STATIC ${_rp_objects})
target_link_libraries(ringplot_static INTERFACE
  "$<BUILD_INTERFACE:${_rp_deps}>" "$<INSTALL_INTERFACE:${_rp_static_deps}>")
target_include_directories(ringplot_static INTERFACE
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/engine/include> $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
set_target_properties(ringplot_static PROPERTIES OUTPUT_NAME ringplot EXPORT_NAME ringplot_static
  LINKER_LANGUAGE C ARCHIVE_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/package)

install(TARGETS ringplot_shared ringplot_static EXPORT ringplotTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES ${PROJECT_SOURCE_DIR}/engine/include/ringplot.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_SOURCE_DIR}/engine/include/CHANGELOG.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(_rp_cmakedir ${CMAKE_INSTALL_LIBDIR}/cmake/ringplot)
install(EXPORT ringplotTargets NAMESPACE ringplot:: DESTINATION ${_rp_cmakedir})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/ringplotConfig.cmake.in
  ${CMAKE_BINARY_DIR}/package/ringplotConfig.cmake INSTALL_DESTINATION ${_rp_cmakedir})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/package/ringplotConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/package/ringplotConfig.cmake
              ${CMAKE_BINARY_DIR}/package/ringplotConfigVersion.cmake DESTINATION ${_rp_cmakedir})

configure_file(${PROJECT_SOURCE_DIR}/third_party/ringplot.pc.in ${CMAKE_BINARY_DIR}/package/ringplot.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/package/ringplot.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
