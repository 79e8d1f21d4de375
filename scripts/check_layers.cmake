# Fails when a source file includes a header of a higher layer (docs/architecture.md, "Layers").
# The build runs it before compiling (target flashpoint_layers), so an upward include does not
# build; tests run it on planted files (tests/integration/layers.cmake).
#
#   cmake -DSOURCE_DIR=src -P scripts/check_layers.cmake
#
# Layers, lowest first; a file may include its own layer and the ones below:
#   core < scenario < model < output < experiment < cli
# "flashpoint/..." (the generated version header) counts as core.
if(NOT SOURCE_DIR)
  message(FATAL_ERROR "check_layers.cmake: pass -DSOURCE_DIR=<the src folder>")
endif()
get_filename_component(SOURCE_DIR "${SOURCE_DIR}" ABSOLUTE)
set(_layers core scenario model output experiment cli)

function(_layer_rank name out)
  if(name STREQUAL "flashpoint")
    set(name core)
  endif()
  list(FIND _layers "${name}" rank)
  set(${out} ${rank} PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE _files RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/*.cpp" "${SOURCE_DIR}/*.hpp")
list(SORT _files)
set(_problems "")
set(_count 0)
foreach(_file IN LISTS _files)
  string(REGEX MATCH "^[^/]+" _own "${_file}")
  _layer_rank("${_own}" _own_rank)
  if(_own_rank EQUAL -1)
    string(APPEND _problems "  ${_file}: the folder ${_own} is not a layer (${_layers})\n")
    continue()
  endif()
  file(STRINGS "${SOURCE_DIR}/${_file}" _includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"[^\"]+\"")
  foreach(_line IN LISTS _includes)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*" "\\1" _header "${_line}")
    math(EXPR _count "${_count} + 1")
    if(NOT _header MATCHES "/")
      continue()  # a header beside the file
    endif()
    string(REGEX MATCH "^[^/]+" _to "${_header}")
    _layer_rank("${_to}" _to_rank)
    if(_to_rank GREATER _own_rank)
      string(APPEND _problems
             "  ${_file}: includes \"${_header}\": the ${_own} layer may not include the ${_to} layer\n")
    endif()
  endforeach()
endforeach()
if(_problems)
  message(FATAL_ERROR
          "upward includes (layers, lowest first: core < scenario < model < output < experiment "
          "< cli; docs/architecture.md):\n${_problems}")
endif()
message(STATUS "layers: ${_count} includes checked, none upward")
