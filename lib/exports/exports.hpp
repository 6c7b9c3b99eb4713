#pragma once
// lib/exports, the front door: the window planner (pure: explicit times in, windows out), the
// queue budget and round-robin choice (pure), and the engine that runs export jobs from create to
// staged file (JobRunner per job, ExportEngine over all syncs).
#include "exports/completed_range.hpp"
#include "exports/engine_settings.hpp"
#include "exports/export_engine.hpp"
#include "exports/export_sync.hpp"
#include "exports/job_runner.hpp"
#include "exports/queue_budget.hpp"
#include "exports/queue_order.hpp"
#include "exports/round_robin.hpp"
#include "exports/window_planner.hpp"
