#pragma once
// What the libFuzzer targets share: a private folder per process in which experiment files are
// written, next to links to the seed scenarios, so that `scenario: minimal.yaml` resolves.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "experiment/specs.hpp"

namespace flashpoint::fuzz {

/// The process's folder (made on first use under TMPDIR, removed at exit). It holds a link to
/// every scenario of scenarios/ and scenarios/invented/ and to tests/data/minimal.yaml and
/// layer2.yaml, each under its file name.
[[nodiscard]] const std::filesystem::path& work_dir();

/// Writes `size` bytes to `path`, replacing it; aborts when it cannot (a harness failure).
void write_file(const std::filesystem::path& path, const std::uint8_t* data, std::size_t size);

/// The text of a file of the source tree (path relative to it); aborts when it cannot be read.
[[nodiscard]] std::string read_source_file(const std::string& relative);

}  // namespace flashpoint::fuzz
