#include "marketo/client_pool.hpp"

namespace msync::marketo {

ClientPool::ClientPool(ClientFactory factory, std::string origin)
    : factory_(std::move(factory)), origin_(std::move(origin)) {}

core::Result<ClientPool::Lease> ClientPool::lease() {
  if (!idle_.empty()) {
    auto client = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(client));
  }
  auto made = factory_(origin_);
  if (!made) return made.error();
  return Lease(*this, std::move(made.value()));
}

void ClientPool::close_idle() {
  for (auto& client : idle_) client->close();
}

}  // namespace msync::marketo
