// Must not compile: the old number_input(label, value, step): 0.5 is not a NumberInputOptions.
#include <string>
#include <vector>

#include "imlit/ui.hpp"

void frame() {
    const std::vector<std::string> models = {"small", "large"};
    (void)models;
#ifdef IMLIT_COMPILE_FAIL_CONTROL
    (void)imlit::number_input("Rate", 1.5, {.step = 0.5});
#else
    (void)imlit::number_input("Rate", 1.5, 0.5);
#endif
}

int main() {
    return 0;
}
