// Any bytes as a CSV, TSV or SSV file, through both scanners the daemon has: the record counter
// every download runs through, fed in chunks of every size a socket could deliver, and the
// validating record reader, from memory and from a stream. The first byte picks the delimiter and
// the chunk size.
// - The counter's answer does not depend on how the bytes were chunked.
// - The reader gives the same records, or the same error, from memory as from a stream.
// - Its error names line:col in a message fit for a .reason file.
// - On input the reader accepts, it sees as many records as the counter counts: the count a
//   download is checked with is the count validation sees.
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "csv/csv.hpp"
#include "fuzz/fuzz_check.hpp"

namespace {

using namespace msync;
using fuzz::require;

struct Scan {
  std::vector<std::vector<std::string>> records;
  std::string error;
};

Scan read_all(csv::RecordReader& reader) {
  Scan scan;
  csv::Record record;
  for (;;) {
    auto more = reader.next(record);
    if (!more) {
      scan.error = more.error().message;
      return scan;
    }
    if (!*more) return scan;
    std::vector<std::string> values;
    for (const auto& field : record.fields) values.push_back(field.value);
    scan.records.push_back(std::move(values));
  }
}

csv::RecordCounter count(std::string_view text, std::size_t chunk) {
  csv::RecordCounter counter;
  for (std::size_t at = 0; at < text.size(); at += chunk) counter.feed(text.substr(at, chunk));
  return counter;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr csv::Format kFormats[] = {csv::Format::csv, csv::Format::tsv, csv::Format::ssv};
  const char delimiter = csv::delimiter(kFormats[data[0] % 3]);
  const std::size_t chunk = 1 + data[0] / 3 % 17;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);

  const csv::RecordCounter whole = count(text, text.size() + 1);
  const csv::RecordCounter chunked = count(text, chunk);
  require(whole.records() == chunked.records());
  require(whole.at_record_boundary() == chunked.at_record_boundary());
  require(whole.inside_quotes() == chunked.inside_quotes());
  require(whole.bytes() == text.size());

  csv::RecordReader from_memory(text, delimiter);
  const Scan in_memory = read_all(from_memory);
  std::istringstream stream{std::string(text)};
  csv::RecordReader from_stream(stream, delimiter);
  const Scan streamed = read_all(from_stream);
  require(in_memory.records == streamed.records);
  require(in_memory.error == streamed.error);

  if (!in_memory.error.empty()) {
    require(fuzz::is_log_safe(in_memory.error));
    return 0;
  }
  if (!text.empty()) require(in_memory.records.size() == whole.records());
  return 0;
}
