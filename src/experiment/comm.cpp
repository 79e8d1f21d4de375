#include "experiment/comm.hpp"

#include <cstdlib>

#ifdef FLASHPOINT_MPI
#include <mpi.h>
#endif

namespace flashpoint {
namespace {

class SingleProcess final : public Communicator {
 public:
  [[nodiscard]] int rank() const override { return 0; }
  [[nodiscard]] int size() const override { return 1; }
  void barrier() override {}
  [[nodiscard]] bool all_ok(bool mine) override { return mine; }
};

#ifdef FLASHPOINT_MPI
class MpiWorld final : public Communicator {
 public:
  MpiWorld(int* argc, char*** argv) {
    int provided = 0;
    // Only the main thread of each rank calls MPI; worker threads never do.
    MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiWorld() override { MPI_Finalize(); }
  MpiWorld(const MpiWorld&) = delete;
  MpiWorld& operator=(const MpiWorld&) = delete;
  [[nodiscard]] int rank() const override { return rank_; }
  [[nodiscard]] int size() const override { return size_; }
  void barrier() override { MPI_Barrier(MPI_COMM_WORLD); }
  [[nodiscard]] bool all_ok(bool mine) override {
    int in = mine ? 1 : 0;
    int out = 0;
    MPI_Allreduce(&in, &out, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    return out == 1;
  }

 private:
  int rank_ = 0, size_ = 1;
};

/// Launched by mpirun/mpiexec (Open MPI, MPICH) or srun (PMI/PMIx)?
bool under_mpi_launcher() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "PMI_RANK"}) {
    if (std::getenv(v) != nullptr) return true;
  }
  return false;
}
#endif

SingleProcess& single() {
  static SingleProcess s;
  return s;
}

Communicator* g_world = nullptr;

}  // namespace

std::unique_ptr<Communicator> make_communicator([[maybe_unused]] int* argc,
                                                [[maybe_unused]] char*** argv) {
#ifdef FLASHPOINT_MPI
  if (under_mpi_launcher()) return std::make_unique<MpiWorld>(argc, argv);
#endif
  return std::make_unique<SingleProcess>();
}

Communicator& world() {
  return g_world != nullptr ? *g_world : single();
}
void set_world(Communicator* comm) {
  g_world = comm;
}

bool built_with_mpi() {
#ifdef FLASHPOINT_MPI
  return true;
#else
  return false;
#endif
}

}  // namespace flashpoint
