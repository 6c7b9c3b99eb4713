#pragma once
// The describe endpoints, answered as Marketo does (swagger: LeadAttribute, LeadAttribute2,
// ProgramMemberAttribute): GET /rest/v1/leads/describe.json and describe2.json list lead_schema();
// GET /rest/v1/program/members/describe.json lists the standard program member fields (this
// subscription has no custom ones). Authentication is the caller's business.
#include <string>
#include <string_view>

#include "fake_marketo/sim/simulator.hpp"

namespace fake {

enum class DescribeKind { none, leads, leads2, program_members };

DescribeKind describe_route(std::string_view path);

// `schema_time`: when the program member map was created and last updated.
HttpResponse describe_reply(DescribeKind kind, const std::string& request_id, SimTime schema_time);

}  // namespace fake
