# The git revision the build comes from, for `corpus-clean --version`: CORPUS_CLEAN_GIT_REVISION
# is `git rev-parse --short HEAD` at configure time, or "unknown" outside a git checkout (a
# release tarball) or without git; a value given with -DCORPUS_CLEAN_GIT_REVISION=... is kept
# (distribution builds). CMake re-configures when HEAD or its branch moves, so the revision
# does not go stale across commits and checkouts.
include_guard(GLOBAL)

find_package(Git QUIET)

function(_corpus_clean_git out)
  set(${out} "" PARENT_SCOPE)
  if(GIT_FOUND)
    execute_process(
      COMMAND "${GIT_EXECUTABLE}" ${ARGN}
      WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
      OUTPUT_VARIABLE _out OUTPUT_STRIP_TRAILING_WHITESPACE
      ERROR_QUIET RESULT_VARIABLE _status)
    if(_status EQUAL 0)
      set(${out} "${_out}" PARENT_SCOPE)
    endif()
  endif()
endfunction()

if(NOT DEFINED CORPUS_CLEAN_GIT_REVISION)
  _corpus_clean_git(CORPUS_CLEAN_GIT_REVISION rev-parse --short HEAD)
  if(CORPUS_CLEAN_GIT_REVISION STREQUAL "")
    set(CORPUS_CLEAN_GIT_REVISION "unknown")
  endif()
endif()

# The files that change when HEAD moves: HEAD itself (a checkout), the branch's ref (a commit)
# and packed-refs (after git gc).
_corpus_clean_git(_cc_branch symbolic-ref -q HEAD)
foreach(_cc_ref HEAD packed-refs ${_cc_branch})
  _corpus_clean_git(_cc_ref_file rev-parse --git-path "${_cc_ref}")
  if(_cc_ref_file STREQUAL "")
    continue()
  endif()
  if(NOT IS_ABSOLUTE "${_cc_ref_file}")
    set(_cc_ref_file "${PROJECT_SOURCE_DIR}/${_cc_ref_file}")
  endif()
  if(EXISTS "${_cc_ref_file}")
    set_property(DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND PROPERTY
                 CMAKE_CONFIGURE_DEPENDS "${_cc_ref_file}")
  endif()
endforeach()
