#include "fake_marketo/sim/lead_database.hpp"
#include "fake_marketo/sim/seeded.hpp"

#include <chrono>
#include <vector>

namespace fake {
namespace {

// Draw purposes beyond the fields' own (a Field's value is its null draw; kPick + k picks values).
constexpr int kPick = 12;       // + field: which table entry
constexpr int kCountryPick = 21;
constexpr int kVipList = 23;
constexpr int kNewsletterList = 22;

// Tables: common values, and rare ones that make quoting matter (commas, quotes, spaces, tabs,
// CR/LF). A value is rare with probability rare_permille / 1000.
struct Table {
  std::vector<std::string_view> common;
  std::vector<std::string_view> rare;
  unsigned null_percent;
  unsigned rare_permille;
};

const Table kFirstNames{{"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda",
                         "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph",
                         "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Christopher", "Lisa",
                         "Daniel", "Nancy", "Matthew", "Betty", "Anthony", "Margaret", "Mark", "Sandra",
                         "Yuki", "José"},
                        {"Mary Ann", "Jo \"JJ\"", "Zoë", "Jean-Luc"},
                        2,
                        20};
const Table kLastNames{{"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
                        "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
                        "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson",
                        "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker",
                        "Tanaka"},
                       {"van der Berg", "O'Brien", "Smith, Jr.", "Da \"Silva\""},
                       2,
                       20};
const Table kCompanies{{"Acme Corp", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries",
                        "Wayne Enterprises", "Wonka Industries", "Tyrell", "Cyberdyne Systems",
                        "Soylent", "Vandelay Industries", "Massive Dynamic", "Aperture Science",
                        "Pied Piper", "Dunder Mifflin"},
                       {"Acme, Inc.", "The \"Best\" Company", "Tab\tSeparated Ltd", "Line\nBreak LLC",
                        "Carriage\r\nReturn GmbH"},
                       5,
                       30};
const Table kTitles{{"Engineer", "Manager", "Director", "VP Sales", "CEO", "CTO", "Analyst",
                     "Consultant", "Designer", "Administrator"},
                    {"VP, Marketing", "Head of\nGrowth", "\"Chief\" Officer", "Lead\tDeveloper"},
                    10,
                    20};
const Table kCities{{"Chicago", "Austin", "Boston", "Denver", "Seattle", "New York", "San Francisco",
                     "London", "Paris", "Tokyo", "Berlin", "São Paulo", "Toronto", "Sydney", "Osaka",
                     "Madrid"},
                    {"Washington, D.C.", "Winston-Salem"},
                    3,
                    10};
const Table kCountries{{"United States", "United States", "United States", "United States", "Canada",
                        "United Kingdom", "Germany", "France", "Japan", "Brazil", "Australia"},
                       {},
                       1,
                       0};
const std::string_view kDomains[] = {"example.com", "example.org", "example.net", "mail.test",
                                     "acme.test"};

const Table* table_of(Field f) {
  switch (f) {
    case Field::first_name: return &kFirstNames;
    case Field::last_name: return &kLastNames;
    case Field::company: return &kCompanies;
    case Field::title: return &kTitles;
    case Field::city: return &kCities;
    case Field::country: return &kCountries;
    default: return nullptr;
  }
}

unsigned null_percent(Field f) {
  switch (f) {
    case Field::id: case Field::created_at: case Field::updated_at: return 0;
    case Field::email: return 2;
    case Field::lead_score: return 10;
    case Field::phone: return 12;
    default: return table_of(f)->null_percent;
  }
}

std::string_view pick(const Table& t, std::uint64_t r) {
  if (!t.rare.empty() && (r >> 8) % 1000 < t.rare_permille) return t.rare[(r >> 24) % t.rare.size()];
  return t.common[(r >> 24) % t.common.size()];
}

// Lower-case letters and digits only, so emails never need quoting.
void append_email_token(std::string_view name, std::string& out) {
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') out += char(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  }
}

void append_digits(unsigned v, int width, std::string& out) {
  char buf[8];
  for (int i = width - 1; i >= 0; --i, v /= 10) buf[i] = char('0' + v % 10);
  out.append(buf, std::size_t(width));
}

}  // namespace

const std::vector<LeadField>& lead_schema() {
  static const std::vector<LeadField> schema{
      {"id", FieldType::integer},      {"email", FieldType::email},
      {"firstName", FieldType::string}, {"lastName", FieldType::string},
      {"company", FieldType::string},   {"title", FieldType::string},
      {"leadScore", FieldType::integer}, {"phone", FieldType::phone},
      {"city", FieldType::string},      {"country", FieldType::string},
      {"createdAt", FieldType::datetime}, {"updatedAt", FieldType::datetime}};
  return schema;
}

const std::vector<LeadList>& lead_lists() {
  static const std::vector<LeadList> lists{{1001, "VIP", false},
                                           {1002, "Newsletter", false},
                                           {1003, "Empty", false},
                                           {2001, "Engaged", true},
                                           {2002, "US Leads", true}};
  return lists;
}

void append_iso8601(std::int64_t seconds, std::string& out) {
  // Howard Hinnant's civil_from_days: cheaper than going through <chrono> calendars per row.
  std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const auto sod = unsigned(seconds - days * 86400);
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = unsigned(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const auto y = unsigned(std::int64_t(yoe) + era * 400 + (m <= 2));
  char buf[20] = {};
  auto put = [&buf](int at, unsigned v, int width) {
    for (int i = at + width - 1; i >= at; --i, v /= 10) buf[i] = char('0' + v % 10);
  };
  put(0, y, 4);
  buf[4] = '-';
  put(5, m, 2);
  buf[7] = '-';
  put(8, d, 2);
  buf[10] = 'T';
  put(11, sod / 3600, 2);
  buf[13] = ':';
  put(14, sod / 60 % 60, 2);
  buf[16] = ':';
  put(17, sod % 60, 2);
  buf[19] = 'Z';
  out.append(buf, 20);
}

LeadDatabase::LeadDatabase(const DataOptions& data)
    : leads_(data.leads),
      epoch_(std::chrono::floor<std::chrono::seconds>(data.epoch).time_since_epoch().count()),
      span_(data.span_days == 0 ? 1 : std::int64_t(data.span_days) * 86400) {
  for (std::size_t p = 0; p < keys_.size(); ++p) keys_[p] = mix(mix(data.seed) ^ mix(p + 1000));
}

std::uint64_t LeadDatabase::draw(std::uint64_t id, int purpose) const {
  return mix(keys_[std::size_t(purpose)] ^ id);
}

bool LeadDatabase::is_null(std::uint64_t id, Field field) const {
  const unsigned pct = null_percent(field);
  return pct != 0 && draw(id, int(field)) % 100 < pct;
}

std::int64_t LeadDatabase::created_at(std::uint64_t id) const {
  return epoch_ + std::int64_t(draw(id, int(Field::created_at)) % std::uint64_t(span_));
}

std::int64_t LeadDatabase::updated_at(std::uint64_t id) const {
  const std::int64_t created = created_at(id);
  const auto room = std::uint64_t(epoch_ + span_ - created);  // >= 1
  return created + std::int64_t(draw(id, int(Field::updated_at)) % room);
}

std::optional<int> LeadDatabase::lead_score(std::uint64_t id) const {
  if (is_null(id, Field::lead_score)) return std::nullopt;
  return int(draw(id, kPick) % 101);
}

std::string_view LeadDatabase::country(std::uint64_t id) const {
  if (is_null(id, Field::country)) return {};
  return pick(kCountries, draw(id, kCountryPick));
}

std::optional<bool> LeadDatabase::in_list(std::uint64_t id, std::int64_t list_id) const {
  switch (list_id) {
    case 1001: return draw(id, kVipList) % 10 == 0;
    case 1002: return draw(id, kNewsletterList) % 3 == 0;
    case 1003: return false;
    case 2001: return lead_score(id).value_or(0) >= 70;
    case 2002: return country(id) == "United States";
    default: return std::nullopt;
  }
}

void LeadDatabase::append_value(std::uint64_t id, Field field, std::string& out) const {
  if (is_null(id, field)) return;
  switch (field) {
    case Field::id:
      append_uint(id, out);
      return;
    case Field::email: {
      const std::uint64_t r = draw(id, kPick + 1);
      append_email_token(pick(kFirstNames, draw(id, kPick + 2)), out);
      out += '.';
      append_email_token(pick(kLastNames, draw(id, kPick + 3)), out);
      out += '.';
      append_uint(id, out);
      out += '@';
      out += kDomains[r % std::size(kDomains)];
      return;
    }
    case Field::first_name:
      out += pick(kFirstNames, draw(id, kPick + 2));
      return;
    case Field::last_name:
      out += pick(kLastNames, draw(id, kPick + 3));
      return;
    case Field::company:
      out += pick(kCompanies, draw(id, kPick + 4));
      return;
    case Field::title:
      out += pick(kTitles, draw(id, kPick + 5));
      return;
    case Field::lead_score:
      append_uint(std::uint64_t(*lead_score(id)), out);
      return;
    case Field::phone: {
      const std::uint64_t r = draw(id, kPick + 6);
      out += "+1 555-";
      append_digits(unsigned(r % 1000), 3, out);
      out += '-';
      append_digits(unsigned((r >> 16) % 10000), 4, out);
      return;
    }
    case Field::city:
      out += pick(kCities, draw(id, kPick + 7));
      return;
    case Field::country:
      out += country(id);
      return;
    case Field::created_at:
      append_iso8601(created_at(id), out);
      return;
    case Field::updated_at:
      append_iso8601(updated_at(id), out);
      return;
    case Field::count_:
      return;
  }
}

std::optional<Field> LeadDatabase::find_field(std::string_view name) {
  const auto& schema = lead_schema();
  for (std::size_t i = 0; i < schema.size(); ++i)
    if (name == schema[i].name) return Field(i);
  return std::nullopt;
}

const LeadList* LeadDatabase::find_list(std::int64_t id) {
  for (const auto& l : lead_lists())
    if (l.id == id) return &l;
  return nullptr;
}

const LeadList* LeadDatabase::find_list(std::string_view name, bool smart) {
  for (const auto& l : lead_lists())
    if (l.smart == smart && name == l.name) return &l;
  return nullptr;
}

std::optional<std::string> lead_value(const DataOptions& data, std::uint64_t id,
                                      const std::string& field) {
  const auto f = LeadDatabase::find_field(field);
  if (!f || id < 1 || id > data.leads) return std::nullopt;
  std::string out;
  LeadDatabase(data).append_value(id, *f, out);
  return out;
}

std::optional<bool> lead_in_list(const DataOptions& data, std::uint64_t id, std::int64_t list_id) {
  return LeadDatabase(data).in_list(id, list_id);
}

}  // namespace fake
