#pragma once
// fake-marketo for a test: started on 127.0.0.1:0 (or the given --listen address, e.g. [::1]:0)
// with the test's flags, its URL read from the first line it prints, stopped when the test ends. expect() asks it for the oracle's file.
#include <memory>
#include <string>
#include <vector>

#include "support/child_process.hpp"

namespace msync::test_support {

class FakeMarketo {
 public:
  explicit FakeMarketo(std::vector<std::string> flags, const std::string& listen = "127.0.0.1:0");

  const std::string& url() const { return url_; }  // http://127.0.0.1:PORT, http://[::1]:PORT, https://...
  ChildProcess& process() { return *process_; }

  // `fake-marketo expect` with these data flags and a create.json-like request for `entity`'s bulk
  // export (fields "" leaves them out); throws on failure.
  static std::string expect(const std::vector<std::string>& data_flags, const std::string& fields,
                            const std::string& filter_json, const std::string& format = "csv",
                            const std::string& entity = "leads", const std::string& api_name = "");

 private:
  std::unique_ptr<ChildProcess> process_;
  std::string url_;
};

}  // namespace msync::test_support
