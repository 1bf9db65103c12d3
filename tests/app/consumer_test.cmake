# CTest: install imlit into a temporary prefix, then configure, build and run a separate
# project (tests/app/consumer) that uses find_package(imlit CONFIG REQUIRED) and imlit::imlit.
# Variables: BUILD_DIR (imlit's build tree), CONSUMER_DIR, WORK_DIR, GENERATOR, XVFB_RUN
# (empty: not installed, the window run is skipped), SANITIZE (imlit's IMLIT_SANITIZE: the
# installed package must pass -fsanitize=<it> to the consumer's compile and link lines, or
# linking against the sanitized libimlit.a fails).
include(${CMAKE_CURRENT_LIST_DIR}/script_steps.cmake)
imlit_test_require("consumer test" BUILD_DIR CONSUMER_DIR WORK_DIR GENERATOR)
macro(step name)
  imlit_test_step("consumer test" "${name}" ${ARGN})
endmacro()

set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
step("install imlit to ${prefix}" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
step("configure the consumer"
  ${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/build -G ${GENERATOR}
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${prefix} -DIMLIT_EXPECTED_PREFIX=${prefix}
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)
if(SANITIZE)
  file(GLOB targets_file ${prefix}/lib/cmake/imlit/imlitTargets.cmake
       ${prefix}/lib/*/cmake/imlit/imlitTargets.cmake)
  file(READ ${targets_file} targets)
  string(REGEX MATCH "INTERFACE_LINK_OPTIONS \"[^\"]*-fsanitize=${SANITIZE}" link_flag "${targets}")
  if(NOT link_flag)
    message(FATAL_ERROR "consumer test: the installed imlit::imlit has no -fsanitize=${SANITIZE} "
                        "link option (${targets_file})")
  endif()
  file(READ ${WORK_DIR}/build/compile_commands.json commands)
  string(FIND "${commands}" "-fsanitize=${SANITIZE}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "consumer test: the consumer is not compiled with -fsanitize=${SANITIZE}")
  endif()
endif()
step("build the consumer" ${CMAKE_COMMAND} --build ${WORK_DIR}/build)
set(app ${WORK_DIR}/build/consumer)
step("run the consumer's headless self-test" ${app} --self-test)
if(XVFB_RUN)
  step("run the consumer in a window under xvfb-run"
    ${XVFB_RUN} -a -s "-screen 0 1920x1080x24" ${LAUNCHER} ${app} --frames 2
    --screenshot ${WORK_DIR}/consumer.png)
  if(NOT EXISTS ${WORK_DIR}/consumer.png)
    message(FATAL_ERROR "consumer test: the window run wrote no screenshot")
  endif()
else()
  message(STATUS "consumer test: xvfb-run not installed, window run skipped")
endif()
message(STATUS "consumer test: passed")
