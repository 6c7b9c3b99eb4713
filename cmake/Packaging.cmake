# `cmake --install` and `cpack -G DEB`: the daemon, an example configuration, the systemd units and
# their sysusers/tmpfiles snippets, and the docs. fake-marketo is a test tool and is never installed.
# scripts/test-package.sh builds the .deb, installs it and checks both layouts.
if(NOT TARGET marketo-syncd)
  return()
endif()

# A system daemon: the units run /usr/bin/marketo-syncd and read /etc/marketo-sync, so /usr is the
# default prefix; with it GNUInstallDirs puts the configuration in /etc, not /usr/etc.
if(CMAKE_INSTALL_PREFIX_INITIALIZED_TO_DEFAULT)
  set(CMAKE_INSTALL_PREFIX /usr CACHE PATH "Install prefix" FORCE)
endif()
include(GNUInstallDirs)

# Debian 12's location for units (its systemd.pc, debhelper and lintian all say /lib/systemd/system;
# merged /usr makes it the same directory as /usr/lib/systemd/system). Any other prefix keeps the
# units under the prefix. The snippets are under /usr/lib on Debian 12 already. Not
# CMAKE_INSTALL_LIBDIR: on Debian that is lib/<multiarch>.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(msync_unit_dir_default /lib/systemd/system)
else()
  set(msync_unit_dir_default lib/systemd/system)
endif()
set(MSYNC_SYSTEMD_UNIT_DIR "${msync_unit_dir_default}" CACHE STRING "Where the systemd units are installed")
set(MSYNC_PACKAGE_MAINTAINER "marketo-sync maintainers <marketo-sync@localhost>"
    CACHE STRING "The Maintainer: field of the .deb")

set(msync_config_dir "${CMAKE_INSTALL_FULL_SYSCONFDIR}/marketo-sync")
set(msync_systemd_dir "${PROJECT_SOURCE_DIR}/systemd")

install(TARGETS marketo-syncd RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(FILES config/example.yaml DESTINATION "${msync_config_dir}")

# The units name /usr/bin/marketo-syncd and /usr/share/doc; another prefix gets copies that name its
# own paths.
foreach(unit marketo-syncd.service marketo-syncd@.service)
  file(READ "${msync_systemd_dir}/${unit}" text)
  string(REPLACE "/usr/bin/marketo-syncd" "${CMAKE_INSTALL_FULL_BINDIR}/marketo-syncd" text "${text}")
  string(REPLACE "/usr/share/doc/marketo-sync" "${CMAKE_INSTALL_FULL_DOCDIR}" text "${text}")
  file(GENERATE OUTPUT "${PROJECT_BINARY_DIR}/systemd/${unit}" CONTENT "${text}")
  install(FILES "${PROJECT_BINARY_DIR}/systemd/${unit}" DESTINATION "${MSYNC_SYSTEMD_UNIT_DIR}")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${msync_systemd_dir}/${unit}")
endforeach()
install(FILES systemd/marketo-sync.sysusers.conf DESTINATION lib/sysusers.d RENAME marketo-sync.conf)
install(FILES systemd/marketo-sync.tmpfiles.conf DESTINATION lib/tmpfiles.d RENAME marketo-sync.conf)
install(FILES README.md DESTINATION "${CMAKE_INSTALL_DOCDIR}")
install(FILES systemd/README.md DESTINATION "${CMAKE_INSTALL_DOCDIR}" RENAME README.systemd.md)

# Debian package. dpkg marks nothing as a conffile by itself (debhelper would): list them.
file(GENERATE OUTPUT "${PROJECT_BINARY_DIR}/debian/conffiles" CONTENT "${msync_config_dir}/example.yaml\n")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME marketo-sync)
set(CPACK_PACKAGE_VENDOR marketo-sync)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Marketo Bulk API sync daemon")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${MSYNC_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# CPack puts the summary above this as the first line.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "marketo-syncd keeps a data-warehouse staging directory in sync with a
Marketo subscription through its Bulk API: incremental lead exports by
createdAt or updatedAt and list snapshots, staged as whole verified files
with manifests, and program member imports of the files dropped in an inbound
directory. Every job and watermark is kept in SQLite, so a crash loses and
duplicates nothing.

The package ships marketo-syncd.service (one subscription per host) and
marketo-syncd@.service (one instance per subscription), both sandboxed, and
an example configuration in /etc/marketo-sync. No unit is enabled on install.")
# Libraries from dpkg-shlibdeps; the postinst runs systemd-sysusers, as debhelper's would.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "systemd | systemd-standalone-sysusers | systemd-sysusers")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS ca-certificates)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  "${msync_systemd_dir}/debian/postinst"
  "${msync_systemd_dir}/debian/prerm"
  "${msync_systemd_dir}/debian/postrm"
  "${PROJECT_BINARY_DIR}/debian/conffiles")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build/" "/demo/")
include(CPack)
