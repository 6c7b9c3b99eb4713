#pragma once
// The composition root's translation from the validated configuration to the engines' plain
// settings: the only place where lib/config meets lib/exports and lib/marketo.
#include <vector>

#include "config/config.hpp"
#include "exports/exports.hpp"
#include "marketo/marketo.hpp"

namespace msync::daemon {

std::vector<exports::ExportSync> export_syncs(const config::Config& config);
// The entity whose paths a configured sync's jobs live under.
marketo::ExportEntity export_entity(const config::ExportSync& configured);
// The environment supplies the proxy when the configuration does not (see proxy_settings.hpp).
marketo::Settings marketo_settings(const config::Config& config, const config::Environment& environment);
exports::EngineSettings engine_settings(const config::Config& config);

}  // namespace msync::daemon
