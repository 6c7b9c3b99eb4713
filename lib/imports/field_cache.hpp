#pragma once
// The field names import headers may use, asked of Marketo's describe endpoints (lead fields and
// updateable program member fields) and kept for a while: describing costs two calls of the
// daily budget, and fields change rarely.
#include <chrono>
#include <optional>

#include <boost/asio/awaitable.hpp>

#include "imports/field_catalog.hpp"
#include "marketo/marketo.hpp"

namespace msync::imports {

class FieldCache {
 public:
  FieldCache(marketo::ImportApi& api, std::chrono::milliseconds ttl) : api_(api), ttl_(ttl) {}

  // The cached catalog, or a fresh one when there is none or it is older than the ttl. When
  // Marketo cannot be asked, the Failure: a transient one means "wait and try again"; a
  // permanent one (no permission to describe) is the caller's to degrade on.
  boost::asio::awaitable<marketo::Outcome<FieldCatalog>> catalog();

 private:
  marketo::ImportApi& api_;
  std::chrono::milliseconds ttl_;
  std::optional<FieldCatalog> cached_;
  std::chrono::steady_clock::time_point fetched_at_{};
};

}  // namespace msync::imports
