#include "server/misbehaviour.hpp"

#include <array>
#include <charconv>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace fake {
namespace {

struct KindName {
  std::string_view name;
  MisbehaviourKind kind;
};

constexpr std::array kKinds{
    KindName{"export-id-slash", MisbehaviourKind::export_id_slash},
    KindName{"export-id-dotdot", MisbehaviourKind::export_id_dotdot},
    KindName{"export-id-nul", MisbehaviourKind::export_id_nul},
    KindName{"batch-id-slash", MisbehaviourKind::batch_id_slash},
    KindName{"status-backwards", MisbehaviourKind::status_backwards},
    KindName{"file-size-smaller", MisbehaviourKind::file_size_smaller},
    KindName{"file-size-larger", MisbehaviourKind::file_size_larger},
    KindName{"body-longer", MisbehaviourKind::body_longer},
    KindName{"header-flood", MisbehaviourKind::header_flood},
};

constexpr std::uint64_t kFloodBytes = 2ull << 30;
constexpr std::uint64_t kSizeLie = 100;
constexpr std::size_t kSpillBytes = 4096;

std::string_view name_of(MisbehaviourKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return "none";
}

std::string_view path_of(const HttpRequest& request) {
  return std::string_view(request.target).substr(0, request.target.find('?'));
}

bool is_export_call(const HttpRequest& request, std::string_view method, std::string_view suffix) {
  const auto path = path_of(request);
  return request.method == method && path.starts_with("/bulk/v1/leads/export/") && path.ends_with(suffix);
}

// The simulator's successful JSON answer, open for rewriting: result[0] of {"success":true,...}.
class JsonAnswer {
 public:
  explicit JsonAnswer(const HttpResponse& response) {
    if (response.status != 200 || response.file) return;
    doc_.Parse(response.body.c_str(), response.body.size());
    if (doc_.HasParseError() || !doc_.IsObject()) return;
    const auto success = doc_.FindMember("success");
    const auto result = doc_.FindMember("result");
    if (success == doc_.MemberEnd() || !success->value.IsTrue() || result == doc_.MemberEnd() ||
        !result->value.IsArray() || result->value.Empty() || !result->value[0].IsObject())
      return;
    first_ = &result->value[0];
  }

  rapidjson::Value* first() { return first_; }
  std::string text(const char* member) const {
    const auto it = first_->FindMember(member);
    if (it == first_->MemberEnd() || !it->value.IsString()) return "";
    return std::string(it->value.GetString(), it->value.GetStringLength());
  }
  void set(const char* member, rapidjson::Value value) {
    const auto it = first_->FindMember(member);
    if (it != first_->MemberEnd()) {
      it->value = value;
    } else {
      first_->AddMember(rapidjson::StringRef(member), value, doc_.GetAllocator());
    }
  }
  void set_text(const char* member, std::string_view text) {
    set(member, rapidjson::Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), doc_.GetAllocator()));
  }
  void write_to(HttpResponse& response) const {
    rapidjson::StringBuffer out;
    rapidjson::Writer<rapidjson::StringBuffer> writer(out);
    doc_.Accept(writer);
    response.body.assign(out.GetString(), out.GetSize());
  }

 private:
  rapidjson::Document doc_;
  rapidjson::Value* first_ = nullptr;
};

// The id a hostile create.json answer hands out: each tries to leave the staging directory.
std::string hostile_export_id(MisbehaviourKind kind) {
  switch (kind) {
    case MisbehaviourKind::export_id_slash: return "../../../../msync-escape-slash";
    case MisbehaviourKind::export_id_dotdot: return "..";
    default: return std::string("msync-escape\0nul", 16);
  }
}

}  // namespace

msync::core::Result<MisbehaviourSpec> parse_misbehaviour(std::string_view text) {
  MisbehaviourSpec spec;
  if (text.empty()) return spec;
  const auto colon = text.find(':');
  const auto name = text.substr(0, colon);
  for (const auto& k : kKinds) {
    if (k.name == name) spec.kind = k.kind;
  }
  if (spec.kind == MisbehaviourKind::none)
    return msync::core::make_error(fmt::format("'{}' is not one of: {}", name, misbehaviour_names()));
  if (colon != std::string_view::npos) {
    const auto times = text.substr(colon + 1);
    const auto [end, ec] = std::from_chars(times.data(), times.data() + times.size(), spec.times);
    if (times.empty() || ec != std::errc{} || end != times.data() + times.size())
      return msync::core::make_error(fmt::format("'{}' after ':' is not a count of answers", times));
  }
  return spec;
}

std::string misbehaviour_names() {
  std::string names;
  for (const auto& k : kKinds) names += (names.empty() ? "" : ", ") + std::string(k.name);
  return names;
}

bool Misbehaviour::take() {
  if (spec_.times != 0 && used_ >= spec_.times) return false;
  ++used_;
  return true;
}

std::string Misbehaviour::apply(const HttpRequest& request, HttpResponse& response, RawMisbehaviour& raw) {
  using K = MisbehaviourKind;
  const K kind = spec_.kind;
  const std::string done(name_of(kind));
  switch (kind) {
    case K::none:
      return "";
    case K::export_id_slash:
    case K::export_id_dotdot:
    case K::export_id_nul: {
      if (!is_export_call(request, "POST", "/create.json")) return "";
      JsonAnswer json(response);
      if (!json.first() || !take()) return "";
      json.set_text("exportId", hostile_export_id(kind));
      json.write_to(response);
      return done;
    }
    case K::batch_id_slash: {
      if (request.method != "POST" || !path_of(request).ends_with("/members/import.json")) return "";
      JsonAnswer json(response);
      if (!json.first() || !take()) return "";
      json.set_text("batchId", "1/../../../msync-escape-batch");
      json.write_to(response);
      return done;
    }
    case K::status_backwards:
    case K::file_size_smaller:
    case K::file_size_larger: {
      if (!is_export_call(request, "GET", "/status.json")) return "";
      JsonAnswer json(response);
      if (!json.first()) return "";
      const std::string status = json.text("status");
      if (kind == K::status_backwards) {
        // Per job: first Processing (even when it is already Completed: a stale answer, still
        // forward), then Queued (backwards, the spoiled answer), then the truth.
        if (status != "Processing" && status != "Completed") return "";
        int& step = backwards_steps_[json.text("exportId")];
        if (step == 0 && (spec_.times == 0 || used_ < spec_.times)) {
          step = 1;
          json.set_text("status", "Processing");
          json.write_to(response);
          return "";
        }
        if (step != 1 || !take()) return "";
        step = 2;
        json.set_text("status", "Queued");
      } else {
        const auto size = json.first()->FindMember("fileSize");
        if (status != "Completed" || size == json.first()->MemberEnd() || !size->value.IsUint64() || !take())
          return "";
        const std::uint64_t real = size->value.GetUint64();
        size->value.SetUint64(kind == K::file_size_larger ? real + kSizeLie : real - std::min(real, kSizeLie));
      }
      json.write_to(response);
      return done;
    }
    case K::body_longer:
      if (!is_export_call(request, "GET", "/file.json") || !response.file || !take()) return "";
      for (std::string row = "spill,past,content-length\n"; raw.trailing.size() < kSpillBytes;) raw.trailing += row;
      return done;
    case K::header_flood:
      if (!is_export_call(request, "GET", "/status.json") || !take()) return "";
      raw.header_flood = kFloodBytes;
      return done;
  }
  return "";
}

}  // namespace fake
