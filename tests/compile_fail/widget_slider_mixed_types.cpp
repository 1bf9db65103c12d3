// Must not compile: slider("Opacity", 0.5, 0, 1) mixes double and int (it would pick an
// overload by conversion). slider("x", 0.5, 0.0, 1.0) is the double slider.
#include <string>
#include <vector>

#include "imlit/ui.hpp"

void frame() {
    const std::vector<std::string> models = {"small", "large"};
    (void)models;
#ifdef IMLIT_COMPILE_FAIL_CONTROL
    (void)imlit::slider("Opacity", 0.5, 0.0, 1.0);
#else
    (void)imlit::slider("Opacity", 0.5, 0, 1);
#endif
}

int main() {
    return 0;
}
