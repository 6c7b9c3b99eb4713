#include "config/yaml_documents.hpp"

#include <yaml-cpp/eventhandler.h>

#include <sstream>
#include <vector>

namespace msync::config::detail {
namespace {

// Notes where documents start and ignores everything else.
class DocumentStarts final : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> marks;

  void OnDocumentStart(const YAML::Mark& mark) override { marks.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

Position position(const YAML::Mark& mark) { return {mark.line + 1, mark.column + 1}; }

}  // namespace

SingleDocument read_single_document(std::string_view yaml) {
  SingleDocument out;
  try {
    std::istringstream input{std::string(yaml)};
    YAML::Parser parser(input);
    DocumentStarts starts;
    while (starts.marks.size() < 2 && parser.HandleNextDocument(starts)) {
    }
    if (starts.marks.size() == 2) {
      const YAML::Mark& first = starts.marks[0];
      const YAML::Mark& second = starts.marks[1];
      if (second.pos == first.pos) {
        const auto at = static_cast<std::size_t>(first.pos);
        const std::string token = at < yaml.size() ? std::string(1, yaml[at]) : std::string();
        out.syntax_error = "YAML syntax error: '" + token + "' cannot start a document";
        out.error_at = position(first);
        return out;
      }
      out.second_document = position(second);
    }
    out.root = YAML::Load(std::string(yaml));
  } catch (const YAML::ParserException& e) {
    out.syntax_error = "YAML syntax error: " + e.msg;
    out.error_at = position(e.mark);
  }
  return out;
}

}  // namespace msync::config::detail
