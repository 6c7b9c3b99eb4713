#include "fake_marketo/sim/program_roster.hpp"

namespace fake {

void ProgramRoster::add(std::int64_t program_id, const std::string& email, const std::string& status) {
  std::string key = email;
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  ProgramMember& m = programs_[program_id][key];
  m.email = key;
  m.status = status;
  ++m.imports;
}

std::vector<ProgramMember> ProgramRoster::members(std::int64_t program_id) const {
  std::vector<ProgramMember> out;
  const auto it = programs_.find(program_id);
  if (it == programs_.end()) return out;
  for (const auto& [_, m] : it->second) out.push_back(m);
  return out;
}

}  // namespace fake
