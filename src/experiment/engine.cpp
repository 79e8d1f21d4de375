#include "experiment/engine.hpp"

#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>  // renameat2, RENAME_NOREPLACE (glibc 2.28)
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "experiment/journal.hpp"
#include "experiment/memory.hpp"
#include "experiment/progress.hpp"
#include "experiment/runner.hpp"
#include "model/phases.hpp"

namespace flashpoint {
namespace fs = std::filesystem;

namespace {

constexpr double kSyncSeconds = 10;  ///< journals are flushed to the disk at least this often
/// Plans are made this many at a time: the threads wait for the slowest run of a batch, which
/// costs little against thousands of runs, and the batch's memory does not grow with the runs.
constexpr std::size_t kPlanBatch = 1 << 12;
constexpr const char* kPartsMarker = ".flashpoint-journals";

bool is_journal_name(const std::string& name) {
  return name.size() > 8 && name.ends_with(".journal") && name.find('/') == std::string::npos;
}

/// Writes the marker file into the folder `dir`.
void write_parts_marker(const std::string& dir, const std::string& output) {
  const std::string marker = (fs::path(dir) / kPartsMarker).string();
  const int fd = ::open(marker.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw OutputError(fmt::format("cannot create {}: {}", marker, std::strerror(errno)));
  }
  const std::string text = fmt::format(
      "This folder holds the journals of the flashpoint results file {}.\nflashpoint deletes "
      "it when the file is complete.\n",
      fs::path(output).filename().string());
  const bool ok = ::pwrite(fd, text.data(), text.size(), 0) == static_cast<ssize_t>(text.size());
  ::close(fd);
  if (!ok) throw OutputError(fmt::format("cannot write {}", marker));
}

/// Makes the folder `dir` with its marker in one step, as a folder of its own (mkdtemp: a name no
/// other process or host can take) renamed into place without replacing anything, so that
/// processes started together (shards) never see it without its marker. Returns false when
/// another process made it first.
bool make_parts_dir(const std::string& dir, const std::string& output) {
  std::string fresh = dir + ".new-XXXXXX";
  if (::mkdtemp(fresh.data()) == nullptr) {
    throw OutputError(
        fmt::format("cannot create a folder beside {}: {}", dir, std::strerror(errno)));
  }
  const auto discard = [&fresh] {
    std::error_code ec;
    fs::remove_all(fresh, ec);
  };
  try {
    write_parts_marker(fresh, output);
  } catch (...) {
    discard();
    throw;
  }
  // RENAME_NOREPLACE: an empty folder made meanwhile by someone else is not replaced either.
  int moved = ::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, dir.c_str(), RENAME_NOREPLACE);
  if (moved != 0 && errno == EINVAL) moved = ::rename(fresh.c_str(), dir.c_str());  // no support
  if (moved == 0) return true;
  const int err = errno;
  discard();
  if (err == EEXIST || err == ENOTEMPTY) return false;
  throw OutputError(fmt::format("cannot create the folder {}: {}", dir, std::strerror(err)));
}

}  // namespace

/// Makes OUT.parts, or checks that the folder there is one flashpoint made: it holds the marker
/// file, or (folders of versions before the marker) only journals. A symbolic link, a file or a
/// folder of the user's is refused (InputError), so that nothing of theirs is written into or
/// deleted.
void prepare_parts_dir(const std::string& dir, const std::string& output) {
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) {
    if (errno != ENOENT) {
      throw OutputError(fmt::format("cannot use the folder {}: {}", dir, std::strerror(errno)));
    }
    if (make_parts_dir(dir, output)) return;
    // Another process made it between the two calls: check what is there now.
    if (::lstat(dir.c_str(), &st) != 0) {
      throw OutputError(fmt::format("cannot use the folder {}: {}", dir, std::strerror(errno)));
    }
  }
  if (!S_ISDIR(st.st_mode)) {
    throw InputError(Problem{
        output, 0, 0, "",
        fmt::format("{} (where the journals of this output go) is {}, not a folder flashpoint "
                    "made: move it away or choose another output",
                    dir, S_ISLNK(st.st_mode) ? "a symbolic link" : "a file")});
  }
  if (::access((fs::path(dir) / kPartsMarker).c_str(), F_OK) != 0) {
    bool only_journals = false;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      only_journals = is_journal_name(entry.path().filename().string()) &&
                      entry.is_regular_file(ec) && !entry.is_symlink(ec);
      if (!only_journals) break;
    }
    if (!only_journals) {
      throw InputError(Problem{
          output, 0, 0, "",
          fmt::format("the folder {} exists and was not made by flashpoint (it has no {} file): "
                      "flashpoint keeps the journals of this output there and deletes them at "
                      "the end, so move the folder away or choose another output",
                      dir, kPartsMarker)});
    }
  }
  write_parts_marker(dir, output);
}

namespace {

std::vector<std::string> journal_files(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (is_journal_name(entry.path().filename().string())) out.push_back(entry.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string journal_name(const ExecuteOptions& o, const Communicator& comm) {
  std::string name = "run";
  if (o.shards > 1) name = fmt::format("shard{}of{}", o.shard + 1, o.shards);
  if (comm.size() > 1 || comm.rank() > 0) name += fmt::format("-rank{}", comm.rank());
  return name + ".journal";
}

/// Scans every journal of the folder; refuses any that belongs to another experiment.
std::vector<std::pair<std::string, JournalScan>> scan_all(const std::string& dir,
                                                          const ExperimentRuns& e) {
  std::vector<std::pair<std::string, JournalScan>> out;
  for (const auto& file : journal_files(dir)) {
    JournalScan scan = scan_journal(file);
    // A journal killed before its header was whole holds no run: nothing to check.
    if (scan.has_header && (scan.header.design_hash != e.hash || scan.header.runs != e.runs ||
                            scan.header.keep != e.keep)) {
      throw InputError(Problem{
          file, 0, 0, "",
          fmt::format("this journal belongs to another design (hash {:016x}, {} runs, keep {}; "
                      "the {} file now gives hash {:016x}, {} runs, keep {}): the {} file, its "
                      "scenario or the code changed since it was started, so it cannot be "
                      "resumed. Pass --force to delete {} and start again, or write to another "
                      "output",
                      scan.header.design_hash, scan.header.runs, keep_level_name(scan.header.keep),
                      e.kind, e.hash, e.runs, keep_level_name(e.keep), e.kind, dir)});
    }
    out.emplace_back(file, std::move(scan));
  }
  return out;
}

/// A small cache of the scenarios of the variants in flight.
class ScenarioCache {
 public:
  ScenarioCache(const ExperimentRuns& e, std::size_t capacity) : e_(e), capacity_(capacity) {}

  std::shared_ptr<const Scenario> get(std::size_t variant) {
    std::shared_future<std::shared_ptr<const Scenario>> future;
    std::promise<std::shared_ptr<const Scenario>> promise;
    bool make = false;
    {
      std::lock_guard lock(mutex_);
      auto it = entries_.find(variant);
      if (it == entries_.end()) {
        future = promise.get_future().share();
        entries_.emplace(variant, future);
        make = true;
        while (entries_.size() > capacity_) entries_.erase(entries_.begin());
      } else {
        future = it->second;
      }
    }
    if (make) {
      try {
        promise.set_value(std::make_shared<const Scenario>(e_.make_scenario(variant)));
      } catch (...) {
        promise.set_exception(std::current_exception());
      }
    }
    return future.get();
  }

 private:
  const ExperimentRuns& e_;
  std::size_t capacity_;
  std::mutex mutex_;
  std::map<std::size_t, std::shared_future<std::shared_ptr<const Scenario>>> entries_;
};

/// One run of an experiment, as both execute() and run_in_memory() simulate it: its variant's
/// scenario (from a cache of the variants in flight) and, with a profile, the run's phase times
/// added to it. Called from the worker threads.
class RunSimulator {
 public:
  RunSimulator(const ExperimentRuns& e, int threads, bool stop_on_interrupt, PhaseProfile* profile)
      : e_(e),
        cache_(e, static_cast<std::size_t>(4 * threads + 4)),
        stop_on_interrupt_(stop_on_interrupt),
        profile_(profile) {}

  RunResult operator()(const RunPlan& p) {
    const auto scenario = cache_.get(e_.variant(p.run));
    if (profile_ == nullptr) return finished(simulate(*scenario, p, stop_on_interrupt_));
    PhaseProfile mine;
    RunResult r = simulate(*scenario, p, stop_on_interrupt_, &mine);
    {
      const std::lock_guard guard(profile_mutex_);
      *profile_ += mine;
    }
    return finished(std::move(r));
  }

 private:
  RunResult finished(RunResult r) const {
    if (e_.finish_run) e_.finish_run(r);
    return r;
  }

  const ExperimentRuns& e_;
  ScenarioCache cache_;
  bool stop_on_interrupt_;
  PhaseProfile* profile_;
  std::mutex profile_mutex_;
};

}  // namespace

void HashBuilder::add(std::string_view text) {
  h_ = fnv1a(text, h_);
  h_ = fnv1a(std::string_view("\x1f", 1), h_);
}

void HashBuilder::add(std::uint64_t v) {
  add(std::to_string(v));
}

double peak_memory_mib() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: kilobytes
}

namespace {
bool same_shape(const ResultsLayout& layout, const Scenario& variant) {
  const ResultsLayout l = results_layout(variant);
  return l.days == layout.days && l.dates == layout.dates && l.actors == layout.actors &&
         l.states == layout.states && l.categories == layout.categories &&
         l.crossings == layout.crossings && l.dyads == layout.dyads && l.groups == layout.groups;
}
}  // namespace

Scenario instantiate_variant(const ScenarioSource& source, const std::vector<Override>& overrides,
                             const ResultsLayout& layout, std::size_t blame) {
  Scenario sc = source.instantiate(overrides);
  if (!same_shape(layout, sc)) {
    // Blame the first override that changes the shape when they are applied in order.
    for (std::size_t k = blame; k + 1 < overrides.size(); ++k) {
      const std::vector<Override> first(overrides.begin(),
                                        overrides.begin() + static_cast<std::ptrdiff_t>(k + 1));
      if (!same_shape(layout, source.instantiate(first))) {
        blame = k;
        break;
      }
      blame = k + 1;
    }
    Problem p{source.path(), 0, 0, "",
              "this variant changes the shape of the results (days, start date, actors, "
              "crossings or armed groups); every run of an experiment must have the same shape"};
    if (blame < overrides.size() && !overrides[blame].origin_file.empty()) {
      p.file = overrides[blame].origin_file;
      p.line = overrides[blame].origin_line;
      p.column = overrides[blame].origin_column;
      p.key = overrides[blame].path;
    }
    throw InputError(p);
  }
  return sc;
}

std::optional<TypedBase> typed_base(const ScenarioSource& source,
                                    const std::vector<Override>& overrides,
                                    const ResultsLayout& layout) {
  try {
    TypedBase base = read_typed_base(source, overrides);
    if (!same_shape(layout, base.scenario)) return std::nullopt;
    return base;
  } catch (const InputError&) {
    return std::nullopt;
  }
}

Scenario make_variant(const TypedBase* base, std::span<const Override> typed,
                      const ScenarioSource& source,
                      const std::function<std::vector<Override>()>& overrides,
                      const ResultsLayout& layout, std::size_t blame) {
  // Typed values never change the shape of the results (days, dates and ids are not typed).
  if (base != nullptr) {
    if (auto sc = set_typed(*base, typed)) return std::move(*sc);
  }
  return instantiate_variant(source, overrides(), layout, blame);
}

Provenance experiment_provenance(const Scenario& base, const std::string& command_line,
                                 std::uint64_t master_seed) {
  Provenance prov;
  prov.command_line = command_line;
  prov.master_seed = master_seed;
  prov.scenario_name = base.name;
  prov.scenario_path = base.source_path;
  prov.scenario_yaml = base.source_text;
  prov.resolved_parameters = base.resolved;
  prov.start_date = base.start_date.to_string();
  return prov;
}

std::unique_ptr<ResultsWriter> open_experiment_writer(
    const std::string& output, const Scenario& base, const ExperimentRuns& e,
    const std::string& command_line, std::uint64_t master_seed, const std::string& name,
    const std::string& path, const std::string& text) {
  WriterOptions wo;
  wo.runs = e.runs;
  wo.series = e.keep != KeepLevel::kOutcomes;
  wo.events = e.keep == KeepLevel::kEvents;
  wo.overwrite = true;
  auto writer = std::make_unique<ResultsWriter>(
      output, results_layout(base), experiment_provenance(base, command_line, master_seed), wo);
  writer->write_root_attribute("experiment", e.kind);
  writer->write_root_attribute("experiment_name", name);
  writer->write_root_attribute("experiment_path", path);
  writer->write_root_attribute("design_hash", fmt::format("{:016x}", e.hash));
  writer->write_provenance_text("experiment_yaml", text);
  return writer;
}

ThreadChoice choose_threads(const ExperimentRuns& e, int threads, bool threads_from_user) {
  ThreadChoice c;
  c.wanted =
      static_cast<int>(std::clamp<std::int64_t>(threads, 1, std::max<std::int64_t>(e.runs, 1)));
  c.threads = e.base != nullptr ? check_memory(*e.base, c.wanted, threads_from_user) : c.wanted;
  return c;
}

ExecuteReport execute(const ExperimentRuns& e, const ExecuteOptions& o, Communicator& comm) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::string dir = parts_dir_of(o.output);
  ExecuteReport report;

  // Every decision that could differ between ranks is agreed on (all_ok) before any rank acts
  // on it, so that an error on one rank never leaves the others waiting in a collective.
  auto agree = [&comm](std::exception_ptr& failure) {
    const bool ok = comm.all_ok(!failure);
    if (failure) std::rethrow_exception(failure);
    if (!ok) throw OutputError("another rank stopped; its message says why");
  };

  // 0. The runs must fit in memory (before anything is deleted or written): refused, or fewer
  // threads when the user did not choose the count. Unless memory lowers it, the count reported
  // is the one asked for, even when the experiment has fewer runs.
  std::exception_ptr failure;
  int threads = std::max(1, o.threads);
  try {
    const ThreadChoice choice = choose_threads(e, threads, o.threads_from_user);
    if (choice.threads < choice.wanted) threads = choice.threads;
  } catch (...) {
    failure = std::current_exception();
  }
  agree(failure);
  report.threads = threads;

  // 1. The parts folder: started again with --force (rank 0 deletes the journals of this shard,
  // every rank's), refused without --resume when journals exist.
  if (o.force && !o.resume && comm.rank() == 0) {
    struct stat st {};
    try {
      if (::lstat(dir.c_str(), &st) == 0) {
        prepare_parts_dir(dir, o.output);  // refuses a folder flashpoint did not make
        if (o.shards > 1) {
          const std::string prefix = fmt::format("shard{}of{}", o.shard + 1, o.shards);
          for (const auto& file : journal_files(dir)) {
            const std::string name = fs::path(file).filename().string();
            if (name.rfind(prefix + ".", 0) == 0 || name.rfind(prefix + "-", 0) == 0) {
              ::unlink(file.c_str());
            }
          }
        } else {
          remove_parts(dir);
        }
      }
    } catch (...) {
      failure = std::current_exception();
    }
  }
  agree(failure);
  const std::string own_path = (fs::path(dir) / journal_name(o, comm)).string();
  std::vector<std::pair<std::string, JournalScan>> scans;
  std::vector<bool> done(static_cast<std::size_t>(e.runs), false);
  try {
    if (comm.rank() == 0) prepare_parts_dir(dir, o.output);
  } catch (...) {
    failure = std::current_exception();
  }
  agree(failure);  // the folder exists and is ours before any rank reads or writes in it
  try {
    scans = scan_all(dir, e);
    for (const auto& [file, scan] : scans) {
      for (const auto& [run, offset] : scan.records) done[static_cast<std::size_t>(run)] = true;
    }
    report.already_done = std::count(done.begin(), done.end(), true);
    if (!o.resume) {
      bool started = false;  // journals this invocation would overwrite or ignore
      for (const auto& [file, scan] : scans) {
        const std::string name = fs::path(file).filename().string();
        const std::string prefix = fmt::format("shard{}of{}", o.shard + 1, o.shards);
        if (o.shards == 1 || name.rfind(prefix + ".", 0) == 0 || name.rfind(prefix + "-", 0) == 0) {
          started = true;
        }
      }
      if (started) {
        throw InputError(Problem{
            o.output, 0, 0, "",
            fmt::format("an unfinished {} to this file was started before ({} holds {} "
                        "finished run{}): pass --resume to finish it, or --force to start again",
                        e.kind, dir, report.already_done, report.already_done == 1 ? "" : "s")});
      }
      std::fill(done.begin(), done.end(), false);
    }
  } catch (...) {
    failure = std::current_exception();
  }
  // Every rank has read the journals before any rank writes to one.
  agree(failure);

  // 2. This process's share: runs of this shard not journaled, dealt out over the ranks. Plans
  // are made a batch at a time, so memory does not grow with the number of runs.
  std::int64_t share_all = 0;
  std::int64_t shard_done = 0;  // runs of this shard journaled by earlier sessions
  for (std::int64_t r = o.shard; r < e.runs; r += o.shards) {
    if (done[static_cast<std::size_t>(r)]) {
      ++shard_done;
    } else {
      ++share_all;
    }
  }
  report.share = share_all;
  // Progress (rank 0): of this shard's runs, counting every rank's as rank 0's pace. A report
  // function that throws Interrupted stops the runs as a signal does (the flag is raised, so that
  // the runs in flight finish and are journaled) and the flag is lowered again afterwards.
  ProgressMeter meter(comm.rank() == 0 ? o.on_progress : ProgressFn(), e.kind,
                      shard_done + share_all, shard_done);
  bool stopped_by_progress = false;
  auto progress = [&](auto&& call) {
    try {
      call();
    } catch (const Interrupted&) {
      stopped_by_progress = true;
      set_interrupt_requested(true);
    }
  };

  const JournalScan* existing = nullptr;
  for (const auto& [file, scan] : scans) {
    if (file == own_path) existing = &scan;
  }
  JournalHeader header{e.hash, e.keep, e.runs};
  std::unique_ptr<JournalWriter> journal;
  std::int64_t ran_here = 0;
  try {
    journal = std::make_unique<JournalWriter>(own_path, header, existing);
    // Runs in flight finish and are kept (OnInterrupt::kFinishClaimed below).
    RunSimulator simulate_run(e, threads, /*stop_on_interrupt=*/false, /*profile=*/nullptr);
    auto last_sync = std::chrono::steady_clock::now();
    progress([&] { meter.start(); });
    std::vector<RunPlan> plans;
    std::int64_t next = o.shard;
    std::int64_t dealt = 0;  // runs of the share seen so far, over all ranks
    for (;;) {
      plans.clear();
      for (; next < e.runs && plans.size() < kPlanBatch; next += o.shards) {
        if (done[static_cast<std::size_t>(next)]) continue;
        if (dealt++ % comm.size() == comm.rank()) plans.push_back(e.plan(next));
      }
      if (plans.empty()) break;
      run_plans(
          plans, threads, [&](const RunPlan& p) { return simulate_run(p); },
          [&](RunResult&& r) {
            journal->append(r);
            ++ran_here;
            const auto now = std::chrono::steady_clock::now();
            if (std::chrono::duration<double>(now - last_sync).count() > kSyncSeconds) {
              journal->sync();
              last_sync = now;
            }
            const double elapsed = std::chrono::duration<double>(now - t0).count();
            if (o.max_hours > 0 && elapsed > o.max_hours * 3600 && !report.time_limit) {
              report.time_limit = true;
              set_interrupt_requested(true);
            }
            progress([&] { meter.advance(comm.size()); });
          },
          OnInterrupt::kFinishClaimed);
    }
    journal->sync();
    progress([&] { meter.finish(); });
    // A stop asked for by the report function after the last run was handed out.
    if (stopped_by_progress) throw Interrupted("stopped by the progress report function");
  } catch (const Interrupted&) {
    try {
      if (journal) journal->sync();
    } catch (...) {
      failure = std::current_exception();
    }
    progress([&] { meter.finish(); });  // "stopped" (nothing when the function stopped it)
    if (stopped_by_progress) report.time_limit = false;
    if (report.time_limit || stopped_by_progress) set_interrupt_requested(false);
    report.interrupted = !report.time_limit;
  } catch (const ModelDiverged& diverged) {
    // The runs finished before stay in the journal (run_plans stopped at the first failure);
    // --resume would run the diverging one again, so the message says what to change.
    failure = std::make_exception_ptr(ModelDiverged(fmt::format(
        "{}. The {} stopped; the {} run{} it finished {} kept in {} (--resume would run this "
        "one again: change the {} file or its scenario)",
        diverged.what(), e.kind, ran_here, ran_here == 1 ? "" : "s", ran_here == 1 ? "is" : "are",
        dir, e.kind)));
  } catch (...) {
    failure = std::current_exception();
  }
  journal.reset();
  agree(failure);
  // One rank stopped by a signal or the clock stops the experiment for all.
  report.interrupted = !comm.all_ok(!report.interrupted);
  report.time_limit = !report.interrupted && !comm.all_ok(!report.time_limit);

  try {
    report.present = journaled_runs(dir, e);
  } catch (...) {
    failure = std::current_exception();
  }
  agree(failure);
  report.ran = report.present - (o.resume ? report.already_done : 0);
  report.complete = report.present == e.runs;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
#ifdef __GLIBC__
  // The worker threads are gone, but glibc keeps the free memory of their arenas mapped; hand
  // it back before the results file is assembled, so the two phases' peaks do not add up.
  malloc_trim(0);
#endif
  return report;
}

void run_in_memory(const ExperimentRuns& e, int threads,
                   const std::function<void(RunResult&&)>& sink, PhaseProfile* profile,
                   const ProgressFn& on_progress) {
  // Nothing is kept, so a signal stops every run at once (OnInterrupt::kStop), and so does an
  // Interrupted thrown by the report function (run_plans stops at the sink's first exception).
  RunSimulator simulate_run(e, threads, /*stop_on_interrupt=*/true, profile);
  ProgressMeter meter(on_progress, "run", e.runs, 0);
  try {
    meter.start();
    std::vector<RunPlan> plans;
    for (std::int64_t next = 0; next < e.runs;) {
      plans.clear();
      for (; next < e.runs && plans.size() < kPlanBatch; ++next) plans.push_back(e.plan(next));
      run_plans(
          plans, threads, [&](const RunPlan& p) { return simulate_run(p); },
          [&](RunResult&& r) {
            sink(std::move(r));
            meter.advance();
          },
          OnInterrupt::kStop);
    }
  } catch (const Interrupted&) {
    try {
      meter.finish();  // "stopped"; nothing when the report function threw
    } catch (const Interrupted&) {
      // Stopping already.
    }
    throw;
  }
  meter.finish();
}

namespace {
OutputError missing_runs(std::int64_t missing, std::int64_t runs, const std::string& parts_dir,
                         std::int64_t first) {
  return OutputError(fmt::format(
      "{} of the {} runs {} not in the journals of {} (the first missing is run {}): finish "
      "them with --resume (or the missing shards) before assembling the results file",
      missing, runs, missing == 1 ? "is" : "are", parts_dir, first));
}
}  // namespace

void require_every_run(const std::string& parts_dir, const ExperimentRuns& e) {
  std::vector<bool> seen(static_cast<std::size_t>(e.runs), false);
  for (const auto& [file, scan] : scan_all(parts_dir, e)) {
    for (const auto& [run, offset] : scan.records) seen[static_cast<std::size_t>(run)] = true;
  }
  const auto first = std::find(seen.begin(), seen.end(), false);
  if (first == seen.end()) return;
  throw missing_runs(std::count(seen.begin(), seen.end(), false), e.runs, parts_dir,
                     first - seen.begin());
}

std::int64_t journaled_runs(const std::string& parts_dir, const ExperimentRuns& e) {
  std::vector<bool> seen(static_cast<std::size_t>(e.runs), false);
  for (const auto& [file, scan] : scan_all(parts_dir, e)) {
    for (const auto& [run, offset] : scan.records) seen[static_cast<std::size_t>(run)] = true;
  }
  return std::count(seen.begin(), seen.end(), true);
}

void for_each_journaled_run(const std::string& parts_dir, const ExperimentRuns& e,
                            const std::function<void(RunResult&&)>& sink) {
  // Each journal's index sorted by run (then by offset: the first copy of a run wins), and the
  // journals merged run by run: no index over all runs besides the journals' own (16 bytes a run).
  auto scans = scan_all(parts_dir, e);
  std::vector<std::unique_ptr<JournalReader>> readers;
  for (auto& [file, scan] : scans) {
    std::sort(scan.records.begin(), scan.records.end());
    readers.push_back(std::make_unique<JournalReader>(file, e.keep));
  }
  std::vector<std::size_t> cursor(scans.size(), 0);
  // Where run r is: (journal, offset), or none; moves every cursor past runs before r.
  auto locate = [&](std::int64_t r) -> std::optional<std::pair<std::size_t, std::uint64_t>> {
    std::optional<std::pair<std::size_t, std::uint64_t>> found;
    for (std::size_t f = 0; f < scans.size(); ++f) {
      const auto& records = scans[f].second.records;
      std::size_t& c = cursor[f];
      while (c < records.size() && records[c].first < r) ++c;
      if (!found && c < records.size() && records[c].first == r) found = {{f, records[c].second}};
    }
    return found;
  };
  std::int64_t missing = 0, first_missing = -1;
  for (std::int64_t r = 0; r < e.runs; ++r) {
    if (locate(r)) continue;
    if (missing++ == 0) first_missing = r;
  }
  if (missing > 0) {
    throw missing_runs(missing, e.runs, parts_dir, first_missing);
  }
  std::fill(cursor.begin(), cursor.end(), 0);
  for (std::int64_t r = 0; r < e.runs; ++r) {
    const auto [f, offset] = *locate(r);
    RunResult result = readers[f]->read(offset);
    if (result.run != r) {
      throw OutputError(fmt::format("the journal {} holds run {} where run {} was indexed",
                                    scans[f].first, result.run, r));
    }
    sink(std::move(result));
  }
}

namespace {

/// The folders DIR.new-XXXXXX beside DIR that a process killed between mkdtemp and the rename
/// of make_parts_dir left behind: a folder (not a link) holding the marker and nothing else is
/// removed; anything else of that name is left as it is.
void remove_unfinished_parts_dirs(const std::string& parts_dir) {
  const fs::path dir(parts_dir);
  const std::string prefix = dir.filename().string() + ".new-";
  const fs::path parent = dir.has_parent_path() ? dir.parent_path() : fs::path(".");
  try {
    for (const auto& entry : fs::directory_iterator(parent)) {
      const std::string name = entry.path().filename().string();
      if (name.size() != prefix.size() + 6 || !name.starts_with(prefix)) continue;
      struct stat st {};
      if (::lstat(entry.path().c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) continue;
      bool only_marker = true;
      for (const auto& inside : fs::directory_iterator(entry.path())) {
        only_marker = only_marker && inside.path().filename() == kPartsMarker &&
                      inside.is_regular_file() && !inside.is_symlink();
      }
      if (!only_marker) continue;
      ::unlink((entry.path() / kPartsMarker).c_str());
      ::rmdir(entry.path().c_str());
    }
  } catch (const fs::filesystem_error&) {
    // A folder that cannot be read is left: this is tidying, not part of the results.
  }
}

}  // namespace

void remove_parts(const std::string& parts_dir) {
  struct stat st {};
  if (::lstat(parts_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return;
  // Only what flashpoint put there: the journals and the marker; a folder with anything else in
  // it is left (with that).
  for (const auto& file : journal_files(parts_dir)) ::unlink(file.c_str());
  ::unlink((fs::path(parts_dir) / kPartsMarker).c_str());
  ::rmdir(parts_dir.c_str());
  // Every caller holds the output's exclusive lock, so no other process is making the folder.
  remove_unfinished_parts_dirs(parts_dir);
}

}  // namespace flashpoint
