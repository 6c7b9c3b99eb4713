#pragma once
// lib/health, the front door: the metrics registry (Prometheus text format) and the local HTTP
// endpoint that serves it with liveness, readiness and status.
#include "health/counter.hpp"
#include "health/endpoints.hpp"
#include "health/gauge.hpp"
#include "health/health_server.hpp"
#include "health/metrics_registry.hpp"
#include "health/server_options.hpp"
