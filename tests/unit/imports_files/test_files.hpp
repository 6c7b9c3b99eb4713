#pragma once
// The import file tests' temp directory and file helpers (the staging tests'), field catalog and
// the seed's files (fake-marketo's copy).
#include <string>
#include <string_view>
#include <variant>

#include "fake_marketo/testing/import_form.hpp"
#include "imports/imports.hpp"
#include "unit/staging/temp_dir.hpp"

namespace msync::imports::testing {

using staging::testing::read_file;
using staging::testing::TempDir;
using staging::testing::write_file;

// The lead fields of the seed's examples, and a few more.
inline FieldCatalog seed_fields() {
  return FieldCatalog({"email", "firstName", "lastName", "title", "company", "leadScore", "phone",
                       "id", "membershipDate"});
}

// The seed's example files (Lead-House-Lannister.csv and the two Targaryen files), as printed.
using fake::testing::kLannister;
using fake::testing::kTargaryenBadEmail;
using fake::testing::kTargaryenBadScore;

// "describe()" of the rejection, or "valid: <records> records" for a file that passes.
inline std::string verdict(const Validation& validation) {
  if (const auto* rejection = std::get_if<Rejection>(&validation)) return rejection->describe();
  return "valid: " + std::to_string(std::get<ValidatedFile>(validation).records) + " records";
}

// Writes `content` to a fresh file and validates it.
class ValidatorFixture {
 public:
  std::string check(std::string_view content, csv::Format format = csv::Format::csv,
                    const FieldCatalog& fields = seed_fields(), std::string_view name = "in.csv") {
    const auto path = dir_ / name;
    write_file(path, content);
    return verdict(validate_import_file(path, format, fields));
  }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
};

}  // namespace msync::imports::testing
