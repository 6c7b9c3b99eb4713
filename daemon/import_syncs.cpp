#include "import_syncs.hpp"

namespace msync::daemon {
namespace {

csv::Format file_format(config::Format format) {
  switch (format) {
    case config::Format::csv: return csv::Format::csv;
    case config::Format::tsv: return csv::Format::tsv;
    case config::Format::ssv: return csv::Format::ssv;
  }
  return csv::Format::csv;
}

}  // namespace

std::vector<imports::ImportSync> import_syncs(const config::Config& config) {
  std::vector<imports::ImportSync> syncs;
  for (const auto& import : config.imports) {
    imports::ImportSync sync;
    sync.name = import.name;
    sync.program_id = import.program_id;
    sync.program_member_status = import.program_member_status;
    sync.inbound_dir = import.inbound_dir;
    sync.format = file_format(import.format);
    syncs.push_back(std::move(sync));
  }
  return syncs;
}

imports::ImportSettings import_settings(const config::Config& config) {
  imports::ImportSettings settings;
  settings.poll_interval = config.marketo.import_poll_interval;
  return settings;
}

}  // namespace msync::daemon
