#include "fake_marketo/sim/data_set.hpp"

#include "fake_marketo/sim/activity_renderer.hpp"

namespace fake {

RenderStats render_entity(const DataSet& data, const ExportSpec& spec, ByteSink& sink) {
  switch (spec.entity) {
    case Entity::activities: return render_activities(data.activities, spec, sink);
    default: return render_export(data.leads, spec, sink);
  }
}

}  // namespace fake
