#include "imports/import_format.hpp"

namespace msync::imports {

char import_delimiter(csv::Format format) {
  switch (format) {
    case csv::Format::csv: return ',';
    case csv::Format::tsv: return '\t';
    case csv::Format::ssv: return ';';
  }
  return ',';
}

}  // namespace msync::imports
