#pragma once
// Everything a subscription's bulk exports read from, built from the data options: the leads and
// the activity log, program members, custom objects (pure functions of the seed: building one costs nothing), and the one place
// that sends a job to the renderer of its entity.
#include "fake_marketo/sim/activity_database.hpp"
#include "fake_marketo/sim/custom_object_database.hpp"
#include "fake_marketo/sim/export_renderer.hpp"
#include "fake_marketo/sim/export_spec.hpp"
#include "fake_marketo/sim/lead_database.hpp"
#include "fake_marketo/sim/member_database.hpp"

namespace fake {

struct DataSet {
  explicit DataSet(const DataOptions& data) : leads(data), activities(data), members(data), objects(data) {}

  LeadDatabase leads;
  ActivityDatabase activities;
  MemberDatabase members;
  CustomObjectDatabase objects;
};

RenderStats render_entity(const DataSet& data, const ExportSpec& spec, ByteSink& sink);

}  // namespace fake
