#include "fake_marketo/sim/data_set.hpp"

#include "fake_marketo/sim/activity_renderer.hpp"
#include "fake_marketo/sim/table_renderer.hpp"

namespace fake {
namespace {

bool in_window(const ExportSpec& spec, std::int64_t t) {
  return spec.filter_type != "updatedAt" || (spec.start_at <= t && t <= spec.end_at);
}

// Rows program by program (in the order asked), each ordered by leadId.
RenderStats render_members(const MemberDatabase& db, const ExportSpec& spec, ByteSink& sink) {
  const std::uint64_t leads = db.leads();
  const auto program = [&](std::uint64_t row) { return spec.program_ids[row / leads]; };
  return render_table(
      spec, sink, leads * spec.program_ids.size(),
      [&](std::uint64_t row) {
        const std::uint64_t lead = row % leads + 1;
        return db.member(program(row), lead) && in_window(spec, db.updated_at(program(row), lead));
      },
      [&](std::uint64_t row, int column, std::string& out) { db.append_value(program(row), row % leads + 1, column, out); });
}

RenderStats render_objects(const CustomObjectDatabase& db, const ExportSpec& spec, ByteSink& sink) {
  return render_table(
      spec, sink, db.size(), [&](std::uint64_t row) { return in_window(spec, db.updated_at(row + 1)); },
      [&](std::uint64_t row, int column, std::string& out) { db.append_value(row + 1, column, out); });
}

}  // namespace

RenderStats render_entity(const DataSet& data, const ExportSpec& spec, ByteSink& sink) {
  switch (spec.entity) {
    case Entity::activities: return render_activities(data.activities, spec, sink);
    case Entity::program_members: return render_members(data.members, spec, sink);
    case Entity::custom_objects: return render_objects(data.objects, spec, sink);
    default: return render_export(data.leads, spec, sink);
  }
}

}  // namespace fake
