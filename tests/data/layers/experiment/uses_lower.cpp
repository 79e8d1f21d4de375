// An experiment file that includes lower layers only: allowed.
#include "core/error.hpp"
#include "experiment/engine.hpp"
#include "model/phases.hpp"
