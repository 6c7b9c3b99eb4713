#pragma once
// The field names an import file's header may use: the lead fields and the updateable program
// member fields the describe endpoints list. Names compare ignoring ASCII case, as Marketo does.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace msync::imports {

class FieldCatalog {
 public:
  FieldCatalog() = default;
  explicit FieldCatalog(std::vector<std::string> names);

  bool knows(std::string_view name) const;
  // The known name closest to an unknown one (a different case, a small typo), for the reason
  // file: "unknown field \"emial\" (did you mean \"email\"?)".
  std::optional<std::string> closest(std::string_view name) const;
  std::size_t size() const { return names_.size(); }
  bool empty() const { return names_.empty(); }

 private:
  std::vector<std::string> names_;  // as the describe endpoints spell them
  std::vector<std::string> folded_;  // lower-cased, sorted, for lookup
};

}  // namespace msync::imports
