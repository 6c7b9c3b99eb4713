#pragma once
// lib/marketo, the front door: Marketo's Bulk Extract API (Api) and Bulk Import of program members
// with the describe calls (ImportApi) as typed awaitable calls, both on one Marketo object built by
// make_api() from plain Settings; the token cache, call budget and error-code table behind it; and
// the Failure / Outcome values every call returns.
#include "marketo/api.hpp"
#include "marketo/call_recorder.hpp"
#include "marketo/call_window.hpp"
#include "marketo/error_table.hpp"
#include "marketo/export_entity.hpp"
#include "marketo/export_job.hpp"
#include "marketo/export_spec.hpp"
#include "marketo/failure.hpp"
#include "marketo/import_api.hpp"
#include "marketo/make_api.hpp"
#include "marketo/settings.hpp"
#include "marketo/timing.hpp"
