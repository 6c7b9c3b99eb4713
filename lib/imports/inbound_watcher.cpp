#include "imports/inbound_watcher.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "imports/watcher_core.hpp"

namespace msync::imports {

namespace asio = boost::asio;

// The core is shared so that next_ready() can keep it alive across its wait: destroying the
// watcher stops the core, and a suspended next_ready() then wakes and returns on its own copy.
class InboundWatcher::Impl {
 public:
  std::shared_ptr<detail::WatcherCore> core;
};

InboundWatcher::InboundWatcher(asio::any_io_executor executor, std::vector<InboundDir> dirs,
                               WatcherSettings settings)
    : impl_(std::make_unique<Impl>(Impl{std::make_shared<detail::WatcherCore>(
          std::move(executor), std::move(dirs), settings)})) {}

InboundWatcher::~InboundWatcher() { impl_->core->stop(); }

core::Status InboundWatcher::start() { return impl_->core->start(); }

asio::awaitable<std::vector<InboundFile>> InboundWatcher::next_ready() {
  const std::shared_ptr<detail::WatcherCore> core = impl_->core;
  for (;;) {
    if (core->stopped()) co_return std::vector<InboundFile>();
    if (core->has_ready()) co_return core->take_ready();
    // Cancelled (not expired) whenever something changes: the error is the wake-up.
    co_await core->wake().async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

std::vector<InboundFile> InboundWatcher::poll_ready() { return impl_->core->poll_ready(); }

bool InboundWatcher::has_unsettled() const { return impl_->core->has_unsettled(); }

void InboundWatcher::stop() { impl_->core->stop(); }

}  // namespace msync::imports
