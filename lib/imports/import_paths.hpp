#pragma once
// Where an import keeps its files, all beside its inbound directory so that every move is a
// rename within one filesystem:
//   <inbound>/                      watched; users drop files here
//   <inbound>/../<name>.work/<id>/  a taken file (its source, its parts, results being written)
//   <inbound>/../<name>.done/<file>/      status.json, failures.csv, warnings.csv, and the source
//   <inbound>/../<name>.rejected/<file>   and <file>.reason
#include <cstdint>
#include <filesystem>
#include <string>

namespace msync::imports {

struct ImportPaths {
  ImportPaths(const std::string& import_name, const std::filesystem::path& inbound_dir);

  std::filesystem::path inbound;
  std::filesystem::path work_root;
  std::filesystem::path done_root;
  std::filesystem::path rejected_root;

  // The work folder of the taken file with state id `file_id`.
  std::filesystem::path work_dir(std::int64_t file_id) const;
};

}  // namespace msync::imports
