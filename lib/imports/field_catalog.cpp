#include "imports/field_catalog.hpp"

#include <algorithm>
#include <numeric>
#include <utility>

#include "imports/field_name_case.hpp"

namespace msync::imports {
namespace {

// Optimal string alignment distance (Levenshtein plus adjacent transpositions, so "emial" is one
// edit from "email"); both inputs already folded.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  std::iota(previous.begin(), previous.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

}  // namespace

FieldCatalog::FieldCatalog(std::vector<std::string> names) {
  // Sorted by folded name, first spelling kept, so that lookups are binary searches and names_[i]
  // is the spelling of folded_[i].
  std::vector<std::pair<std::string, std::string>> entries;
  entries.reserve(names.size());
  for (std::string& name : names) entries.emplace_back(folded_name(name), std::move(name));
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [key, name] : entries) {
    if (!folded_.empty() && folded_.back() == key) continue;
    folded_.push_back(std::move(key));
    names_.push_back(std::move(name));
  }
}

bool FieldCatalog::knows(std::string_view name) const {
  return std::binary_search(folded_.begin(), folded_.end(), folded_name(name));
}

std::optional<std::string> FieldCatalog::closest(std::string_view name) const {
  const std::string key = folded_name(name);
  constexpr std::size_t kMaxEdits = 2;
  std::optional<std::size_t> best;
  std::size_t best_distance = kMaxEdits + 1;
  for (std::size_t i = 0; i < folded_.size(); ++i) {
    const std::string& candidate = folded_[i];
    const std::size_t shorter = std::min(candidate.size(), key.size());
    const std::size_t longer = std::max(candidate.size(), key.size());
    if (longer - shorter > kMaxEdits) continue;
    const std::size_t distance = edit_distance(key, candidate);
    // Fewer edits than the shorter name has letters: two edits turn any two-letter name into any
    // other, which would be no suggestion at all. Ties go to the first name in folded order.
    if (distance < best_distance && (distance == 0 || distance < shorter)) {
      best = i;
      best_distance = distance;
    }
  }
  if (!best) return std::nullopt;
  return names_[*best];
}

}  // namespace msync::imports
