// Must not compile: a key as selectbox's third argument (the default index goes there).
#include <string>
#include <vector>

#include "imlit/ui.hpp"

void frame() {
    const std::vector<std::string> models = {"small", "large"};
    (void)models;
#ifdef IMLIT_COMPILE_FAIL_CONTROL
    (void)imlit::selectbox("Model", models, 0, {.key = "model"});
#else
    (void)imlit::selectbox("Model", models, "model");
#endif
}

int main() {
    return 0;
}
