# Shared by the cmake -P test scripts in tests/app: required variables and logged steps.
#   imlit_test_require(<label> VAR...)   each VAR must be given with -DVAR=...
#   imlit_test_step(<label> <name> COMMAND...)   run COMMAND; fail naming the step if it fails

function(imlit_test_require label)
  foreach(var ${ARGN})
    if(NOT DEFINED ${var})
      message(FATAL_ERROR "${label}: needs -D${var}=...")
    endif()
  endforeach()
endfunction()

function(imlit_test_step label name)
  message(STATUS "${label}: ${name}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${label}: '${name}' failed (${rc})")
  endif()
endfunction()
