// Must not compile: an unnamed container in an if closes before its body runs (the temporary
// dies at the end of the condition), so the text would land outside the expander.
#include "imlit/ui.hpp"

void frame() {
#ifdef IMLIT_COMPILE_FAIL_CONTROL
    if (auto e = imlit::expander("Details")) imlit::text("inside");
#else
    if (imlit::expander("Details")) imlit::text("inside");
#endif
}

int main() {}
