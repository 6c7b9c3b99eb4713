#pragma once
// The describe endpoints, answered as Marketo does (swagger: LeadAttribute, LeadAttribute2,
// ProgramMemberAttribute): GET /rest/v1/leads/describe.json and describe2.json list lead_schema();
// GET /rest/v1/program/members/describe.json lists the standard program member fields (this
// subscription has no custom ones). Authentication is the caller's business.
#include <string>
#include <string_view>

#include "fake_marketo/sim/simulator.hpp"

namespace fake {

enum class DescribeKind { none, leads, leads2, program_members, custom_object };

// custom_object: GET /rest/v1/customobjects/{apiName}/describe.json, the name put in api_name.
DescribeKind describe_route(std::string_view path, std::string& api_name);

// `schema_time`: when the program member map was created and last updated. An unknown custom
// object answers 1003.
HttpResponse describe_reply(DescribeKind kind, const std::string& request_id, SimTime schema_time,
                            const std::string& api_name = "");

}  // namespace fake
