# Installation and packaging, in two components:
#   runtime  the CLI, its man page, bash and zsh completions, the default rules, the record
#            schema and the docs: what a user of the command needs (the `corpus-clean` .deb);
#   devel    the static library, its headers and a CMake package so that another project can
#            `find_package(corpus_clean)` and link `corpus_clean::corpus_clean`
#            (the `libcorpus-clean-dev` .deb);
#   python   the Python package `corpus_clean` (python/CMakeLists.txt) when it is built (the
#            `python3-corpus-clean` .deb).
#
#   cmake --install build --prefix /tmp/p                      # both components
#   cmake --install build --prefix /tmp/p --component runtime  # the command only
#   cd build && cpack -G DEB        # corpus-clean_*.deb, libcorpus-clean-dev_*.deb and
#                                   # python3-corpus-clean_*.deb
include_guard(GLOBAL)

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
include(Version)  # CORPUS_CLEAN_GIT_REVISION, and re-configuring when HEAD moves

set(CORPUS_CLEAN_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/corpus_clean"
    CACHE STRING "Where the CMake package files go, relative to the prefix")
set(CORPUS_CLEAN_INSTALL_DATADIR "${CMAKE_INSTALL_DATADIR}/corpus-clean")

# --- runtime -------------------------------------------------------------------------------

install(TARGETS corpus-clean
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT runtime)
# Debian policy wants the man page and the changelogs compressed with `gzip -9n` (no name or
# time stamp in the header, so the bytes are reproducible); without gzip they go as they are.
find_program(CORPUS_CLEAN_GZIP gzip)
set(_cc_packaging_dir "${PROJECT_BINARY_DIR}/packaging")
set(CPACK_PACKAGE_CONTACT "corpus-clean maintainers <maintainers@corpus-clean.example>"
    CACHE STRING "The Maintainer field of the packages")
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CORPUS_CLEAN_DEBIAN_VERSION "${PROJECT_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}")
string(TIMESTAMP CORPUS_CLEAN_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file(cmake/packaging/changelog.Debian.in "${_cc_packaging_dir}/changelog.Debian" @ONLY)
if(CORPUS_CLEAN_GZIP)
  set(_cc_man_page "${_cc_packaging_dir}/corpus-clean.1.gz")
  set(_cc_changelog "${_cc_packaging_dir}/changelog.Debian.gz")
  foreach(_cc_pair IN ITEMS "${PROJECT_SOURCE_DIR}/docs/corpus-clean.1|${_cc_man_page}"
                            "${_cc_packaging_dir}/changelog.Debian|${_cc_changelog}")
    string(REPLACE "|" ";" _cc_pair "${_cc_pair}")
    list(GET _cc_pair 0 _cc_in)
    list(GET _cc_pair 1 _cc_out)
    add_custom_command(OUTPUT "${_cc_out}"
      COMMAND sh -c "\"$1\" -9n <\"$2\" >\"$3\"" gzip "${CORPUS_CLEAN_GZIP}" "${_cc_in}" "${_cc_out}"
      DEPENDS "${_cc_in}" VERBATIM)
  endforeach()
  add_custom_target(corpus_clean_packaging_files ALL DEPENDS "${_cc_man_page}" "${_cc_changelog}")
else()
  set(_cc_man_page "${PROJECT_SOURCE_DIR}/docs/corpus-clean.1")
  set(_cc_changelog "${_cc_packaging_dir}/changelog.Debian")
endif()

install(FILES "${_cc_man_page}"
  DESTINATION "${CMAKE_INSTALL_MANDIR}/man1" COMPONENT runtime)
install(FILES completions/corpus-clean.bash
  DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions"
  RENAME corpus-clean COMPONENT runtime)
install(FILES completions/_corpus-clean
  DESTINATION "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions" COMPONENT runtime)
# The binary has these compiled in; the copies are for reading and as a start for --rules files.
install(FILES rules/default.yaml
  DESTINATION "${CORPUS_CLEAN_INSTALL_DATADIR}/rules" COMPONENT runtime)
install(FILES docs/record.schema.json
  DESTINATION "${CORPUS_CLEAN_INSTALL_DATADIR}" COMPONENT runtime)
install(FILES README.md docs/rules.md docs/scale-out.md
  DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/doc/corpus-clean" COMPONENT runtime)
# Debian wants the licence as share/doc/PACKAGE/copyright, and a changelog beside it.
set(_cc_component_docs "runtime|corpus-clean" "devel|libcorpus-clean-dev")
if(TARGET corpus_clean_python)
  list(APPEND _cc_component_docs "python|python3-corpus-clean")
endif()
foreach(_cc_component_doc IN LISTS _cc_component_docs)
  string(REPLACE "|" ";" _cc_component_doc "${_cc_component_doc}")
  list(GET _cc_component_doc 0 _cc_component)
  list(GET _cc_component_doc 1 _cc_package)
  install(FILES LICENSE
    DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/doc/${_cc_package}" RENAME copyright
    COMPONENT ${_cc_component})
  install(FILES "${_cc_changelog}"
    DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/doc/${_cc_package}" COMPONENT ${_cc_component})
endforeach()

# --- devel: library, headers, CMake package ------------------------------------------------

# The library is static, so its PRIVATE dependencies are link dependencies of every consumer
# and appear in the exported target as $<LINK_ONLY:...>. The third-party ones are imported
# targets that corpus_cleanConfig.cmake finds again; the two interface targets for warnings
# and sanitizers are exported with the library (consumers get only their link options, which
# matter for a sanitizer build).
install(TARGETS corpus_clean corpus_clean_warnings corpus_clean_sanitizers
  EXPORT corpus_cleanTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT devel
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT devel
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(DIRECTORY include/corpus_clean
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT devel
  FILES_MATCHING PATTERN "*.hpp")
install(EXPORT corpus_cleanTargets
  NAMESPACE corpus_clean::
  DESTINATION "${CORPUS_CLEAN_INSTALL_CMAKEDIR}" COMPONENT devel)

# How a consumer finds each private dependency of the static library, derived from its link
# interface so that a dependency added to CMakeLists.txt cannot be forgotten here:
#   PkgConfig::NAME  pkg_check_modules(NAME IMPORTED_TARGET <the module the build found>)
#   ICU::COMPONENT   find_dependency(ICU COMPONENTS ...)
#   PACKAGE::TARGET  find_dependency(PACKAGE)           (ZLIB::ZLIB, Threads::Threads, ...)
#   TARGET           find_dependency(TARGET)            (yaml-cpp)
set(CORPUS_CLEAN_PRIVATE_DEPENDENCIES "")
get_target_property(_cc_library_type corpus_clean TYPE)
if(_cc_library_type STREQUAL "STATIC_LIBRARY")
  get_target_property(_cc_link_interface corpus_clean INTERFACE_LINK_LIBRARIES)
  set(_cc_icu_components "")
  set(_cc_packages "")
  foreach(_cc_item IN LISTS _cc_link_interface)
    if(NOT _cc_item MATCHES "^\\$<LINK_ONLY:(.+)>$")
      continue()  # a PUBLIC dependency: found below, as the headers need it
    endif()
    set(_cc_dep "${CMAKE_MATCH_1}")
    if(_cc_dep STREQUAL "corpus_clean_warnings" OR _cc_dep STREQUAL "corpus_clean_sanitizers")
      continue()  # exported with the library
    elseif(_cc_dep MATCHES "^PkgConfig::(.+)$")
      string(APPEND CORPUS_CLEAN_PRIVATE_DEPENDENCIES
             "_corpus_clean_find_pkg_config(${CMAKE_MATCH_1} ${${CMAKE_MATCH_1}_MODULE_NAME})\n")
    elseif(_cc_dep MATCHES "^ICU::(.+)$")
      list(APPEND _cc_icu_components "${CMAKE_MATCH_1}")
    elseif(_cc_dep MATCHES "^([^:]+)::")
      list(APPEND _cc_packages "${CMAKE_MATCH_1}")
    elseif(TARGET "${_cc_dep}")
      list(APPEND _cc_packages "${_cc_dep}")
    endif()  # else a plain library name such as `m`: the linker finds it
  endforeach()
  if(_cc_icu_components)
    list(JOIN _cc_icu_components " " _cc_icu_components)
    string(APPEND CORPUS_CLEAN_PRIVATE_DEPENDENCIES
           "find_dependency(ICU COMPONENTS ${_cc_icu_components})\n")
  endif()
  list(REMOVE_DUPLICATES _cc_packages)
  foreach(_cc_package IN LISTS _cc_packages)
    string(APPEND CORPUS_CLEAN_PRIVATE_DEPENDENCIES "find_dependency(${_cc_package})\n")
  endforeach()
endif()
configure_package_config_file(cmake/corpus_cleanConfig.cmake.in
  "${PROJECT_BINARY_DIR}/corpus_cleanConfig.cmake"
  INSTALL_DESTINATION "${CORPUS_CLEAN_INSTALL_CMAKEDIR}")
# 0.x: a new minor version may break the API.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/corpus_cleanConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES
    "${PROJECT_BINARY_DIR}/corpus_cleanConfig.cmake"
    "${PROJECT_BINARY_DIR}/corpus_cleanConfigVersion.cmake"
  DESTINATION "${CORPUS_CLEAN_INSTALL_CMAKEDIR}" COMPONENT devel)

# --- CPack: Debian packages ----------------------------------------------------------------

set(CPACK_PACKAGE_NAME "corpus-clean")
set(CPACK_PACKAGE_VENDOR "The corpus-clean authors")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build/")

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime devel)
if(TARGET corpus_clean_python)
  list(APPEND CPACK_COMPONENTS_ALL python)
endif()
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # NAME_VERSION-REVISION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION "text")

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME "corpus-clean")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION "text")
# CPackDeb puts CPACK_PACKAGE_DESCRIPTION_SUMMARY first: these are the extended descriptions.
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION
  "corpus-clean turns directories of mirrored Chinese news posts (Hexo, Jekyll and
Hugo Markdown files with YAML front matter and an HTML, Markdown or plain-text
body) into JSON Lines: one typed record per article, with the site's
boilerplate removed by rules kept as data, the metadata harvested and the
punctuation normalized. It is a worker for GNU parallel, Hadoop Streaming and
Spark through --files-from and --shard.")
# The binary's shared libraries, as Debian names them: from dpkg-shlibdeps when it is there
# (exact and with versions), else the Debian 12 names.
find_program(CORPUS_CLEAN_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(CORPUS_CLEAN_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
else()
  set(_cc_runtime_depends libgumbo1 libyaml-cpp0.7 libicu72 libre2-9 libxxhash0 libzstd1
      libdeflate0 zlib1g libstdc++6 libgcc-s1 libc6)
  list(JOIN _cc_runtime_depends ", " CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS)
endif()

set(CPACK_DEBIAN_DEVEL_PACKAGE_NAME "libcorpus-clean-dev")
set(CPACK_DEBIAN_DEVEL_PACKAGE_SECTION "libdevel")
set(CPACK_COMPONENT_DEVEL_DESCRIPTION
  "The static library behind corpus-clean, its C++20 headers and a CMake
package: find_package(corpus_clean) and link corpus_clean::corpus_clean to
run the cleaning pipeline on documents in memory.")
# A static library: its consumers link its dependencies, so they need the -dev packages.
set(_cc_devel_depends libgumbo-dev libyaml-cpp-dev libicu-dev libre2-dev libxxhash-dev
    libzstd-dev libdeflate-dev zlib1g-dev nlohmann-json3-dev pkg-config)
list(JOIN _cc_devel_depends ", " CPACK_DEBIAN_DEVEL_PACKAGE_DEPENDS)

if(TARGET corpus_clean_python)
  set(CPACK_DEBIAN_PYTHON_PACKAGE_NAME "python3-corpus-clean")
  set(CPACK_DEBIAN_PYTHON_PACKAGE_SECTION "python")
  set(CPACK_COMPONENT_PYTHON_DESCRIPTION
    "The corpus-clean library as the Python package corpus_clean: clean() gives
the record the corpus-clean command writes for a document in memory,
normalize() the punctuation normalizer, and a Cleaner compiles the rules once
and may be shared by threads (the GIL is released while it works). Type
stubs included.")
  # The extension is for one Python version (its file name says which); its shared libraries
  # come from dpkg-shlibdeps, as the command's do.
  set(CPACK_DEBIAN_PYTHON_PACKAGE_DEPENDS
      "python3 (>= ${CORPUS_CLEAN_PYTHON_VERSION}~), python3 (<< ${CORPUS_CLEAN_PYTHON_NEXT_VERSION})")
  if(CORPUS_CLEAN_DPKG_SHLIBDEPS)
    set(CPACK_DEBIAN_PYTHON_PACKAGE_SHLIBDEPS ON)
  else()
    string(APPEND CPACK_DEBIAN_PYTHON_PACKAGE_DEPENDS ", ${CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS}")
  endif()
  # Byte-compiled on installation and removed before removal, as Debian's python3 packages are.
  set(CPACK_DEBIAN_PYTHON_PACKAGE_CONTROL_EXTRA
      "${PROJECT_SOURCE_DIR}/cmake/packaging/postinst" "${PROJECT_SOURCE_DIR}/cmake/packaging/prerm")
  set(CPACK_DEBIAN_PYTHON_PACKAGE_CONTROL_STRICT_PERMISSION ON)
endif()

include(CPack)
