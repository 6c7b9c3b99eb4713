#include "exports/completed_range.hpp"

#include <algorithm>

namespace msync::exports {
namespace {

using state::WindowFile;

// The window as it stands once `current` is staged.
WindowFile as_staged(const WindowFile& w, const WindowFile& current) {
  return w.window.id == current.window.id ? current : w;
}

bool staged(const WindowFile& w) { return w.staged_path.has_value(); }

const WindowFile* starting_at(const std::vector<WindowFile>& windows, core::Timestamp start) {
  auto it = std::find_if(windows.begin(), windows.end(), [&](const WindowFile& w) { return w.window.start == start; });
  return it == windows.end() ? nullptr : &*it;
}

const WindowFile* ending_at(const std::vector<WindowFile>& windows, core::Timestamp end) {
  auto it = std::find_if(windows.begin(), windows.end(), [&](const WindowFile& w) { return w.window.end == end; });
  return it == windows.end() ? nullptr : &*it;
}

}  // namespace

std::optional<CompletedRange> watermark_advance(const std::vector<WindowFile>& windows, const WindowFile& current,
                                                core::Timestamp watermark) {
  CompletedRange range{watermark, watermark, {}};
  bool joins = false;
  // Windows never overlap and the watermark walks them end to start, as the store does.
  for (const WindowFile* next = starting_at(windows, watermark); next;
       next = starting_at(windows, range.to)) {
    const WindowFile w = as_staged(*next, current);
    if (!staged(w) || w.window.end <= range.to) break;
    joins = joins || w.window.id == current.window.id;
    range.windows.push_back(w);
    range.to = w.window.end;
  }
  if (!joins) return std::nullopt;
  return range;
}

std::optional<CompletedRange> completed_backfill(const std::vector<WindowFile>& windows, const WindowFile& current) {
  std::vector<WindowFile> block{current};
  // Guards against a chain that loops (it cannot: ends are after starts) and bounds the walk.
  for (const WindowFile* before = ending_at(windows, current.window.start);
       before && block.size() <= windows.size(); before = ending_at(windows, block.front().window.start)) {
    block.insert(block.begin(), as_staged(*before, current));
  }
  for (const WindowFile* after = starting_at(windows, current.window.end);
       after && block.size() <= windows.size(); after = starting_at(windows, block.back().window.end)) {
    block.push_back(as_staged(*after, current));
  }
  if (!std::all_of(block.begin(), block.end(), staged)) return std::nullopt;
  return CompletedRange{block.front().window.start, block.back().window.end, std::move(block)};
}

}  // namespace msync::exports
