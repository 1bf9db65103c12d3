// Must not compile: a child of a temporary group; the group closes (and the child with it) at
// the end of the statement that made it.
#include "imlit/ui.hpp"

void frame() {
#ifdef IMLIT_COMPILE_FAIL_CONTROL
    auto cols = imlit::columns(2);
    if (auto c = cols[0]) imlit::text("left");
#else
    if (auto c = imlit::columns(2)[0]) imlit::text("left");
#endif
}

int main() {}
