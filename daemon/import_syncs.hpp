#pragma once
// The composition root's translation from the validated configuration to the import engine's
// plain settings: the only place where lib/config meets lib/imports.
#include <vector>

#include "config/config.hpp"
#include "imports/imports.hpp"

namespace msync::daemon {

std::vector<imports::ImportSync> import_syncs(const config::Config& config);
imports::ImportSettings import_settings(const config::Config& config);

}  // namespace msync::daemon
