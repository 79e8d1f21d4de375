#pragma once
// Error types shared by every layer.
//
// InputError is what a user can fix: a bad scenario file, a bad override, a missing or foreign
// results file. The CLI prints every problem it carries and exits with code 2. Programming
// invariants are assertions, never InputError.
#include <stdexcept>
#include <string>
#include <vector>

namespace flashpoint {

/// One problem in an input, located as precisely as the input allows.
struct Problem {
  std::string file;     ///< path of the file, or "--set KEY=VALUE" for an override
  int line = 0;         ///< 1-based; 0 when unknown
  int column = 0;       ///< 1-based; 0 when unknown
  std::string key;      ///< dotted path of the offending key, e.g. "actors.NTH.rationality"
  std::string message;  ///< what is wrong and what was expected

  /// "FILE:LINE:COL: KEY: message" (line/column and key omitted when unknown).
  [[nodiscard]] std::string format() const;
};

/// Thrown when an input has one or more problems; carries all of them.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Problem> problems);
  explicit InputError(Problem problem);
  [[nodiscard]] const std::vector<Problem>& problems() const { return problems_; }

 private:
  std::vector<Problem> problems_;
};

/// Thrown when writing or reading results fails (disk full, HDF5 error, foreign file).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Thrown when a run's state stops being a number (NaN or infinity) although every parameter is
/// within its documented range, e.g. Richardson's hostility spiral with k_ij*k_ji > a_i*a_j. The
/// message names the run (index and seed), the day and its date, the quantity and the actor or
/// dyad. The CLI prints it as "flashpoint: error: ..." and exits with code 1.
class ModelDiverged : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A whole number with thousands separators for messages: 8219 -> "8,219".
[[nodiscard]] std::string thousands(long long n);

/// Documented process exit codes (docs/cli.md).
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,     ///< runtime failure: I/O error, HDF5 error, a diverging run, internal error
  kExitBadInput = 2,    ///< the input (scenario, override, command line, results file) is wrong
  kExitInterrupted = 3  ///< stopped by SIGINT/SIGTERM; no complete output was written
};

}  // namespace flashpoint
