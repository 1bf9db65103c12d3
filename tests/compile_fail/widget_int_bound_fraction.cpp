// Must not compile: a fraction as an int slider's bound would truncate.
#include <string>
#include <vector>

#include "imlit/ui.hpp"

void frame() {
    const std::vector<std::string> models = {"small", "large"};
    (void)models;
#ifdef IMLIT_COMPILE_FAIL_CONTROL
    (void)imlit::slider("Level", 3, {.min = 0, .max = 10});
#else
    (void)imlit::slider("Level", 3, {.min = 0.5, .max = 10});
#endif
}

int main() {
    return 0;
}
