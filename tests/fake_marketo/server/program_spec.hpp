#pragma once
// The --program flag: ID:STATUS,STATUS,... names a program imports may use and its member
// statuses (the programMemberStatus values it accepts), e.g. "1001:On List,Registered,Attended".
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.hpp"

namespace fake {

using Programs = std::map<std::int64_t, std::vector<std::string>>;

// One flag value. Spaces around the id and each status are dropped; the id must be a positive
// integer and every status non-empty. Errors quote the value.
msync::core::Result<Programs::value_type> parse_program_spec(std::string_view text);

// Every value of a repeated flag; an id given twice is an error.
msync::core::Result<Programs> parse_program_specs(const std::vector<std::string>& texts);

}  // namespace fake
