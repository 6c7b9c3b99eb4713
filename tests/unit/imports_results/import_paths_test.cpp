#include <gtest/gtest.h>

#include "imports/imports.hpp"

namespace msync::imports {
namespace {

namespace fs = std::filesystem;

TEST(ImportPathsTest, EverythingLivesBesideTheInboundDirectory) {
  const ImportPaths paths("webinar", "/srv/sync/inbound/webinar");
  EXPECT_EQ(paths.inbound, fs::path("/srv/sync/inbound/webinar"));
  EXPECT_EQ(paths.work_root, fs::path("/srv/sync/inbound/webinar.work"));
  EXPECT_EQ(paths.done_root, fs::path("/srv/sync/inbound/webinar.done"));
  EXPECT_EQ(paths.rejected_root, fs::path("/srv/sync/inbound/webinar.rejected"));
  EXPECT_EQ(paths.work_dir(42), fs::path("/srv/sync/inbound/webinar.work/42"));
}

TEST(ImportPathsTest, TheImportNameNamesTheSiblingsNotTheDirectory) {
  const ImportPaths paths("attendees", "/srv/in/drop");
  EXPECT_EQ(paths.done_root, fs::path("/srv/in/attendees.done"));
}

TEST(ImportPathsTest, TrailingSlashesAndDotsDoNotMatter) {
  for (const char* spelling : {"/srv/in/drop/", "/srv/in/./drop", "/srv/in/x/../drop//"}) {
    const ImportPaths paths("webinar", spelling);
    EXPECT_EQ(paths.inbound, fs::path("/srv/in/drop")) << spelling;
    EXPECT_EQ(paths.work_root, fs::path("/srv/in/webinar.work")) << spelling;
  }
}

TEST(ImportPathsTest, ARelativeInboundDirectoryStaysRelative) {
  const ImportPaths paths("webinar", "inbound/");
  EXPECT_EQ(paths.inbound, fs::path("inbound"));
  EXPECT_EQ(paths.rejected_root, fs::path("webinar.rejected"));
}

}  // namespace
}  // namespace msync::imports
