#pragma once
// A throwaway PostgreSQL server for a test: initdb into a temp dir, started on a free loopback port
// with its unix socket in that dir, trust authentication for one superuser, stopped (and its files
// removed) when the object goes, whatever the test did. PostgreSQL refuses to run as root, so as
// root the server runs as `nobody` (runuser) in a directory handed to it; psql stays our user.
#include <filesystem>
#include <optional>
#include <string>

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

namespace msync::load_test {

class PostgresServer {
 public:
  // The bin directory of the newest /usr/lib/postgresql/<version>/, nullopt when none is there.
  static std::optional<std::filesystem::path> find_bin_dir();

  // Starts the server; on failure, failed() says why (with the server's log).
  explicit PostgresServer(std::filesystem::path bin_dir);
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  const std::string& failed() const { return failure_; }
  int port() const { return port_; }

  // psql -c <command> against the server (SQL or one backslash command such as \copy), as this
  // process's user, stopping at the first error.
  test_support::Completed psql(const std::string& command) const;

 private:
  // argv run as the server's user: through runuser when we are root.
  std::vector<std::string> as_server_user(std::vector<std::string> argv) const;
  bool run_step(const std::vector<std::string>& argv, const std::string& what);

  std::filesystem::path bin_;
  test_support::TempDir dir_;
  std::filesystem::path data_, socket_dir_, log_;
  int port_ = 0;
  bool started_ = false;
  std::string failure_;
};

// The superuser initdb creates; trust authentication, loopback only.
inline constexpr const char* kPostgresUser = "loader";

}  // namespace msync::load_test
