#pragma once
// http::Client makes one exchange at a time, so concurrent calls each lease their own client; the
// pool keeps idle ones (and their kept-alive connections) for the next call. The call limiter
// bounds how many exist at once.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/core.hpp"
#include "http/http.hpp"

namespace msync::marketo {

// Makes a client for an origin (scheme://host[:port]); production wraps http::make_client.
using ClientFactory =
    std::function<core::Result<std::unique_ptr<http::Client>>(const std::string& origin)>;

class ClientPool {
 public:
  class Lease {
   public:
    Lease(ClientPool& pool, std::unique_ptr<http::Client> client)
        : pool_(&pool), client_(std::move(client)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (client_) pool_->idle_.push_back(std::move(client_));
    }
    http::Client& operator*() const { return *client_; }
    http::Client* operator->() const { return client_.get(); }

   private:
    ClientPool* pool_;
    std::unique_ptr<http::Client> client_;
  };

  ClientPool(ClientFactory factory, std::string origin);
  ClientPool(const ClientPool&) = delete;
  ClientPool& operator=(const ClientPool&) = delete;

  // An idle client, or a new one from the factory.
  core::Result<Lease> lease();

  // Closes every idle client's connection (leased ones close when their exchange ends).
  void close_idle();

 private:
  ClientFactory factory_;
  std::string origin_;
  std::vector<std::unique_ptr<http::Client>> idle_;
};

}  // namespace msync::marketo
