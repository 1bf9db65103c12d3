// Helpers shared by the widget tests (tests/ui/test_widget*.cpp, test_state.cpp).
#pragma once

#include <string>

#include <imgui.h>

#include "imlit/testing.hpp"

namespace widget_test {

// The text of the last frame's error and exception elements, one per line (for CHECK_THAT).
inline std::string errors(const imlit::testing::AppTest& at) {
    std::string out;
    for (const char* kind : {"error", "exception"})
        for (const imlit::testing::Element& e : at.elements_of(kind))
            out += e.text + "\n";
    return out;
}

// Vertices the last frame drew: more output (a marker, a hint, longer text) means more.
inline int vertex_count(const imlit::testing::AppTest& at) {
    return at.draw_data() == nullptr ? 0 : at.draw_data()->TotalVtxCount;
}

} // namespace widget_test
