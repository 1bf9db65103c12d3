// Must not compile: container("k", true) (the old positional key and border); options are
// named now, so a string cannot land in a bool.
#include "imlit/ui.hpp"

void frame() {
#ifdef IMLIT_COMPILE_FAIL_CONTROL
    if (auto c = imlit::container({.key = "k", .border = true})) imlit::text("inside");
#else
    if (auto c = imlit::container("k")) imlit::text("inside");
#endif
}

int main() {}
