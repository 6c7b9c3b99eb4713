#pragma once
// A small synchronous HTTP(S) client for the tests, over Beast: one kept-alive connection,
// reopened when the server closes it. Deliberately independent of lib/http (the code under test
// elsewhere), so a fake-marketo failure is not confused with a client failure.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace fake_test {

struct Reply {
  unsigned status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  bool complete = false;  // the whole body arrived (false: the connection broke mid-body)
  std::string error;      // transport error, if any
};

class TestClient {
 public:
  // url: http://HOST:PORT or https://HOST:PORT. ca_file: PEM trust anchors for https (peer and
  // host name are verified).
  explicit TestClient(std::string url, std::string ca_file = "");
  ~TestClient();

  Reply request(const std::string& method, const std::string& target, const std::string& body = "",
                const std::vector<std::pair<std::string, std::string>>& headers = {});
  Reply get(const std::string& target, const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return request("GET", target, "", headers);
  }

  // Sends bytes as they are and returns what comes back until the server closes (or 10 s pass).
  std::string raw(const std::string& bytes);

  int connections_opened() const { return connections_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int connections_ = 0;
};

}  // namespace fake_test
