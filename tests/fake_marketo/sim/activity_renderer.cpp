#include "fake_marketo/sim/activity_renderer.hpp"

#include <algorithm>

#include "fake_marketo/sim/table_renderer.hpp"

namespace fake {
namespace {

bool selected(const std::vector<std::int64_t>& wanted, std::int64_t value) {
  return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

}  // namespace

RenderStats render_activities(const ActivityDatabase& db, const ExportSpec& spec, ByteSink& sink) {
  return render_table(
      spec, sink, db.size(),
      [&](std::uint64_t row) {
        const std::uint64_t id = row + 1;
        const std::int64_t at = db.activity_date(id);
        return spec.start_at <= at && at <= spec.end_at &&
               selected(spec.activity_type_ids, db.activity_type_id(id)) &&
               selected(spec.primary_attribute_value_ids, db.primary_attribute_value_id(id));
      },
      [&](std::uint64_t row, int column, std::string& out) { db.append_value(row + 1, ActivityField(column), out); });
}

}  // namespace fake
