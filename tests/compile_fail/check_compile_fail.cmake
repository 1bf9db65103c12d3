# cmake -DCXX=... -DSOURCE=... -DINCLUDE_DIR=... [-DXXHASH_INCLUDE_DIR=...] -DREGEX_COUNT=n
#       -DREGEX_0=... -P check_compile_fail.cmake
set(flags -std=c++20 -fsyntax-only -I${INCLUDE_DIR})
# /usr/include must not be passed as -isystem (it breaks libstdc++'s #include_next).
if(XXHASH_INCLUDE_DIR AND NOT XXHASH_INCLUDE_DIR STREQUAL "/usr/include")
  list(APPEND flags -isystem ${XXHASH_INCLUDE_DIR})
endif()

execute_process(COMMAND ${CXX} ${flags} -DIMLIT_COMPILE_FAIL_CONTROL ${SOURCE}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "control build of ${SOURCE} (-DIMLIT_COMPILE_FAIL_CONTROL) must compile, "
                      "but failed:\n${out}${err}")
endif()

execute_process(COMMAND ${CXX} ${flags} ${SOURCE}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "${SOURCE} compiled, but it must fail to compile")
endif()
set(diag "${out}${err}")
math(EXPR last "${REGEX_COUNT} - 1")
foreach(i RANGE ${last})
  if(NOT diag MATCHES "${REGEX_${i}}")
    message(FATAL_ERROR "diagnostic for ${SOURCE} does not match '${REGEX_${i}}':\n${diag}")
  endif()
endforeach()
message(STATUS "${SOURCE}: failed to compile as expected, diagnostic matches")
