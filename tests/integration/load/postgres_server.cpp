#include "postgres_server.hpp"

#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "export_run.hpp"

namespace msync::load_test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* kUnprivileged = "nobody";

// A port the kernel just handed out on 127.0.0.1; free again once the probe socket closes.
int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

}  // namespace

std::optional<fs::path> PostgresServer::find_bin_dir() {
  std::error_code ec;
  std::vector<fs::path> found;
  for (const auto& version : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const fs::path bin = version.path() / "bin";
    if (fs::exists(bin / "initdb") && fs::exists(bin / "pg_ctl") && fs::exists(bin / "psql")) found.push_back(bin);
  }
  if (found.empty()) return std::nullopt;
  // Newest major version: compare numerically (9.6 < 15).
  std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) {
    return std::stod(a.parent_path().filename().string()) < std::stod(b.parent_path().filename().string());
  });
  return found.back();
}

PostgresServer::PostgresServer(fs::path bin_dir)
    : bin_(std::move(bin_dir)), data_(dir_ / "data"), socket_dir_(dir_ / "socket"), log_(dir_ / "server.log") {
  fs::create_directory(socket_dir_);
  if (::geteuid() == 0) {
    // The server's user must reach its directories and write its log; nothing else of ours.
    const passwd* user = ::getpwnam(kUnprivileged);
    if (!user) {
      failure_ = std::string("running as root and there is no user '") + kUnprivileged + "' to run PostgreSQL as";
      return;
    }
    fs::permissions(dir_.path(), fs::perms(0711));
    fs::create_directory(data_);
    for (const auto& owned : {dir_.path(), data_, socket_dir_}) {
      if (::chown(owned.c_str(), user->pw_uid, user->pw_gid) != 0) {
        failure_ = "cannot hand " + owned.string() + " to " + kUnprivileged;
        return;
      }
    }
  }
  port_ = free_loopback_port();
  if (port_ == 0) {
    failure_ = "no free loopback port";
    return;
  }
  if (!run_step(as_server_user({(bin_ / "initdb").string(), "-D", data_.string(), "-U", kPostgresUser,
                                "--auth=trust", "--encoding=UTF8", "--no-sync"}),
                "initdb"))
    return;
  const std::string options = "-p " + std::to_string(port_) + " -k " + socket_dir_.string() +
                              " -c listen_addresses=127.0.0.1 -c fsync=off";
  started_ = run_step(as_server_user({(bin_ / "pg_ctl").string(), "-D", data_.string(), "-l", log_.string(), "-o",
                                      options, "-w", "-t", "60", "start"}),
                      "pg_ctl start");
}

PostgresServer::~PostgresServer() {
  if (!started_) return;
  // fast: disconnect clients and stop now; -w waits until the server is gone.
  auto stopped = test_support::run_to_completion(
      as_server_user({(bin_ / "pg_ctl").string(), "-D", data_.string(), "-m", "fast", "-w", "-t", "60", "stop"}), {},
      90s);
  if (stopped.exit_code != 0) {
    (void)test_support::run_to_completion(
        as_server_user({(bin_ / "pg_ctl").string(), "-D", data_.string(), "-m", "immediate", "-w", "stop"}), {}, 30s);
  }
}

std::vector<std::string> PostgresServer::as_server_user(std::vector<std::string> argv) const {
  if (::geteuid() != 0) return argv;
  argv.insert(argv.begin(), {"/usr/sbin/runuser", "-u", kUnprivileged, "--"});
  return argv;
}

bool PostgresServer::run_step(const std::vector<std::string>& argv, const std::string& what) {
  auto done = test_support::run_to_completion(argv, {}, 120s);
  if (done.exit_code == 0) return true;
  failure_ = what + " failed (exit " + std::to_string(done.exit_code) + "): " + done.err + done.out +
             "\nserver log:\n" + export_test::read_file(log_);
  return false;
}

test_support::Completed PostgresServer::psql(const std::string& command) const {
  return test_support::run_to_completion({(bin_ / "psql").string(), "-X", "-At", "-v", "ON_ERROR_STOP=1", "-h",
                                          "127.0.0.1", "-p", std::to_string(port_), "-U", kPostgresUser, "-d",
                                          "postgres", "-c", command},
                                         {}, 120s);
}

}  // namespace msync::load_test
