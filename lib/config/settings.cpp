#include "config/settings.hpp"

#include <array>

namespace msync::config {

namespace {
constexpr std::array kEntities{Entity::leads, Entity::activities, Entity::program_members,
                               Entity::custom_objects};
}  // namespace

std::string_view to_string(Entity entity) {
  switch (entity) {
    case Entity::leads:
      return "leads";
    case Entity::activities:
      return "activities";
    case Entity::program_members:
      return "program_members";
    case Entity::custom_objects:
      return "custom_objects";
  }
  return "?";
}

std::string_view to_string(Compression compression) {
  switch (compression) {
    case Compression::gzip:
      return "gzip";
    case Compression::zstd:
      return "zstd";
    case Compression::none:
      break;
  }
  return "none";
}

std::optional<Entity> parse_entity(std::string_view text) {
  for (Entity entity : kEntities)
    if (to_string(entity) == text) return entity;
  return std::nullopt;
}

const std::vector<std::string>& activity_columns() {
  static const std::vector<std::string> columns{
      "marketoGUID", "leadId", "activityDate", "activityTypeId", "campaignId",
      "primaryAttributeValueId", "primaryAttributeValue", "attributes"};
  return columns;
}

std::string_view to_string(Format format) {
  switch (format) {
    case Format::csv:
      return "csv";
    case Format::tsv:
      return "tsv";
    case Format::ssv:
      return "ssv";
  }
  return "?";
}

std::string_view to_string(WindowField field) {
  switch (field) {
    case WindowField::created_at:
      return "createdAt";
    case WindowField::updated_at:
      return "updatedAt";
  }
  return "?";
}

std::string_view to_string(ListKind kind) {
  switch (kind) {
    case ListKind::static_list_name:
      return "staticListName";
    case ListKind::static_list_id:
      return "staticListId";
    case ListKind::smart_list_id:
      return "smartListId";
    case ListKind::smart_list_name:
      return "smartListName";
  }
  return "?";
}

}  // namespace msync::config
