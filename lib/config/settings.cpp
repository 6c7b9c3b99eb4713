#include "config/settings.hpp"

namespace msync::config {

std::string_view to_string(Entity entity) {
  switch (entity) {
    case Entity::leads:
      return "leads";
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
