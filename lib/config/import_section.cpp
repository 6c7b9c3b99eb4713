#include <algorithm>
#include <limits>

#include "config/sections.hpp"

namespace msync::config::detail {

void read_import(YamlReader& reader, const Entry& entry, ImportSync& out) {
  auto section = reader.section(
      entry, {"name", "program_id", "program_member_status", "inbound_dir", "format"});
  if (!section) return;
  if (auto* e = reader.required(*section, "name")) {
    if (auto v = read_sync_name(reader, *e)) out.name = *v;
  }
  if (auto* e = reader.required(*section, "program_id")) {
    if (auto v = reader.integer(*e, 1, std::numeric_limits<std::int64_t>::max()))
      out.program_id = *v;
  }
  if (auto* e = reader.required(*section, "program_member_status")) {
    if (auto v = reader.non_empty_string(*e)) {
      // A status name is sent as a form field and shown in logs: a control character (a stray
      // tab or line break from a copy-paste) can only be a mistake.
      if (std::any_of(v->begin(), v->end(), [](unsigned char c) { return (c < 0x20 && c != '\t') || c == 0x7f; }))
        reader.error(*e, e->path + " holds a control character");
      else
        out.program_member_status = *v;
    }
  }
  if (auto* e = reader.required(*section, "inbound_dir")) {
    if (auto v = reader.path(*e)) out.inbound_dir = *v;
  }
  if (auto* e = section->find("format")) {
    if (auto v = read_format(reader, *e)) out.format = *v;
  }
}

}  // namespace msync::config::detail
