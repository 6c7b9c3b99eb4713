// What a valid configuration loads into: defaults, expansion, secrets, paths, and the shipped
// files.
#include <cstdlib>

#include "unit/config/config_fixture.hpp"

namespace msync::config {
namespace {

using ::testing::ElementsAre;

const std::string windowed_export =
    "exports:\n"
    "  - name: leads_created\n"
    "    entity: leads\n"
    "    fields: [id, email]\n"
    "    filter: createdAt\n"
    "    start: 2024-01-01T00:00:00Z\n";

std::filesystem::path source_dir() {
  const char* dir = std::getenv("MSYNC_SOURCE_DIR");
  EXPECT_NE(dir, nullptr) << "MSYNC_SOURCE_DIR is set by msync_add_test";
  return dir ? dir : ".";
}

TEST_F(ConfigTest, Defaults) {
  const Config config = valid(head + windowed_export);
  EXPECT_EQ(config.marketo.base_url, "https://example.mktorest.com");
  EXPECT_EQ(config.marketo.identity_url, "https://example.mktorest.com/identity");
  EXPECT_EQ(config.marketo.client_id, "the-id");
  EXPECT_EQ(config.marketo.client_secret, "topsecret");
  EXPECT_FALSE(config.marketo.ca_file.has_value());
  EXPECT_EQ(config.marketo.limits.max_processing, 2);
  EXPECT_EQ(config.marketo.limits.max_queued, 10);
  EXPECT_EQ(config.marketo.limits.daily_export_bytes, 500'000'000u);
  EXPECT_EQ(config.marketo.limits.calls_per_20s, 100);
  EXPECT_EQ(config.marketo.poll_interval, core::Seconds{60});
  EXPECT_EQ(config.marketo.import_poll_interval, core::Seconds{10});
  EXPECT_EQ(config.health.host, "127.0.0.1");
  EXPECT_EQ(config.health.port, 9465);
  EXPECT_TRUE(config.imports.empty());
  ASSERT_EQ(config.exports.size(), 1u);
  const ExportSync& sync = config.exports[0];
  EXPECT_EQ(sync.name, "leads_created");
  EXPECT_EQ(sync.entity, Entity::leads);
  EXPECT_THAT(sync.fields, ElementsAre("id", "email"));
  EXPECT_TRUE(sync.column_header_names.empty());
  EXPECT_EQ(sync.format, Format::csv);
  const auto& filter = std::get<WindowedFilter>(sync.filter);
  EXPECT_EQ(filter.field, WindowField::created_at);
  EXPECT_EQ(core::format_iso8601(filter.start), "2024-01-01T00:00:00Z");
  EXPECT_EQ(filter.window, core::Seconds{7 * 86400});
  EXPECT_EQ(filter.lag, core::Seconds{15 * 60});
  EXPECT_EQ(sync.schedule.every, core::Seconds{3600});
  EXPECT_FALSE(sync.schedule.cron.has_value());
}

TEST_F(ConfigTest, EverythingSet) {
  const Config config = valid(
      "marketo:\n"
      "  base_url: http://127.0.0.1:8443/\n"
      "  identity_url: http://127.0.0.1:8443/auth\n"
      "  client_id: id\n"
      "  client_secret: s\n"
      "  limits: { max_processing: 1, max_queued: 4, daily_export_bytes: 2GiB, calls_per_20s: 50 "
      "}\n"
      "  poll_interval: 5s\n"
      "  import_poll_interval: 30s\n"
      "state_db: /abs/state.db\n"
      "staging_dir: /abs/staging/\n"
      "health: { listen: \"[::1]:0\" }\n"
      "exports:\n"
      "  - name: updates\n"
      "    entity: leads\n"
      "    fields: [id, email, company]\n"
      "    column_header_names: { id: Marketo Id, email: E-mail }\n"
      "    format: tsv\n"
      "    compression: zstd\n"
      "    filter: updatedAt\n"
      "    start: 2025-12-31T23:59:59Z\n"
      "    window: 31d\n"
      "    lag: 0s\n"
      "    cron: '15 */6 * * 1-5'\n"
      "  - { name: vip, entity: leads, fields: [id], filter: { staticListName: VIP }, every: 24h "
      "}\n"
      "  - { name: l2, entity: leads, fields: [id], filter: { staticListId: 12 }, format: ssv,\n"
      "      compression: gzip }\n"
      "  - { name: l3, entity: leads, fields: [id], filter: { smartListId: 7 } }\n"
      "  - { name: l4, entity: leads, fields: [id], filter: { smartListName: Hot Leads } }\n"
      "imports:\n"
      "  - name: webinar_attendees\n"
      "    program_id: 1234\n"
      "    program_member_status: Attended\n"
      "    inbound_dir: inbound/webinar\n"
      "    format: tsv\n");
  EXPECT_EQ(config.marketo.base_url, "http://127.0.0.1:8443");
  EXPECT_EQ(config.marketo.identity_url, "http://127.0.0.1:8443/auth");
  EXPECT_EQ(config.marketo.limits.max_processing, 1);
  EXPECT_EQ(config.marketo.limits.max_queued, 4);
  EXPECT_EQ(config.marketo.limits.daily_export_bytes, 2ull << 30);
  EXPECT_EQ(config.marketo.limits.calls_per_20s, 50);
  EXPECT_EQ(config.marketo.poll_interval, core::Seconds{5});
  EXPECT_EQ(config.marketo.import_poll_interval, core::Seconds{30});
  EXPECT_EQ(config.state_db, "/abs/state.db");
  EXPECT_EQ(config.staging_dir, "/abs/staging/");
  EXPECT_EQ(config.health.host, "::1");
  EXPECT_EQ(config.health.port, 0);
  EXPECT_FALSE(config.health.allow_remote);

  ASSERT_EQ(config.exports.size(), 5u);
  const ExportSync& updates = config.exports[0];
  EXPECT_EQ(updates.format, Format::tsv);
  EXPECT_EQ(updates.compression, Compression::zstd);
  EXPECT_EQ(config.exports[1].compression, Compression::none);  // the default
  EXPECT_EQ(updates.column_header_names,
            (std::map<std::string, std::string>{{"id", "Marketo Id"}, {"email", "E-mail"}}));
  const auto& window = std::get<WindowedFilter>(updates.filter);
  EXPECT_EQ(window.field, WindowField::updated_at);
  EXPECT_EQ(window.window, core::Seconds{31 * 86400});
  EXPECT_EQ(window.lag, core::Seconds{0});
  ASSERT_TRUE(updates.schedule.cron.has_value());
  EXPECT_EQ(updates.schedule.cron->text(), "15 */6 * * 1-5");
  // Friday 2026-01-02 12:20 -> 18:15 the same day, then Monday 00:15.
  EXPECT_EQ(core::format_iso8601(
                updates.schedule.cron->next_after(*core::parse_iso8601("2026-01-02T12:20:00Z"))),
            "2026-01-02T18:15:00Z");
  EXPECT_EQ(core::format_iso8601(
                updates.schedule.cron->next_after(*core::parse_iso8601("2026-01-02T18:15:00Z"))),
            "2026-01-05T00:15:00Z");

  const auto list = [&](std::size_t i) { return std::get<ListFilter>(config.exports[i].filter); };
  EXPECT_EQ(list(1).kind, ListKind::static_list_name);
  EXPECT_EQ(list(1).name, "VIP");
  EXPECT_EQ(config.exports[1].schedule.every, core::Seconds{86400});
  EXPECT_EQ(list(2).kind, ListKind::static_list_id);
  EXPECT_EQ(list(2).id, 12);
  EXPECT_EQ(config.exports[2].format, Format::ssv);
  EXPECT_EQ(config.exports[2].compression, Compression::gzip);
  EXPECT_EQ(list(3).kind, ListKind::smart_list_id);
  EXPECT_EQ(list(3).id, 7);
  EXPECT_EQ(list(4).kind, ListKind::smart_list_name);
  EXPECT_EQ(list(4).name, "Hot Leads");

  ASSERT_EQ(config.imports.size(), 1u);
  EXPECT_EQ(config.imports[0].name, "webinar_attendees");
  EXPECT_EQ(config.imports[0].program_id, 1234);
  EXPECT_EQ(config.imports[0].program_member_status, "Attended");
  EXPECT_EQ(config.imports[0].inbound_dir, dir_ / "inbound/webinar");
  EXPECT_EQ(config.imports[0].format, Format::tsv);

  EXPECT_THAT(
      summarize(config),
      ElementsAre("export updates: leads updatedAt from 2025-12-31T23:59:59Z, window 31d, lag "
                  "0s, 3 fields, tsv (zstd), cron '15 */6 * * 1-5' UTC",
                  "export vip: leads staticListName 'VIP' (snapshot), 1 fields, csv, every 1d",
                  "export l2: leads staticListId 12 (snapshot), 1 fields, ssv (gzip), every 1h",
                  "export l3: leads smartListId 7 (snapshot), 1 fields, csv, every 1h",
                  "export l4: leads smartListName 'Hot Leads' (snapshot), 1 fields, csv, every 1h",
                  "import webinar_attendees: program 1234 status 'Attended', tsv from " +
                      (dir_ / "inbound/webinar").string()));
}

TEST_F(ConfigTest, RelativePathsResolveAgainstTheConfigDirectory) {
  write("ca.pem", "certificate");
  const Config config = valid(
      "marketo:\n"
      "  base_url: https://example.mktorest.com\n"
      "  client_id: id\n"
      "  client_secret: s\n"
      "  ca_file: ./ca.pem\n"
      "state_db: ../demo/state.db\n"
      "staging_dir: staging\n");
  EXPECT_EQ(config.state_db, (dir_.parent_path() / "demo/state.db"));
  EXPECT_EQ(config.staging_dir, dir_ / "staging");
  EXPECT_EQ(config.marketo.ca_file, dir_ / "ca.pem");
}

TEST_F(ConfigTest, UnreadableCaFile) {
  std::string yaml = head;
  yaml.insert(yaml.find("  client_secret"), "  ca_file: nope.pem\n");
  EXPECT_THAT(errors(yaml),
              ElementsAre("test.yaml:4:12: marketo.ca_file: cannot read '" +
                          (dir_ / "nope.pem").string() + "': No such file or directory"));
}

TEST_F(ConfigTest, SecretFilesAreReadAndTrimmed) {
  write("id", "file-id\n");
  write("secret", "file secret\r\n");
  env_ = MapEnvironment({{"CREDENTIALS_DIRECTORY", dir_.string()}});
  const Config config = valid(
      "marketo:\n"
      "  base_url: https://example.mktorest.com\n"
      "  client_id_file: id\n"
      "  client_secret_file: ${CREDENTIALS_DIRECTORY}/secret\n"
      "state_db: state.db\n"
      "staging_dir: staging\n");
  EXPECT_EQ(config.marketo.client_id, "file-id");
  EXPECT_EQ(config.marketo.client_secret, "file secret");
}

TEST_F(ConfigTest, EnvironmentExpansion) {
  env_ = MapEnvironment(
      {{"HOST", "mkto.example"}, {"SECRET", "pa$$word"}, {"PROGRAM", "77"}, {"EMPTY", ""}});
  const Config config = valid(
      "marketo:\n"
      "  base_url: https://${HOST}\n"
      "  client_id: a$$b$c${EMPTY}\n"
      "  client_secret: ${SECRET}\n"
      "state_db: /x/${EMPTY}state.db\n"
      "staging_dir: staging\n"
      "imports:\n"
      "  - name: imp\n"
      "    program_id: ${PROGRAM}\n"
      "    program_member_status: \"Paid $$5\"\n"
      "    inbound_dir: in\n");
  EXPECT_EQ(config.marketo.base_url, "https://mkto.example");
  EXPECT_EQ(config.marketo.identity_url, "https://mkto.example/identity");
  EXPECT_EQ(config.marketo.client_id, "a$b$c");
  // A value from the environment is taken as it is: its own $$ is not expanded again.
  EXPECT_EQ(config.marketo.client_secret, "pa$$word");
  EXPECT_EQ(config.state_db, "/x/state.db");
  EXPECT_EQ(config.imports.at(0).program_id, 77);
  EXPECT_EQ(config.imports.at(0).program_member_status, "Paid $5");
}

TEST_F(ConfigTest, EmptySectionsTakeDefaults) {
  const Config config = valid(std::string(head) + "health:\nexports:\nimports: []\n");
  EXPECT_EQ(config.health.port, 9465);
  EXPECT_TRUE(config.exports.empty());
  EXPECT_TRUE(config.imports.empty());
}

TEST_F(ConfigTest, ShippedExampleLoads) {
  write("client_secret", "example-secret\n");
  env_ = MapEnvironment(
      {{"MARKETO_CLIENT_ID", "example-id"}, {"CREDENTIALS_DIRECTORY", dir_.string()}});
  auto loaded = load_config(source_dir() / "config/example.yaml", env_, now_);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(loaded->marketo.client_id, "example-id");
  EXPECT_EQ(loaded->marketo.client_secret, "example-secret");
  EXPECT_EQ(loaded->marketo.identity_url, "https://123-ABC-456.mktorest.com/identity");
  EXPECT_EQ(loaded->state_db, "/var/lib/marketo-sync/state.db");
  ASSERT_EQ(loaded->exports.size(), 5u);
  EXPECT_EQ(loaded->exports[0].column_header_names.at("id"), "Marketo Id");
  EXPECT_EQ(std::get<ListFilter>(loaded->exports[1].filter).name, "VIP");
  EXPECT_EQ(loaded->exports[2].entity, Entity::activities);
  EXPECT_EQ(loaded->exports[2].fields, activity_columns());
  EXPECT_THAT(loaded->exports[3].program_ids, ElementsAre(1234, 1235));
  EXPECT_TRUE(std::holds_alternative<ProgramsFilter>(loaded->exports[3].filter));
  EXPECT_EQ(loaded->exports[4].api_name, "car_c");
  ASSERT_EQ(loaded->imports.size(), 1u);
  EXPECT_EQ(loaded->imports[0].program_id, 1234);
}

TEST_F(ConfigTest, RemoteHealthListenWhenAllowed) {
  const Config config =
      valid(std::string(head) + "health: { listen: \"0.0.0.0:9000\", allow_remote: true }\n");
  EXPECT_EQ(config.health.host, "0.0.0.0");
  EXPECT_EQ(config.health.port, 9000);
  EXPECT_TRUE(config.health.allow_remote);
  EXPECT_EQ(valid(std::string(head) + "health: { listen: \"127.0.0.2:1\" }\n").health.host, "127.0.0.2");
}

TEST_F(ConfigTest, ShippedDemoLoadsWithPathsBesideTheRepository) {
  env_ = MapEnvironment(
      {{"MARKETO_BASE_URL", "http://127.0.0.1:18080"}, {"MARKETO_CLIENT_SECRET", "x"},
       {"DEMO_START", "2025-01-01T00:00:00Z"}});
  const auto root = std::filesystem::absolute(source_dir()).lexically_normal();
  auto loaded = load_config(source_dir() / "config/demo.yaml", env_, now_);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(loaded->marketo.base_url, "http://127.0.0.1:18080");
  EXPECT_EQ(loaded->marketo.client_id, "demo-client");
  EXPECT_EQ(loaded->state_db, root / "demo/state.db");
  EXPECT_EQ(loaded->staging_dir, root / "demo/staging");
  ASSERT_EQ(loaded->exports.size(), 2u);
  EXPECT_EQ(loaded->exports[0].name, "leads_created");
  EXPECT_EQ(std::get<WindowedFilter>(loaded->exports[1].filter).field, WindowField::updated_at);
  EXPECT_THAT(loaded->exports[1].fields, ElementsAre("id", "email", "firstName", "lastName",
                                                     "company", "createdAt", "updatedAt"));
}

}  // namespace
}  // namespace msync::config
