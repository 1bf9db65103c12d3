/* imlit bench — LD_PRELOAD shim: ends the process right after its first glfwSwapBuffers.
 *
 * Preloaded into both programs compared by imlit_first_frame (an imlit app and the plain Dear
 * ImGui hello), so a run's wall time is exactly "start to first frame on screen" for both,
 * whatever each does afterwards (imlit's settle frames, waiting for a loader at exit, tear-down).
 * The exit status 42 tells the launcher the first frame was reached (any other status: the
 * program ended without presenting a frame, e.g. it could not open a window).
 * With IMLIT_FIRST_FRAME_CPU set, it also prints the CPU time used so far by the thread that
 * swapped (the UI thread) and by the whole process, to see where a difference comes from. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

typedef struct GLFWwindow GLFWwindow;

enum { kFirstFrameStatus = 42 };

void glfwSwapBuffers(GLFWwindow* window) {
    void (*real)(GLFWwindow*) = (void (*)(GLFWwindow*))dlsym(RTLD_NEXT, "glfwSwapBuffers");
    if (real == NULL) {
        fprintf(stderr, "exit_at_first_swap: glfwSwapBuffers not found\n");
        _exit(1);
    }
    real(window);
    if (getenv("IMLIT_FIRST_FRAME_CPU") != NULL) {
        struct timespec thread_cpu, process_cpu;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &thread_cpu);
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &process_cpu);
        fprintf(stderr, "first frame: ui thread cpu %.1f ms, process cpu %.1f ms\n",
                (double)thread_cpu.tv_sec * 1e3 + (double)thread_cpu.tv_nsec / 1e6,
                (double)process_cpu.tv_sec * 1e3 + (double)process_cpu.tv_nsec / 1e6);
    }
    _exit(kFirstFrameStatus);
}
