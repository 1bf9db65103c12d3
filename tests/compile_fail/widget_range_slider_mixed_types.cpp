// Must not compile: {0.2, 0.8} with int min/max would truncate to an int slider at {0, 0}.
#include <string>
#include <vector>

#include "imlit/ui.hpp"

void frame() {
    const std::vector<std::string> models = {"small", "large"};
    (void)models;
#ifdef IMLIT_COMPILE_FAIL_CONTROL
    (void)imlit::range_slider("Band", {0.2, 0.8}, 0.0, 1.0);
#else
    (void)imlit::range_slider("Band", {0.2, 0.8}, 0, 1);
#endif
}

int main() {
    return 0;
}
