# CTest: embed imlit in a separate project (tests/app/package_consumer) with add_subdirectory
# or find_package, build it with -Wall -Wextra, and check that imlit forces nothing on it:
# no -Werror in any compile command, no build-machine paths in the installed package files.
# Variables: MODE (add_subdirectory | find_package), SOURCE_DIR (imlit's source tree),
# BUILD_DIR (imlit's build tree, for find_package's install), CONSUMER_DIR, WORK_DIR, GENERATOR.
include(${CMAKE_CURRENT_LIST_DIR}/script_steps.cmake)
imlit_test_require("package test" MODE SOURCE_DIR BUILD_DIR CONSUMER_DIR WORK_DIR GENERATOR)
macro(step name)
  imlit_test_step("package test (${MODE})" "${name}" ${ARGN})
endmacro()

file(REMOVE_RECURSE ${WORK_DIR})
set(consumer_args -DIMLIT_CONSUME=${MODE} -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
if(MODE STREQUAL "find_package")
  set(prefix ${WORK_DIR}/prefix)
  step("install imlit to ${prefix}" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
  # The installed package must not point back at the machine it was built on.
  file(GLOB_RECURSE package_files ${prefix}/lib/cmake/* ${prefix}/lib/*/cmake/*)
  if(NOT package_files)
    message(FATAL_ERROR "package test: no package files under ${prefix}")
  endif()
  foreach(f ${package_files})
    file(READ ${f} text)
    foreach(path ${SOURCE_DIR} ${BUILD_DIR})
      string(FIND "${text}" "${path}" at)
      if(NOT at EQUAL -1)
        message(FATAL_ERROR "package test: ${f} names the build machine's ${path}")
      endif()
    endforeach()
  endforeach()
  if(NOT EXISTS ${prefix}/share/doc/imlit/LICENSE)
    message(FATAL_ERROR "package test: the LICENSE is not installed")
  endif()
  list(APPEND consumer_args -DCMAKE_PREFIX_PATH=${prefix})
elseif(MODE STREQUAL "add_subdirectory")
  list(APPEND consumer_args -DIMLIT_SOURCE_DIR=${SOURCE_DIR})
else()
  message(FATAL_ERROR "package test: MODE must be add_subdirectory or find_package")
endif()

# No CMAKE_BUILD_TYPE: the consumer's choice (none) must survive imlit.
step("configure the consumer"
  ${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/build -G ${GENERATOR} ${consumer_args})

file(READ ${WORK_DIR}/build/compile_commands.json commands)
string(FIND "${commands}" "-Werror" werror)
if(NOT werror EQUAL -1)
  string(SUBSTRING "${commands}" ${werror} 200 context)
  message(FATAL_ERROR "package test: -Werror reached a compile command: ...${context}")
endif()
string(REGEX MATCH "consumer/main\\.cpp" has_consumer "${commands}")
string(REGEX MATCH "-Wall -Wextra" has_warnings "${commands}")
if(NOT has_consumer OR NOT has_warnings)
  message(FATAL_ERROR "package test: the consumer is not compiled with -Wall -Wextra")
endif()

step("build the consumer" ${CMAKE_COMMAND} --build ${WORK_DIR}/build --parallel 2)
step("run the consumer's headless self-test" ${WORK_DIR}/build/consumer --self-test)
message(STATUS "package test (${MODE}): passed")
