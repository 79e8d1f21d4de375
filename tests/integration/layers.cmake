# The layer check (scripts/check_layers.cmake; docs/architecture.md, "Layers"): the source tree
# has no upward include, and a planted one (tests/data/layers/model/uses_cli.hpp) is refused with
# the file, the header and both layers named, while the lower includes beside it pass.
# Included from tests/CMakeLists.txt.
add_test(NAME layers.source_tree
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR}/src
          -P ${CMAKE_SOURCE_DIR}/scripts/check_layers.cmake)
set_tests_properties(layers.source_tree PROPERTIES LABELS integration
  PASS_REGULAR_EXPRESSION "layers: [0-9]+ includes checked, none upward")
add_test(NAME layers.upward_include_refused
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_CURRENT_SOURCE_DIR}/data/layers
          -P ${CMAKE_SOURCE_DIR}/scripts/check_layers.cmake)
# One problem exactly: the planted include, not the lower ones of experiment/uses_lower.cpp.
set_tests_properties(layers.upward_include_refused PROPERTIES LABELS integration WILL_FAIL TRUE)
add_test(NAME layers.upward_include_message
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_CURRENT_SOURCE_DIR}/data/layers
          -P ${CMAKE_SOURCE_DIR}/scripts/check_layers.cmake)
set_tests_properties(layers.upward_include_message PROPERTIES LABELS integration
  PASS_REGULAR_EXPRESSION "model/uses_cli.hpp: includes \"cli/commands.hpp\": the model layer may not include the cli layer"
  FAIL_REGULAR_EXPRESSION "uses_lower")
