#pragma once
// How the processes of one experiment talk: a single process, or MPI ranks (built with
// FLASHPOINT_MPI and launched by mpirun or srun). Runners only need a rank, a size, a barrier and
// an agreement that every rank succeeded; the rest goes through the journals on disk.
#include <memory>

namespace flashpoint {

class Communicator {
 public:
  virtual ~Communicator() = default;
  [[nodiscard]] virtual int rank() const = 0;
  [[nodiscard]] virtual int size() const = 0;
  virtual void barrier() = 0;
  /// Collective: true when `mine` is true on every rank. Every rank must call it, including
  /// one that failed, so that no rank waits for ever.
  [[nodiscard]] virtual bool all_ok(bool mine) = 0;
};

/// The communicator of this process: MPI's world when the program was built with MPI and
/// launched under an MPI launcher, else a single process. Call once, from main().
[[nodiscard]] std::unique_ptr<Communicator> make_communicator(int* argc, char*** argv);

/// The process-wide communicator made in main() (a single process when none was made).
[[nodiscard]] Communicator& world();
void set_world(Communicator* comm);

/// True when this build can use MPI.
[[nodiscard]] bool built_with_mpi();

}  // namespace flashpoint
