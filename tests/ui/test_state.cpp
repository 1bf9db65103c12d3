// imlit::set_widget (a widget changed from the frame function, like a user edit) and
// imlit::session_state (values per session), through AppTest.
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "imlit/cache.hpp"
#include "imlit/state.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"
#include "widget_test_util.hpp"

using Catch::Matchers::Contains;
using imlit::Date;
using imlit::testing::AppTest;
using imlit::testing::Element;
using widget_test::errors;
using Strings = std::vector<std::string>;

// [SECTION] set_widget -------------------------------------------------------------------------

TEST_CASE("set_widget: a Reset button, the value shows from the next frame",
          "[state][set_widget]") {
    std::vector<double> seen;
    bool reset = false;
    AppTest at([&] {
        seen.push_back(imlit::slider("Threshold", 0.5, 0.0, 1.0, {.key = "threshold"}));
        if (reset) imlit::set_widget("threshold", 0.5); // after the widget, like a button below it
    });
    at.run();
    at.slider("Threshold").set(0.9);
    at.run();
    CHECK(seen.back() == 0.9);
    reset = true;
    at.run(); // set during this frame: this frame still saw the user's value
    reset = false;
    CHECK(seen.back() == 0.9);
    at.run();
    CHECK(seen.back() == 0.5);
}

TEST_CASE("set_widget before the widget in the frame also waits for the next frame",
          "[state][set_widget]") {
    std::vector<int> seen;
    bool reset = false;
    AppTest at([&] {
        if (reset) imlit::set_widget("level", 7);
        seen.push_back(imlit::slider("Level", 3, 0, 10, {.key = "level"}));
    });
    at.run();
    reset = true;
    at.run();
    reset = false;
    CHECK(seen == std::vector<int>{3, 3}); // not in the frame that called set_widget
    at.run();
    CHECK(seen.back() == 7);
}

TEST_CASE("set_widget: every widget kind takes its value type", "[state][set_widget]") {
    bool set = false;
    struct Seen {
        bool check = false, toggle = false;
        int i = 0;
        float f = 0;
        double n = 0;
        std::string text, pick, mode;
        Strings tags;
        imlit::Color color;
        Date day;
        std::pair<int, int> range;
        std::pair<double, double> band;
    } s;
    AppTest at([&] {
        s.check = imlit::checkbox("Check", false, {.key = "check"});
        s.toggle = imlit::toggle("Toggle", false, {.key = "toggle"});
        s.i = imlit::slider("I", 1, 0, 10, {.key = "i"});
        s.f = imlit::slider("F", 0.5f, 0.0f, 1.0f, {.key = "f"});
        s.n = imlit::number_input("N", 1.0, {.key = "n"});
        s.text = imlit::text_input("Text", "a", {.key = "text"});
        s.pick = imlit::selectbox("Pick", {"x", "y"}, 0, {.key = "pick"});
        s.mode = imlit::radio("Mode", {"fast", "slow"}, 0, {.key = "mode"});
        s.tags = imlit::multiselect("Tags", {"r", "g", "b"}, {}, {.key = "tags"});
        s.color = imlit::color_picker("Color", {1, 1, 1, 1}, {.key = "color"});
        s.day = imlit::date_input("Day", {2024, 1, 1}, {.key = "day"});
        s.range = imlit::range_slider("Range", {1, 2}, 0, 10, {.key = "range"});
        s.band = imlit::range_slider("Band", {0.1, 0.2}, 0.0, 1.0, {.key = "band"});
        if (!set) return;
        imlit::set_widget("check", true);
        imlit::set_widget("toggle", true);
        imlit::set_widget("i", 9);
        imlit::set_widget("f", 0.25);
        imlit::set_widget("n", 42); // an int for a double widget
        imlit::set_widget("text", std::string("typed"));
        imlit::set_widget("pick", "y");
        imlit::set_widget("mode", std::string_view("slow"));
        imlit::set_widget("tags", Strings{"b", "r"});
        imlit::set_widget("color", imlit::Color{0, 0, 1, 1});
        imlit::set_widget("day", Date{2025, 6, 30});
        imlit::set_widget("range", std::pair{3, 4});
        imlit::set_widget("band", std::pair{0.5, 0.75});
    });
    at.run();
    set = true;
    at.run();
    set = false;
    INFO(at.dump());
    CHECK(errors(at).empty());
    at.run();
    CHECK(s.check);
    CHECK(s.toggle);
    CHECK(s.i == 9);
    CHECK(s.f == 0.25f);
    CHECK(s.n == 42.0);
    CHECK(s.text == "typed");
    CHECK(s.pick == "y");
    CHECK(s.mode == "slow");
    CHECK(s.tags == Strings{"r", "b"});
    CHECK(s.color == imlit::Color{0, 0, 1, 1});
    CHECK(s.day == Date{2025, 6, 30});
    CHECK(s.range == std::pair{3, 4});
    CHECK(s.band == std::pair{0.5, 0.75});
}

TEST_CASE("set_widget: unknown key, wrong type, bad value are clear errors",
          "[state][set_widget]") {
    std::string what;
    int mode = 0;
    AppTest at([&] {
        imlit::slider("Level", 3, 0, 10, {.key = "level"});
        imlit::checkbox("Unkeyed");
        imlit::selectbox("Pick", {"a", "b"}, 0, {.key = "pick"});
        try {
            if (mode == 1) imlit::set_widget("nope", 1);
            if (mode == 2) imlit::set_widget("level", "high");
            if (mode == 3) imlit::set_widget("level", 11);
            if (mode == 4) imlit::set_widget("Unkeyed", true);
            if (mode == 5) imlit::set_widget("pick", "c");
            if (mode == 6) imlit::set_widget("level", 2.5);
            if (mode == 7) imlit::set_widget("level", 10'000'000'000LL);
        } catch (const std::invalid_argument& e) {
            what = e.what();
        }
    });
    at.run();
    mode = 1;
    at.run();
    CHECK_THAT(what, Contains("set_widget(\"nope\")") && Contains("no widget with this key"));
    mode = 2;
    at.run();
    CHECK_THAT(what, Contains("slider 'Level'") && Contains("cannot set std::string") &&
                         Contains("it takes int"));
    mode = 3;
    at.run();
    CHECK_THAT(what, Contains("11 is out of range [0, 10]"));
    mode = 4;
    at.run();
    CHECK_THAT(what,
               Contains("labelled \"Unkeyed\" but has no key") && Contains("{.key = \"Unkeyed\"}"));
    mode = 5;
    at.run();
    CHECK_THAT(what, Contains("\"c\" is not one of its options"));
    mode = 6;
    at.run();
    CHECK_THAT(what, Contains("it takes int"));
    mode = 7;
    at.run();
    CHECK_THAT(what, Contains("does not fit in an int"));
    // None of them changed anything.
    mode = 0;
    at.run();
    CHECK(at.slider("Level").value<int>() == 3);
}

TEST_CASE("set_widget uncaught: shown in place as the frame's exception", "[state][set_widget]") {
    AppTest at([] { imlit::set_widget("missing", true); });
    at.run();
    CHECK_THAT(errors(at), Contains("set_widget(\"missing\")"));
}

TEST_CASE("set_widget works on disabled widgets (only users cannot change them)",
          "[state][set_widget]") {
    bool set = false;
    int v = -1;
    AppTest at([&] {
        v = imlit::slider("Locked", 1, 0, 5, {.key = "locked", .disabled = true});
        if (set) imlit::set_widget("locked", 4);
    });
    at.run();
    set = true;
    at.run();
    set = false;
    at.run();
    CHECK(v == 4);
}

TEST_CASE("set_widget: one key in two containers picks the one shown most recently, a tie "
          "is an error",
          "[state][set_widget]") {
    bool left = true, both = false, set = false;
    std::string what;
    AppTest at([&] {
        auto cols = imlit::columns(2);
        if (left || both)
            if (auto c = cols[0]) imlit::slider("S", 1, 0, 9, {.key = "s"});
        if (!left || both)
            if (auto c = cols[1]) imlit::slider("S", 1, 0, 9, {.key = "s"});
        if (set) {
            try {
                imlit::set_widget("s", 5);
            } catch (const std::invalid_argument& e) {
                what = e.what();
            }
        }
    });
    at.run(); // the left one
    left = false;
    at.run(); // the right one, shown more recently
    set = true;
    at.run();
    set = false;
    at.run();
    auto sliders = at.widgets("slider");
    REQUIRE(sliders.size() == 1);
    CHECK(sliders[0].value<int>() == 5);
    both = true;
    set = true;
    at.run();
    CHECK_THAT(what, Contains("2 widgets in different containers use this key"));
}

TEST_CASE("set_widget inside a cached loader is an error", "[state][set_widget]") {
    static auto load = imlit::cache_data(
        [](int x) {
            imlit::set_widget("k", true);
            return x;
        },
        {.name = "set_widget_in_loader", .blocking = true});
    AppTest at([] {
        imlit::checkbox("K", false, {.key = "k"});
        (void)load(1);
    });
    at.run();
    CHECK_THAT(errors(at), Contains("set_widget() must be called from the frame function"));
}

TEST_CASE("set_widget makes a cached loader that read the widget see the new value",
          "[state][set_widget]") {
    static auto load = imlit::cache_data(
        [](int x) { return x * (imlit::checkbox("Double", false, {.key = "double"}) ? 2 : 1); },
        {.name = "set_widget_loader", .blocking = true});
    int got = 0;
    bool set = false;
    AppTest at([&] {
        if (auto v = load(21)) got = *v;
        if (set) imlit::set_widget("double", true);
    });
    at.run();
    CHECK(got == 21);
    set = true;
    at.run();
    set = false;
    at.run();
    CHECK(got == 42);
}

// [SECTION] session_state ----------------------------------------------------------------------

TEST_CASE("session_state: one value per session, kept across frames", "[state][session]") {
    auto frame = [](std::vector<int>& seen) {
        return [&seen] {
            int& clicks = imlit::session_state("clicks", 0);
            ++clicks;
            seen.push_back(clicks);
            std::vector<std::string>& log = imlit::session_state<std::vector<std::string>>("log");
            log.push_back("frame");
            imlit::text("{} log lines", log.size());
        };
    };
    std::vector<int> a_seen, b_seen;
    AppTest a(frame(a_seen));
    AppTest b(frame(b_seen));
    a.run();
    a.run();
    a.run();
    b.run();
    CHECK(a_seen == std::vector<int>{1, 2, 3});
    CHECK(b_seen == std::vector<int>{1}); // another AppTest: another session
    CHECK(a.texts() == Strings{"3 log lines"});
    CHECK(b.texts() == Strings{"1 log lines"});
}

TEST_CASE("session_state: the reference stays valid while other keys are added",
          "[state][session]") {
    int* first = nullptr;
    int n = 0;
    AppTest at([&] {
        int& x = imlit::session_state("x", 7);
        if (first == nullptr) first = &x;
        CHECK(&x == first);
        for (int i = 0; i < n; ++i)
            imlit::session_state(fmt::format("k{}", i), i);
    });
    at.run();
    n = 500; // many keys: the map rehashes, the objects do not move
    at.run();
    at.run();
    CHECK(*first == 7);
}

TEST_CASE("session_state: a wrong type for a key is a clear error", "[state][session]") {
    std::string what;
    AppTest at([&] {
        imlit::session_state("count", 0);
        try {
            imlit::session_state<std::string>("count");
        } catch (const std::invalid_argument& e) {
            what = e.what();
        }
    });
    at.run();
    CHECK_THAT(what, Contains("session_state<std::") && Contains("\"count\"") &&
                         Contains("already holds a int"));
}

TEST_CASE("session_state outside a frame or inside a loader is an error", "[state][session]") {
    CHECK_THROWS_WITH(imlit::session_state("x", 1), Contains("session_state"));
    static auto load =
        imlit::cache_data([](int x) { return x + imlit::session_state("in_loader", 0); },
                          {.name = "session_state_in_loader", .blocking = true});
    AppTest at([] { (void)load(1); });
    at.run();
    CHECK_THAT(errors(at), Contains("session_state() must be called from the frame function"));
}

TEST_CASE("session_state objects are destroyed with their session", "[state][session]") {
    static int alive = 0;
    struct Counted {
        Counted() { ++alive; }
        Counted(const Counted&) { ++alive; }
        Counted(Counted&&) noexcept { ++alive; }
        ~Counted() { --alive; }
    };
    {
        AppTest at([] { imlit::session_state<Counted>("c"); });
        at.run();
        at.run();
        CHECK(alive == 1);
    }
    CHECK(alive == 0);
}
