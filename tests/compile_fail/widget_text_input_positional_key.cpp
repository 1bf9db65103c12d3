// Must not compile: a key as text_input's third argument (it goes in the options).
#include <string>
#include <vector>

#include "imlit/ui.hpp"

void frame() {
    const std::vector<std::string> models = {"small", "large"};
    (void)models;
#ifdef IMLIT_COMPILE_FAIL_CONTROL
    (void)imlit::text_input("Name", "Ada", {.key = "name"});
#else
    (void)imlit::text_input("Name", "Ada", "name");
#endif
}

int main() {
    return 0;
}
