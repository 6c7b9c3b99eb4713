// Times the import path on one file: validate_import_file (UTF-8, header against a field catalog,
// every record's column count, SHA-256, one pass, planning the cuts) then split_import_file into
// parts under Marketo's 10 MB, cut where the validation planned. Prints one line of figures for
// bench/import.sh:
//   validate_s split_s cpu_s parts records bytes
//
//   import-split-bench FILE OUT_DIR [--read]
// --read leaves the plan aside and splits by reading the file, as a resumed import does.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "imports/imports.hpp"

namespace {

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const bool read = argc == 4 && std::string(argv[3]) == "--read";
  if (argc != 3 && !read) {
    std::fprintf(stderr, "usage: import-split-bench FILE OUT_DIR [--read]\n");
    return 64;
  }
  using namespace msync;
  const std::filesystem::path file = argv[1];
  // The fields the bench file's header uses, as Marketo's describe endpoints would list them.
  const imports::FieldCatalog fields(
      {"email", "firstName", "lastName", "company", "title", "leadScore", "city", "country"});

  const double cpu_before = cpu_seconds();
  auto start = std::chrono::steady_clock::now();
  const auto validation = imports::validate_import_file(file, csv::Format::csv, fields);
  const double validate_s = since(start);
  if (const auto* rejected = std::get_if<imports::Rejection>(&validation)) {
    std::fprintf(stderr, "rejected: %s\n", rejected->describe().c_str());
    return 65;
  }
  const auto& valid = std::get<imports::ValidatedFile>(validation);

  start = std::chrono::steady_clock::now();
  auto parts = imports::split_import_file(file, csv::Format::csv, imports::kMaxImportBytes, argv[2],
                                          read ? std::nullopt : valid.plan);
  const double split_s = since(start);
  if (!parts) {
    std::fprintf(stderr, "split failed: %s\n", parts.error().message.c_str());
    return 1;
  }
  std::printf("%.4f %.4f %.4f %zu %llu %llu\n", validate_s, split_s, cpu_seconds() - cpu_before,
              parts->size(), static_cast<unsigned long long>(valid.records),
              static_cast<unsigned long long>(valid.bytes));
  return 0;
}
