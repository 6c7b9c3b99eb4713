#include "imports/field_cache.hpp"

namespace msync::imports {

namespace asio = boost::asio;

asio::awaitable<marketo::Outcome<FieldCatalog>> FieldCache::catalog() {
  const auto now = std::chrono::steady_clock::now();
  if (cached_ && now - fetched_at_ < ttl_) co_return *cached_;
  auto leads = co_await api_.describe_lead_fields();
  if (!leads) co_return leads.failure();
  auto members = co_await api_.describe_program_member_fields();
  if (!members) co_return members.failure();
  std::vector<std::string> names;
  // Every lead field may be named (Marketo matches read-only ones and ignores their values); of
  // the program member fields only those an import can set.
  for (auto& field : leads.value()) names.push_back(std::move(field.name));
  for (auto& field : members.value()) {
    if (field.updateable) names.push_back(std::move(field.name));
  }
  cached_ = FieldCatalog(std::move(names));
  fetched_at_ = now;
  co_return *cached_;
}

}  // namespace msync::imports
