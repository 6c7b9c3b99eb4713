// Every class of configuration error, with its exact FILE:LINE:COL (1-based) and wording.
#include <algorithm>

#include "unit/config/config_fixture.hpp"

namespace msync::config {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Lines 7..12 of a valid windowed export; tests replace or append lines.
const std::string export_head =
    "exports:\n"                          // 7
    "  - name: leads_created\n"           // 8
    "    entity: leads\n"                 // 9
    "    fields: [id, email]\n"           // 10
    "    filter: createdAt\n"             // 11
    "    start: 2024-01-01T00:00:00Z\n";  // 12

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST_F(ConfigTest, UnknownKeyNamesItsSectionAndTheAllowedKeys) {
  EXPECT_THAT(errors("marketo:\n"
                     "  base_url: https://example.mktorest.com\n"
                     "  client_id: the-id\n"
                     "  client_secret: topsecret\n"
                     "  limits:\n"
                     "    max_queued: 10\n"
                     "    foo: 1\n"
                     "state_db: state.db\n"
                     "staging_dir: staging\n"),
              ElementsAre("test.yaml:7:5: unknown key 'foo' in marketo.limits (expected one of: "
                          "max_processing, max_queued, daily_export_bytes, calls_per_20s)"));
}

TEST_F(ConfigTest, ControlBytesFromTheFileAreShownEscapedNeverRaw) {
  // An escape sequence in a key, and a NUL where YAML expects an escape character: a message
  // quoting either must not put the raw byte on a log line or a terminal.
  const std::string nul(1, '\0');
  const auto unknown_key = errors("\"fo\\x1bo\": 1\n");
  const auto syntax = errors("state_db: \"a\\" + nul + "b\"\n");
  ASSERT_FALSE(unknown_key.empty());
  ASSERT_FALSE(syntax.empty());
  EXPECT_THAT(unknown_key.front(), HasSubstr("unknown key 'fo\\x1bo'"));
  EXPECT_THAT(syntax.front(), HasSubstr("YAML syntax error: unknown escape character: \\x00"));
  for (const auto& message : unknown_key) EXPECT_EQ(message.find('\x1b'), std::string::npos) << message;
  for (const auto& message : syntax) EXPECT_EQ(message.find(nul), std::string::npos) << message;
}

TEST_F(ConfigTest, UnknownTopLevelKey) {
  EXPECT_THAT(errors(std::string(head) + "stagingdir: x\n"),
              ElementsAre("test.yaml:7:1: unknown key 'stagingdir' at the top level (expected one "
                          "of: marketo, state_db, staging_dir, health, exports, imports)"));
}

TEST_F(ConfigTest, WindowLongerThan31Days) {
  EXPECT_THAT(
      errors(head + export_head + "    window: 32d\n"),
      ElementsAre("test.yaml:13:13: exports[0].window: 32d is out of range (expected 1s..31d)"));
}

TEST_F(ConfigTest, BadDuration) {
  EXPECT_THAT(errors(head + export_head + "    lag: 15 minutes\n"),
              ElementsAre("test.yaml:13:10: exports[0].lag: bad duration '15 minutes' (expected an "
                          "integer and a unit s, m, h or d, e.g. 90s, 15m, 1h, 7d)"));
}

TEST_F(ConfigTest, DuplicateSyncNameAcrossExportsAndImports) {
  EXPECT_THAT(errors(head + export_head +
                     "imports:\n"                 // 13
                     "  - name: leads_created\n"  // 14
                     "    program_id: 1\n"
                     "    program_member_status: Attended\n"
                     "    inbound_dir: inbound\n"),
              ElementsAre("test.yaml:14:11: imports[0].name: duplicate sync name 'leads_created' "
                          "(first used at line 8)"));
}

TEST_F(ConfigTest, DuplicateSyncNameAmongExports) {
  EXPECT_THAT(errors(head + export_head +
                     "  - name: leads_created\n"  // 13
                     "    entity: leads\n"
                     "    fields: [id]\n"
                     "    filter: { staticListId: 5 }\n"),
              ElementsAre("test.yaml:13:11: exports[1].name: duplicate sync name 'leads_created' "
                          "(first used at line 8)"));
}

TEST_F(ConfigTest, NameMustBeLowercaseWordCharacters) {
  EXPECT_THAT(errors(head + replace(export_head, "leads_created", "Leads-1")),
              ElementsAre("test.yaml:8:11: exports[0].name: 'Leads-1' must match [a-z0-9_]+ (it "
                          "names a folder under staging_dir)"));
}

TEST_F(ConfigTest, MissingFields) {
  EXPECT_THAT(errors(head + replace(export_head, "    fields: [id, email]\n", "")),
              ElementsAre("test.yaml:8:5: missing key 'fields' in exports[0]"));
}

TEST_F(ConfigTest, MissingTopLevelKeysPointAtTheDocument) {
  EXPECT_THAT(errors("marketo:\n"
                     "  base_url: https://example.mktorest.com\n"
                     "  client_id: the-id\n"
                     "  client_secret: topsecret\n"),
              ElementsAre("test.yaml:1:1: missing key 'state_db' at the top level",
                          "test.yaml:1:1: missing key 'staging_dir' at the top level"));
}

TEST_F(ConfigTest, TwoListFilters) {
  EXPECT_THAT(errors(head + replace(replace(export_head, "filter: createdAt",
                                            "filter: { staticListName: VIP, staticListId: 12 }"),
                                    "    start: 2024-01-01T00:00:00Z\n", "")),
              ElementsAre("test.yaml:11:36: exports[0].filter: two filters (staticListName and "
                          "staticListId); a sync takes exactly one"));
}

TEST_F(ConfigTest, ListFilterTakesNoWindowKeys) {
  EXPECT_THAT(
      errors(head + replace(export_head, "filter: createdAt", "filter: { smartListId: 3 }") +
             "    lag: 1h\n"),
      ElementsAre("test.yaml:12:5: exports[0].start is not allowed with a list filter (a "
                  "list is exported whole each time)",
                  "test.yaml:13:5: exports[0].lag is not allowed with a list filter (a list "
                  "is exported whole each time)"));
}

TEST_F(ConfigTest, UnknownFilter) {
  EXPECT_THAT(
      errors(head + replace(export_head, "filter: createdAt", "filter: createdat")),
      ElementsAre("test.yaml:11:13: exports[0].filter: unknown filter 'createdat' (expected "
                  "createdAt, updatedAt, programIds, or a map with one of staticListName, staticListId, "
                  "smartListId, smartListName)"));
}

TEST_F(ConfigTest, WindowedFilterNeedsStart) {
  EXPECT_THAT(errors(head + replace(export_head, "    start: 2024-01-01T00:00:00Z\n", "")),
              ElementsAre("test.yaml:8:5: missing key 'start' in exports[0]"));
}

TEST_F(ConfigTest, StartInTheFuture) {
  EXPECT_THAT(
      errors(head + replace(export_head, "2024-01-01T00:00:00Z", "2026-01-01T00:00:01Z")),
      ElementsAre("test.yaml:12:12: exports[0].start: 2026-01-01T00:00:01Z is in the future "
                  "(now is 2026-01-01T00:00:00Z)"));
}

TEST_F(ConfigTest, BadStartTimestamp) {
  EXPECT_THAT(errors(head + replace(export_head, "2024-01-01T00:00:00Z", "2024-13-01")),
              ElementsAre("test.yaml:12:12: exports[0].start: bad timestamp '2024-13-01' (expected "
                          "ISO-8601 such as 2024-01-01T00:00:00Z)"));
}

TEST_F(ConfigTest, UnreadableSecretFile) {
  const auto missing = (dir_ / "missing_secret").string();
  EXPECT_THAT(errors("marketo:\n"
                     "  base_url: https://example.mktorest.com\n"
                     "  client_id: the-id\n"
                     "  client_secret_file: missing_secret\n"
                     "state_db: state.db\n"
                     "staging_dir: staging\n"),
              ElementsAre("test.yaml:4:23: marketo.client_secret_file: cannot read '" + missing +
                          "': No such file or directory"));
}

TEST_F(ConfigTest, EmptySecretFile) {
  write("secret", "\n");
  EXPECT_THAT(errors(replace(head, "client_secret: topsecret", "client_secret_file: secret")),
              ElementsAre("test.yaml:4:23: marketo.client_secret_file: '" +
                          (dir_ / "secret").string() + "' is empty"));
}

TEST_F(ConfigTest, SecretGivenTwiceOrNotAtAll) {
  write("secret", "s3cr3t\n");
  EXPECT_THAT(errors(replace(head, "  client_secret: topsecret\n",
                             "  client_secret: topsecret\n  client_secret_file: secret\n")),
              ElementsAre("test.yaml:5:3: give either client_secret or client_secret_file in "
                          "marketo, not both"));
  EXPECT_THAT(errors(replace(head, "  client_secret: topsecret\n", "")),
              ElementsAre("test.yaml:2:3: missing key 'client_secret' (or 'client_secret_file') in "
                          "marketo"));
}

TEST_F(ConfigTest, NoMessageEverHoldsTheSecret) {
  write("secret", "filesecret\n");
  const std::string broken =
      "  limits: { max_queued: many }\n  poll_interval: soon\nhealth: nowhere\n";
  for (const auto& yaml :
       {head + broken,
        replace(head, "client_secret: topsecret", "client_secret_file: secret") + broken,
        replace(head, "client_secret: topsecret", "client_secret: [topsecret]")}) {
    const auto messages = errors(yaml);
    EXPECT_FALSE(messages.empty());
    for (const auto& message : messages) {
      EXPECT_THAT(message, ::testing::Not(HasSubstr("topsecret")));
      EXPECT_THAT(message, ::testing::Not(HasSubstr("filesecret")));
    }
  }
}

TEST_F(ConfigTest, EveryErrorIsReportedInFileOrder) {
  const auto messages = errors(
      "marketo:\n"
      "  base_url: ftp://example\n"  // 2
      "  client_id: the-id\n"
      "  client_secret: topsecret\n"
      "  import_poll_interval: 1m\n"  // 5
      "  colour: blue\n"              // 6
      "state_db: state.db\n"
      "staging_dir: staging\n"
      "exports:\n"
      "  - name: Bad\n"  // 10
      "    entity: leads\n"
      "    fields: [id, id]\n"  // 12
      "    filter: updatedAt\n"
      "    start: 2024-01-01T00:00:00Z\n"
      "    window: 40d\n"            // 15
      "    every: 1h\n"              // 16
      "    cron: \"0 * * * *\"\n");  // 17
  EXPECT_THAT(
      messages,
      ElementsAre(
          "test.yaml:2:13: marketo.base_url: expected an http:// or https:// URL, got "
          "'ftp://example'",
          "test.yaml:5:25: marketo.import_poll_interval: 1m is out of range (expected 5s..30s)",
          "test.yaml:6:3: unknown key 'colour' in marketo (expected one of: base_url, "
          "identity_url, client_id, client_id_file, client_secret, client_secret_file, "
          "ca_file, proxy, limits, poll_interval, import_poll_interval, read_timeout)",
          "test.yaml:10:11: exports[0].name: 'Bad' must match [a-z0-9_]+ (it names a "
          "folder under staging_dir)",
          "test.yaml:12:18: exports[0].fields[1]: duplicate field 'id'",
          "test.yaml:15:13: exports[0].window: 40d is out of range (expected 1s..31d)",
          "test.yaml:17:5: give either every or cron in exports[0], not both"));
}

TEST_F(ConfigTest, UnknownEntity) {
  EXPECT_THAT(errors(head + replace(export_head, "entity: leads", "entity: opportunities")),
              ElementsAre("test.yaml:9:13: exports[0].entity: unknown entity 'opportunities' (expected "
                          "leads, activities, program_members or custom_objects)"));
}

TEST_F(ConfigTest, FieldsMustBeANonEmptyList) {
  EXPECT_THAT(errors(head + replace(export_head, "[id, email]", "[]")),
              ElementsAre("test.yaml:10:13: exports[0].fields must list at least one field"));
  EXPECT_THAT(errors(head + replace(export_head, "[id, email]", "id")),
              ElementsAre("test.yaml:10:13: exports[0].fields must be a list"));
}

TEST_F(ConfigTest, ColumnHeaderForAFieldNotExported) {
  EXPECT_THAT(
      errors(head + export_head + "    column_header_names: { id: Id, company: Company }\n"),
      ElementsAre("test.yaml:13:36: exports[0].column_header_names: 'company' is not one of "
                  "fields"));
}

TEST_F(ConfigTest, BadFormat) {
  EXPECT_THAT(errors(head + export_head + "    format: CSV\n"),
              ElementsAre("test.yaml:13:13: exports[0].format: unknown format 'CSV' (expected csv, "
                          "tsv or ssv)"));
}

TEST_F(ConfigTest, BadCompression) {
  EXPECT_THAT(errors(head + export_head + "    compression: bzip2\n"),
              ElementsAre("test.yaml:13:18: exports[0].compression: unknown compression 'bzip2' "
                          "(expected none, gzip or zstd)"));
}

TEST_F(ConfigTest, CronErrorPointsIntoTheExpression) {
  EXPECT_THAT(errors(head + export_head + "    cron: \"0 25 * * *\"\n"),
              ElementsAre("test.yaml:13:14: exports[0].cron: bad cron expression '0 25 * * *': "
                          "column 3: hour: 25 is out of range 0-23"));
  // After expansion the columns no longer match the file: point at the value.
  env_ = MapEnvironment(std::map<std::string, std::string>{{"HOUR", "25"}});
  EXPECT_THAT(errors(head + export_head + "    cron: \"0 ${HOUR} * * *\"\n"),
              ElementsAre("test.yaml:13:11: exports[0].cron: bad cron expression '0 25 * * *': "
                          "column 3: hour: 25 is out of range 0-23"));
}

TEST_F(ConfigTest, DuplicateKey) {
  EXPECT_THAT(
      errors(std::string(head) + "state_db: other.db\n"),
      ElementsAre("test.yaml:7:1: duplicate key 'state_db' at the top level (first at line 5)"));
}

TEST_F(ConfigTest, ImportErrors) {
  EXPECT_THAT(
      errors(std::string(head) + "imports:\n"                         // 7
                                 "  - name: webinar\n"                // 8
                                 "    program_id: 0\n"                // 9
                                 "    program_member_status: \"\"\n"  // 10
                                 "    format: json\n"),               // 11
      ElementsAre("test.yaml:8:5: missing key 'inbound_dir' in imports[0]",
                  "test.yaml:9:17: imports[0].program_id: 0 is out of range (expected "
                  "1..9223372036854775807)",
                  "test.yaml:10:28: imports[0].program_member_status must not be empty",
                  "test.yaml:11:13: imports[0].format: unknown format 'json' (expected csv, "
                  "tsv or ssv)"));
}

TEST_F(ConfigTest, ImportStatusWithAControlCharacterIsRefused) {
  // Found by the config_loader fuzzer: a vertical tab reached check-config's summary line.
  EXPECT_THAT(errors(std::string(head) + "imports:\n"
                                         "  - name: webinar\n"
                                         "    program_id: 1\n"
                                         "    program_member_status: \"On\\vList\"\n"
                                         "    inbound_dir: in\n"),
              ElementsAre("test.yaml:10:28: imports[0].program_member_status holds a control character"));
}

TEST_F(ConfigTest, HealthListenNeedsHostAndPort) {
  EXPECT_THAT(errors(std::string(head) + "health: { listen: localhost }\n"),
              ElementsAre("test.yaml:7:19: health.listen: expected HOST:PORT such as "
                          "127.0.0.1:9465, got 'localhost'"));
  EXPECT_THAT(errors(std::string(head) + "health: { listen: \"127.0.0.1:65536\" }\n"),
              ElementsAre("test.yaml:7:19: health.listen: expected HOST:PORT such as "
                          "127.0.0.1:9465, got '127.0.0.1:65536'"));
}

TEST_F(ConfigTest, HealthListenIsAnIpAddressAndLoopbackUnlessAllowed) {
  EXPECT_THAT(errors(std::string(head) + "health: { listen: \"localhost:9465\" }\n"),
              ElementsAre("test.yaml:7:19: health.listen: 'localhost' is not an IP address (names "
                          "are not looked up; use 127.0.0.1 or ::1)"));
  EXPECT_THAT(errors(std::string(head) + "health:\n  listen: 0.0.0.0:9465\n"),
              ElementsAre("test.yaml:8:11: health.listen: 0.0.0.0 is not a loopback address, and "
                          "/status and /metrics are not authenticated (set health.allow_remote: "
                          "true to listen on it anyway)"));
  EXPECT_THAT(errors(std::string(head) + "health: { listen: \"[fe80::1]:9465\", allow_remote: false }\n"),
              ElementsAre(HasSubstr("health.listen: fe80::1 is not a loopback address")));
  EXPECT_THAT(errors(std::string(head) + "health: { listen: \"10.0.0.1:1\", allow_remote: yes }\n"),
              ElementsAre(HasSubstr("test.yaml:7:19: health.listen: 10.0.0.1 is not a loopback address"),
                          "test.yaml:7:47: health.allow_remote: expected true or false, got 'yes'"));
}

TEST_F(ConfigTest, LimitsMustBeConsistent) {
  EXPECT_THAT(
      errors(replace(head, "  client_secret: topsecret\n",
                     "  client_secret: topsecret\n"
                     "  limits: { max_processing: 3, max_queued: 2, daily_export_bytes: 0MB }\n")),
      ElementsAre("test.yaml:5:29: marketo.limits: max_processing (3) exceeds max_queued (2), "
                  "which counts processing jobs too",
                  "test.yaml:5:67: marketo.limits.daily_export_bytes: bad size '0MB' (expected "
                  "a positive integer and a unit B, KB, MB, GB, KiB, MiB, GiB, e.g. 500MB)"));
}

TEST_F(ConfigTest, UndefinedVariableAtItsColumn) {
  EXPECT_THAT(errors(replace(head, "state_db: state.db", "state_db: /data/${NOPE}/state.db")),
              ElementsAre("test.yaml:5:17: state_db: undefined environment variable 'NOPE'"));
  EXPECT_THAT(errors(replace(head, "state_db: state.db", "state_db: \"/data/${NOPE}\"")),
              ElementsAre("test.yaml:5:18: state_db: undefined environment variable 'NOPE'"));
}

TEST_F(ConfigTest, MalformedVariable) {
  EXPECT_THAT(
      errors(replace(head, "state_db: state.db", "state_db: ${1BAD}/x")),
      ElementsAre("test.yaml:5:11: state_db: malformed ${...} (expected ${NAME} with NAME of "
                  "letters, digits and _; write $$ for a literal $)"));
  EXPECT_THAT(
      errors(replace(head, "state_db: state.db", "state_db: ab${OPEN")),
      ElementsAre("test.yaml:5:13: state_db: malformed ${...} (expected ${NAME} with NAME of "
                  "letters, digits and _; write $$ for a literal $)"));
}

TEST_F(ConfigTest, WrongShapes) {
  EXPECT_THAT(errors("- a\n- b\n"),
              ElementsAre("test.yaml:1:1: the configuration must be a map of key: value"));
  EXPECT_THAT(
      errors(replace(head, "marketo:\n", "marketo: yes\nx:\n")),
      ElementsAre("test.yaml:1:10: marketo must be a map of key: value",
                  "test.yaml:2:1: unknown key 'x' at the top level (expected one of: marketo, "
                  "state_db, staging_dir, health, exports, imports)"));
  EXPECT_THAT(errors(replace(head, "state_db: state.db", "state_db:")),
              ElementsAre("test.yaml:5:1: state_db is empty (expected a value)"));
  EXPECT_THAT(errors(replace(head, "state_db: state.db", "state_db: [a]")),
              ElementsAre("test.yaml:5:11: state_db must be a single value, not a list"));
}

// yaml-cpp's LoadAll never returns on these (found by tests/fuzz/config_loader): they must be
// refused at once, naming the character.
TEST_F(ConfigTest, ATokenThatCannotStartADocumentIsASyntaxErrorNotAHang) {
  EXPECT_THAT(errors(","), ElementsAre("test.yaml:1:1: YAML syntax error: ',' cannot start a document"));
  EXPECT_THAT(errors(",state_db: x\n"),
              ElementsAre("test.yaml:1:1: YAML syntax error: ',' cannot start a document"));
}

TEST_F(ConfigTest, ASecondDocumentIsNamedWhereItStarts) {
  const auto found = errors("state_db: a\n---\nstate_db: b\n");
  EXPECT_THAT(found, ::testing::Contains("test.yaml:2:1: only one YAML document is allowed"));
}

TEST_F(ConfigTest, SyntaxErrorAndEmptyFile) {
  EXPECT_THAT(errors("marketo: [a\nstate_db: x\n"), ElementsAre(HasSubstr("test.yaml:2:")));
  EXPECT_THAT(errors("marketo: [a\nstate_db: x\n").front(), HasSubstr("YAML syntax error"));
  EXPECT_THAT(errors("# nothing here\n"),
              ElementsAre("test.yaml: the configuration is empty (expected a map with marketo, "
                          "state_db, staging_dir, exports, ...)"));
}

TEST_F(ConfigTest, UnreadableConfigurationFile) {
  auto result = load_config(dir_ / "nope.yaml", env_, now_);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.errors(),
              ElementsAre((dir_ / "nope.yaml").string() +
                          ": cannot read the configuration: No such file or directory"));
}

}  // namespace
}  // namespace msync::config
