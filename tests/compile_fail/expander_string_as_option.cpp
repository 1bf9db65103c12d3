// Must not compile: expander("x", "k") used to turn the string "k" into `expanded = true`.
#include "imlit/ui.hpp"

void frame() {
#ifdef IMLIT_COMPILE_FAIL_CONTROL
    if (auto e = imlit::expander("Details", {.key = "k"})) imlit::text("inside");
#else
    if (auto e = imlit::expander("Details", "k")) imlit::text("inside");
#endif
}

int main() {}
