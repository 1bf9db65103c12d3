// Must not compile: an unnamed status box in an if closes before its body runs.
#include "imlit/ui.hpp"

void frame() {
#ifdef IMLIT_COMPILE_FAIL_CONTROL
    if (auto s = imlit::status("Working")) imlit::text("step 1");
#else
    if (imlit::status("Working")) imlit::text("step 1");
#endif
}

int main() {}
