// Small queries over an AppTest's last frame, shared by the ui tests.
#pragma once

#include <string>
#include <string_view>

#include "imlit/testing.hpp"

namespace imlit_ui_test {

// The depth of the first element of `kind` with `text`; -1 when absent.
inline int depth_of(const imlit::testing::AppTest& at, std::string_view kind,
                    std::string_view text) {
    for (const imlit::testing::Element& e : at.elements())
        if (e.kind == kind && e.text == text) return e.depth;
    return -1;
}

// Whether texts() has `text`.
inline bool shows(const imlit::testing::AppTest& at, std::string_view text) {
    for (const std::string& t : at.texts())
        if (t == text) return true;
    return false;
}

} // namespace imlit_ui_test
