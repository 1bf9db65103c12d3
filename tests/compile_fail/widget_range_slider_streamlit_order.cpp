// Must not compile: Streamlit's st.slider(label, min, max, (low, high)) order.
#include <string>
#include <vector>

#include "imlit/ui.hpp"

void frame() {
    const std::vector<std::string> models = {"small", "large"};
    (void)models;
#ifdef IMLIT_COMPILE_FAIL_CONTROL
    (void)imlit::range_slider("Years", {1990, 2020}, 1900, 2030);
#else
    imlit::range_slider("Years", 1900, 2030, {1990, 2020});
#endif
}

int main() {
    return 0;
}
