#pragma once
// Program membership as imports leave it: program -> lower-cased email -> status and import count.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "fake_marketo/sim/simulator.hpp"

namespace fake {

class ProgramRoster {
 public:
  // Inserts or updates `email`'s membership (emails compare ignoring case).
  void add(std::int64_t program_id, const std::string& email, const std::string& status);
  std::vector<ProgramMember> members(std::int64_t program_id) const;

 private:
  std::map<std::int64_t, std::map<std::string, ProgramMember>> programs_;
};

}  // namespace fake
