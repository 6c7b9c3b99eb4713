#include "export_syncs.hpp"

#include <variant>

#include "proxy_settings.hpp"

namespace msync::daemon {
namespace {

marketo::ExportFormat export_format(config::Format format) {
  switch (format) {
    case config::Format::tsv: return marketo::ExportFormat::tsv;
    case config::Format::ssv: return marketo::ExportFormat::ssv;
    case config::Format::csv: break;
  }
  return marketo::ExportFormat::csv;
}

staging::Compression staged_compression(config::Compression compression) {
  switch (compression) {
    case config::Compression::gzip: return staging::Compression::gzip;
    case config::Compression::zstd: return staging::Compression::zstd;
    case config::Compression::none: break;
  }
  return staging::Compression::none;
}

marketo::ExportFilter list_filter(const config::ListFilter& list) {
  marketo::ExportFilter filter;
  switch (list.kind) {
    case config::ListKind::static_list_name: filter.type = marketo::FilterType::static_list_name; break;
    case config::ListKind::static_list_id: filter.type = marketo::FilterType::static_list_id; break;
    case config::ListKind::smart_list_id: filter.type = marketo::FilterType::smart_list_id; break;
    case config::ListKind::smart_list_name: filter.type = marketo::FilterType::smart_list_name; break;
  }
  filter.list_name = list.name;
  filter.list_id = list.id;
  return filter;
}

marketo::EntityType entity_type(config::Entity entity) {
  switch (entity) {
    case config::Entity::activities: return marketo::EntityType::activities;
    case config::Entity::program_members: return marketo::EntityType::program_members;
    case config::Entity::custom_objects: return marketo::EntityType::custom_objects;
    case config::Entity::leads: break;
  }
  return marketo::EntityType::leads;
}

}  // namespace

marketo::ExportEntity export_entity(const config::ExportSync& configured) {
  return marketo::ExportEntity{entity_type(configured.entity), configured.api_name};
}

std::vector<exports::ExportSync> export_syncs(const config::Config& config) {
  std::vector<exports::ExportSync> syncs;
  for (const auto& configured : config.exports) {
    exports::ExportSync sync;
    sync.name = configured.name;
    sync.request.entity = export_entity(configured);
    sync.request.fields = configured.fields;
    sync.request.format = export_format(configured.format);
    sync.compression = staged_compression(configured.compression);
    for (const auto& field : configured.fields) {
      auto header = configured.column_header_names.find(field);
      if (header != configured.column_header_names.end())
        sync.request.column_header_names.emplace_back(field, header->second);
    }
    if (const auto* windowed = std::get_if<config::WindowedFilter>(&configured.filter)) {
      sync.request.filter.type = windowed->field == config::WindowField::created_at
                                     ? marketo::FilterType::created_at
                                     : marketo::FilterType::updated_at;
      sync.windows = exports::IncrementalPolicy{windowed->start, windowed->window, windowed->lag};
    } else if (const auto* list = std::get_if<config::ListFilter>(&configured.filter)) {
      sync.request.filter = list_filter(*list);
    } else {
      sync.request.filter.type = marketo::FilterType::program_ids;
    }
    sync.request.filter.activity_type_ids = configured.activity_type_ids;
    sync.request.filter.primary_attribute_value_ids = configured.primary_attribute_value_ids;
    sync.request.filter.program_ids = configured.program_ids;
    if (configured.schedule.cron) {
      sync.next_run_after = [cron = *configured.schedule.cron](core::Timestamp t) { return cron.next_after(t); };
    } else {
      sync.next_run_after = [every = configured.schedule.every](core::Timestamp t) { return t + every; };
    }
    syncs.push_back(std::move(sync));
  }
  return syncs;
}

marketo::Settings marketo_settings(const config::Config& config, const config::Environment& environment) {
  const auto& m = config.marketo;
  marketo::Settings settings;
  settings.base_url = m.base_url;
  settings.identity_url = m.identity_url;
  settings.client_id = m.client_id;
  settings.client_secret = m.client_secret;
  if (m.ca_file) settings.ca_file = m.ca_file->string();
  settings.proxy = proxy_settings(m, environment);
  settings.calls_per_20s = static_cast<std::size_t>(m.limits.calls_per_20s);
  settings.io_timeout = m.read_timeout;
  return settings;
}

exports::EngineSettings engine_settings(const config::Config& config) {
  exports::EngineSettings settings;
  settings.staging_dir = config.staging_dir;
  settings.poll_interval = config.marketo.poll_interval;
  settings.max_processing = static_cast<unsigned>(config.marketo.limits.max_processing);
  settings.max_queued = static_cast<unsigned>(config.marketo.limits.max_queued);
  settings.daily_export_bytes = config.marketo.limits.daily_export_bytes;
  return settings;
}

}  // namespace msync::daemon
