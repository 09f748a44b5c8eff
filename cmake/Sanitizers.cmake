# ASan + UBSan for the project's own targets, through an interface target.
add_library(corpus_clean_sanitizers INTERFACE)
if(CORPUS_CLEAN_SANITIZE)
  set(_cc_san_flags -fsanitize=address,undefined -fno-omit-frame-pointer
                    -fno-sanitize-recover=undefined)
  target_compile_options(corpus_clean_sanitizers INTERFACE ${_cc_san_flags})
  target_link_options(corpus_clean_sanitizers INTERFACE ${_cc_san_flags})
endif()
