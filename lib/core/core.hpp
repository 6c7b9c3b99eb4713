#pragma once
// lib/core, the front door: UTC time and ISO-8601, durations and sizes, the clock seam, the US
// Central quota day, result values, named loggers and a bit count for SIMD masks.
#include "core/bit_count.hpp"
#include "core/clock.hpp"
#include "core/crash_point.hpp"
#include "core/log.hpp"
#include "core/quantity.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "core/us_central.hpp"
