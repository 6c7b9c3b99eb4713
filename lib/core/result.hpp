#pragma once
// Expected failures travel as values: Result<T> holds either a T or an Error saying what and where.
#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace msync::core {

// How the caller may react to an error, where the layer that saw it can tell.
enum class ErrorKind {
  generic,    // no judgement: the caller decides from context
  transient,  // network hiccup, timeout, overload: trying again later may succeed
  permanent,  // trying again cannot help (bad certificate, invalid request, disk refused the path)
  cancelled,  // the operation was stopped on purpose (shutdown)
};

struct Error {
  std::string message;  // human-readable, names what failed and where; never holds a secret
  ErrorKind kind = ErrorKind::generic;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(state_); }
  const T& value() const& { assert(ok()); return std::get<0>(state_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { assert(!ok_); return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

inline Error make_error(std::string message, ErrorKind kind = ErrorKind::generic) {
  return Error{std::move(message), kind};
}

}  // namespace msync::core
