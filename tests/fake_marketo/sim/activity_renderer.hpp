#pragma once
// Renders a bulk activity export as Marketo writes it: the header row, then one line per activity
// in the createdAt window (and among the asked activityTypeIds / primaryAttributeValueIds) ordered
// by marketoGUID, cells quoted and nulls written as export_renderer.hpp says. attributes is a JSON
// object in one cell, so it is quoted whenever it holds a quote or the delimiter.
#include "fake_marketo/sim/activity_database.hpp"
#include "fake_marketo/sim/export_renderer.hpp"

namespace fake {

RenderStats render_activities(const ActivityDatabase& db, const ExportSpec& spec, ByteSink& sink);

}  // namespace fake
