#pragma once
// The program member import endpoints: upload (multipart/form-data), status, failures, warnings.
// Authentication is the caller's business; this answers an authenticated request.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fake_marketo/sim/http_parts.hpp"
#include "fake_marketo/sim/import_board.hpp"

namespace fake {

struct ImportRoute {
  enum class Kind { none, create, status, failures, warnings } kind = Kind::none;
  const char* method = "";
  std::string id;  // create: programId; the others: batchId (as written in the path)
};
// POST /bulk/v1/program/{programId}/members/import.json,
// GET /bulk/v1/program/members/import/{batchId}/{status,failures,warnings}.json.
ImportRoute import_route(std::string_view path);

class ImportDesk {
 public:
  explicit ImportDesk(const Options& options) : options_(options), board_(options) {}

  void advance_to(SimTime t) { board_.advance_to(t); }
  HttpResponse handle(const ImportRoute& route, const HttpRequest& request, const Target& target,
                      const std::string& client, const std::string& request_id, SimTime now);
  std::vector<ProgramMember> program_members(std::int64_t program_id) const {
    return board_.roster().members(program_id);
  }

 private:
  HttpResponse create(const std::string& program, const HttpRequest& request, const Target& target,
                      const std::string& client, const std::string& request_id, SimTime now);
  HttpResponse result_file(const ImportJob& job, bool failures, const std::string& request_id) const;

  const Options& options_;
  ImportBoard board_;
};

}  // namespace fake
