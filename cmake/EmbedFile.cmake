# embed_file(TARGET_NAME INPUT OUTPUT SYMBOL): generates OUTPUT, a .cpp defining
#   extern const std::string_view corpus_clean::SYMBOL;
# holding INPUT's bytes, regenerated whenever INPUT changes. Lets the binary run alone.
function(embed_file name input output symbol)
  add_custom_command(
    OUTPUT "${output}"
    COMMAND "${CMAKE_COMMAND}" -DINPUT=${input} -DOUTPUT=${output} -DSYMBOL=${symbol}
            -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/EmbedFileScript.cmake"
    DEPENDS "${input}" "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/EmbedFileScript.cmake"
    COMMENT "Embedding ${input}"
    VERBATIM)
  add_custom_target(${name} DEPENDS "${output}")
endfunction()
