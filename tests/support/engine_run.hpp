#pragma once
// What the export and import engine fixtures share: a state store in the test's directory, and
// running an engine's run() to its end on an io_context, stopped early once a condition holds and
// by a guard if it never ends (the test then fails instead of hanging).
#include <chrono>
#include <exception>
#include <functional>
#include <optional>
#include <stdexcept>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <gtest/gtest.h>

#include "state/state.hpp"
#include "support/temp_dir.hpp"

namespace msync::test_support {

inline state::Store open_store(const TempDir& dir, const core::Clock& clock) {
  auto store = state::Store::open(dir / "state.db", clock);
  if (!store) throw std::runtime_error(store.error().message);
  return std::move(*store);
}

namespace detail {

// Re-arms every millisecond until the predicate holds, then stops the engine. It also stops once
// run() has finished: cancelling the timer is not enough, because a wait that has already
// completed still runs its handler with success, which would re-arm it forever.
template <class Engine>
void stop_when(boost::asio::steady_timer& timer, const std::function<bool()>& predicate, Engine& engine,
               const bool& finished) {
  timer.expires_after(std::chrono::milliseconds(1));
  timer.async_wait([&timer, &predicate, &engine, &finished](boost::system::error_code ec) {
    if (ec || finished) return;
    if (predicate()) {
      engine.stop();
      return;
    }
    stop_when(timer, predicate, engine, finished);
  });
}

}  // namespace detail

// engine.run(true) on `io` until it returns its summary. `stop_when`, when given, is checked every
// millisecond and stops the engine once it holds. After `guard` the engine is stopped and the
// test fails; if even stop() cannot end run() within 5 s more, io is stopped.
template <class Summary, class Engine>
Summary run_to_the_end(boost::asio::io_context& io, Engine& engine, std::chrono::seconds guard,
                       const std::function<bool()>& stop_when) {
  std::optional<Summary> result;
  bool guard_fired = false;
  bool finished = false;
  boost::asio::steady_timer guard_timer(io, guard);
  boost::asio::steady_timer watcher(io);
  boost::asio::co_spawn(io, engine.run(true), [&](std::exception_ptr error, Summary summary) {
    finished = true;
    guard_timer.cancel();
    watcher.cancel();
    if (error) std::rethrow_exception(error);
    result = std::move(summary);
  });
  guard_timer.async_wait([&](boost::system::error_code ec) {
    if (ec) return;
    guard_fired = true;
    engine.stop();
    guard_timer.expires_after(std::chrono::seconds(5));
    guard_timer.async_wait([&](boost::system::error_code again) {
      if (!again) io.stop();
    });
  });
  if (stop_when) detail::stop_when(watcher, stop_when, engine, finished);
  io.run();
  EXPECT_FALSE(guard_fired) << "the engine did not end on its own within " << guard.count() << " s";
  EXPECT_TRUE(result.has_value()) << "run() never completed";
  return result.value_or(Summary{});
}

}  // namespace msync::test_support
