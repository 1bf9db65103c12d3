// Must not compile: checkbox("Show", "show_key") would make "show_key" the default (true).
#include <string>
#include <vector>

#include "imlit/ui.hpp"

void frame() {
    const std::vector<std::string> models = {"small", "large"};
    (void)models;
#ifdef IMLIT_COMPILE_FAIL_CONTROL
    (void)imlit::checkbox("Show", false, {.key = "show_key"});
#else
    (void)imlit::checkbox("Show", "show_key");
#endif
}

int main() {
    return 0;
}
