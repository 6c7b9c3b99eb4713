# Every dependency comes from a Debian 12 package (scripts/install-deps.sh); nothing is downloaded.
find_package(Threads REQUIRED)
find_package(Boost 1.81 REQUIRED CONFIG COMPONENTS url)
find_package(OpenSSL 3 REQUIRED)
find_package(RapidJSON REQUIRED CONFIG)
find_package(yaml-cpp REQUIRED CONFIG)
find_package(SQLite3 REQUIRED)
find_package(fmt REQUIRED CONFIG)
find_package(spdlog REQUIRED CONFIG)
find_package(CLI11 REQUIRED CONFIG)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
# Compressed staging (lib/staging): zlib for gzip, libzstd for zstd.
find_package(ZLIB REQUIRED)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
if(MSYNC_TESTS)
  find_package(GTest REQUIRED CONFIG)
endif()

# Debian's RapidJSON config exports include dirs only as a variable.
if(NOT TARGET RapidJSON::RapidJSON)
  add_library(RapidJSON::RapidJSON INTERFACE IMPORTED)
  set_target_properties(RapidJSON::RapidJSON PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${RAPIDJSON_INCLUDE_DIRS}")
endif()
