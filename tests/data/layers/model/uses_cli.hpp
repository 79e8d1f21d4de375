// A model file that includes a header of the cli layer: check_layers.cmake must refuse it.
#include "cli/commands.hpp"
