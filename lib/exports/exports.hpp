#pragma once
// lib/exports, the front door: the window planner (pure: explicit times in, windows out).
// The export job state machine and the slot scheduler will join it here.
#include "exports/window_planner.hpp"
