// Must not compile: the old positional `expanded` flag; options are named now.
#include "imlit/ui.hpp"

void frame() {
#ifdef IMLIT_COMPILE_FAIL_CONTROL
    if (auto e = imlit::expander("Details", {.expanded = true})) imlit::text("inside");
#else
    if (auto e = imlit::expander("Details", true)) imlit::text("inside");
#endif
}

int main() {}
