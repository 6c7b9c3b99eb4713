#include "imports/record_splitter.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>


namespace msync::imports {
namespace {

std::size_t find(std::string_view chunk, std::size_t from, std::size_t to, char c) {
  const void* at = std::memchr(chunk.data() + from, c, to - from);
  return at ? static_cast<std::size_t>(static_cast<const char*>(at) - chunk.data())
            : std::string_view::npos;
}

std::uint64_t newlines(std::string_view chunk, std::size_t from, std::size_t to) {
  return static_cast<std::uint64_t>(std::count(chunk.begin() + static_cast<std::ptrdiff_t>(from),
                                               chunk.begin() + static_cast<std::ptrdiff_t>(to), '\n'));
}

}  // namespace

RecordSplitter::RecordSplitter(std::filesystem::path out_dir, csv::Format format,
                               std::uint64_t max_part_bytes)
    : out_dir_(std::move(out_dir)), format_(format), max_(max_part_bytes) {}

core::Status RecordSplitter::feed(std::string_view chunk) {
  batch_begin_ = 0;
  batch_records_ = 0;
  newline_ = kUnknown;
  std::size_t record_begin = 0;
  for (std::size_t at = 0; at < chunk.size();) {
    const Step step = in_quotes_ ? skip_quoted(chunk, at) : scan_unquoted(chunk, at);
    at = step.next;
    if (!step.record_ended) continue;
    ++line_;
    core::Status status;
    if (carried_.empty()) {
      status = take_in_chunk(chunk, record_begin, at);
    } else {
      carried_.append(chunk.substr(0, at));
      batch_begin_ = at;
      status = take_carried();
    }
    if (!status) return status;
    record_begin = at;
    record_line_ = line_;
  }
  if (auto status = flush_batch(chunk, record_begin); !status) return status;
  carried_.append(chunk.substr(record_begin));
  // Fail as soon as the record in hand is too large, instead of holding all of it in memory.
  return fits(carried_.size()) ? core::Status{} : too_large();
}

// Inside quotes: up to and past the closing quote, counting the line breaks the field holds.
RecordSplitter::Step RecordSplitter::skip_quoted(std::string_view chunk, std::size_t from) {
  const std::size_t quote = find(chunk, from, chunk.size(), '"');
  const std::size_t to = quote == std::string_view::npos ? chunk.size() : quote;
  line_ += newlines(chunk, from, to);
  if (quote == std::string_view::npos) return {chunk.size(), false};
  in_quotes_ = false;
  return {quote + 1, false};
}

// Outside quotes: past the newline that ends the record, or past a quote that opens a field.
RecordSplitter::Step RecordSplitter::scan_unquoted(std::string_view chunk, std::size_t from) {
  // The newline found for an earlier field of the same line still ends it: a line of many quoted
  // fields is searched for its end once, not once per field.
  if (newline_ == kUnknown || (newline_ != std::string_view::npos && newline_ < from))
    newline_ = find(chunk, from, chunk.size(), '\n');
  const std::size_t newline = newline_;
  const std::size_t to = newline == std::string_view::npos ? chunk.size() : newline;
  if (const std::size_t quote = find(chunk, from, to, '"'); quote != std::string_view::npos) {
    in_quotes_ = true;
    return {quote + 1, false};
  }
  if (newline == std::string_view::npos) return {chunk.size(), false};
  return {newline + 1, true};
}

core::Result<std::vector<FilePart>> RecordSplitter::finish() {
  if (!carried_.empty())
    if (auto status = take_carried(); !status) return status.error();
  if (auto status = commit_part(); !status) return status.error();
  return std::move(parts_);
}

core::Error RecordSplitter::too_large() const {
  if (!have_header_)
    return core::make_error(
        fmt::format("line 1: the header row alone does not fit in a part under {} bytes", max_),
        core::ErrorKind::permanent);
  return core::make_error(
      fmt::format("line {}: the record does not fit in a part under {} bytes with the {}-byte "
                  "header row",
                  record_line_, max_, header_.size()),
      core::ErrorKind::permanent);
}

core::Status RecordSplitter::take_in_chunk(std::string_view chunk, std::size_t begin,
                                           std::size_t end) {
  const std::size_t size = end - begin;
  if (!fits(size)) return too_large();
  if (!have_header_) {
    header_.assign(chunk.substr(begin, size));
    have_header_ = true;
    batch_begin_ = end;
    return {};
  }
  const std::uint64_t part_bytes = part_ ? part_->bytes() + (begin - batch_begin_) : 0;
  if (!part_ || part_bytes + size >= max_) {
    if (auto status = flush_batch(chunk, begin); !status) return status;
    if (auto status = start_part(); !status) return status;
  }
  ++batch_records_;
  return {};
}

core::Status RecordSplitter::take_carried() {
  if (!fits(carried_.size())) return too_large();
  if (!have_header_) {
    header_.swap(carried_);
    have_header_ = true;
  } else {
    if (!part_ || part_->bytes() + carried_.size() >= max_)
      if (auto status = start_part(); !status) return status;
    if (auto status = part_->append(carried_); !status) return status;
    ++part_records_;
  }
  carried_.clear();
  return {};
}

// Writes the batch's records, [batch_begin_, end) of the chunk, to the current part.
core::Status RecordSplitter::flush_batch(std::string_view chunk, std::size_t end) {
  if (end > batch_begin_ && part_)
    if (auto status = part_->append(chunk.substr(batch_begin_, end - batch_begin_)); !status)
      return status;
  part_records_ += batch_records_;
  batch_records_ = 0;
  batch_begin_ = end;
  return {};
}

core::Status RecordSplitter::start_part() {
  if (auto status = commit_part(); !status) return status;
  auto part = SplitPartWriter::create(part_path(out_dir_, parts_.size() + 1, format_));
  if (!part) return part.error();
  part_ = std::move(*part);
  part_records_ = 0;
  return part_->append(header_);
}

core::Status RecordSplitter::commit_part() {
  if (!part_) return {};
  if (auto status = part_->commit(); !status) return status;
  parts_.push_back(FilePart{part_->path(), part_records_, part_->bytes()});
  part_.reset();
  return {};
}

}  // namespace msync::imports
