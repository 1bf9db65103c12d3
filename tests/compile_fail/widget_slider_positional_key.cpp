// Must not compile: the old slider(label, value, min, max, key).
#include <string>
#include <vector>

#include "imlit/ui.hpp"

void frame() {
    const std::vector<std::string> models = {"small", "large"};
    (void)models;
#ifdef IMLIT_COMPILE_FAIL_CONTROL
    (void)imlit::slider("Level", 3, 0, 10, {.key = "level"});
#else
    (void)imlit::slider("Level", 3, 0, 10, "level");
#endif
}

int main() {
    return 0;
}
