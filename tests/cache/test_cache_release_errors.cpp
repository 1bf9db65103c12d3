// on_release that throws (or calls an element): caught on the UI thread, reported once (stderr
// and a toast), never out of AppTest::run / imlit::run, never terminating, and never dropping
// the other queued UI-thread tasks (GL deletions, other on_release calls).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"
#include "ui/seam.hpp"

using imlit::testing::AppTest;
using Catch::Matchers::Contains;

namespace {
std::string toasts(const AppTest& at) {
    std::string all;
    for (const auto& e : at.elements_of("toast"))
        all += e.text + "\n";
    return all;
}
} // namespace

TEST_CASE("an on_release that throws is reported once and the other tasks still run",
          "[cache]") {
    std::vector<int> released;
    auto bad = imlit::cache_resource([](int x) { return x; },
                                     {.name = "bad_release", .blocking = true,
                                      .on_release = [](int&) {
                                          throw std::runtime_error("glDeleteTextures failed");
                                      }});
    auto good = imlit::cache_resource(
        [](int x) { return x; },
        {.name = "good_release", .blocking = true, .on_release = [&](int& v) {
             released.push_back(v);
         }});
    bool gl_deleted = false;
    bool call = true;
    AppTest at([&] {
        if (!call) return;
        (void)bad(1);
        (void)bad(2);
        (void)good(3);
    });
    at.run();
    call = false;
    bad.clear();  // two throwing releases queued first,
    good.clear(); // then a good one
    imlit::detail::post_to_ui_thread([&] { gl_deleted = true; }); // a queued GL deletion
    REQUIRE_NOTHROW(at.run());
    CHECK(released == std::vector<int>{3});
    CHECK(gl_deleted);
    const std::string shown = toasts(at);
    CHECK_THAT(shown, Contains("on_release of 'bad_release' threw: glDeleteTextures failed"));
    // Two failures with one text: one toast (not one per frame, not one per object).
    CHECK(at.elements_of("toast").size() == 1);
    // Reported once: later frames run no task again.
    at.advance_clock(std::chrono::seconds(11));
    REQUIRE_NOTHROW(at.run());
    CHECK(at.elements_of("toast").empty());
}

TEST_CASE("an on_release throwing a non-std::exception is named, not fatal", "[cache]") {
    auto f = imlit::cache_resource([](int x) { return x; },
                                   {.name = "int_release", .blocking = true,
                                    .on_release = [](int&) { throw 42; }});
    bool call = true;
    AppTest at([&] {
        if (call) (void)f(1);
    });
    at.run();
    call = false;
    f.clear();
    REQUIRE_NOTHROW(at.run());
    CHECK_THAT(toasts(at), Contains("on_release of 'int_release' threw: 42 (thrown as int)"));
}

TEST_CASE("an on_release calling an element does not throw out of the frame", "[cache]") {
    auto f = imlit::cache_resource([](int x) { return x; },
                                   {.name = "chatty_release", .blocking = true,
                                    .on_release = [](int&) { imlit::text("released"); }});
    bool call = true;
    AppTest at([&] {
        if (call) (void)f(1);
        imlit::text("page");
    });
    at.run();
    call = false;
    f.clear();
    REQUIRE_NOTHROW(at.run());
    CHECK(at.texts() == std::vector<std::string>{"page"});
    CHECK_THAT(toasts(at), Contains("on_release of 'chatty_release' threw:") &&
                               Contains("imlit::text() called outside a frame function"));
}

TEST_CASE("an on_release that throws while an AppTest ends does not terminate", "[cache]") {
    auto f = imlit::cache_resource([](int x) { return x; },
                                   {.name = "release_at_end", .blocking = true,
                                    .on_release = [](int&) { throw std::runtime_error("late"); }});
    bool released_other = false;
    {
        AppTest at([&] { (void)f(1); });
        at.run();
        f.clear(); // queued; drained by ~AppTest, which must not let it escape
        imlit::detail::post_to_ui_thread([&] { released_other = true; });
    }
    CHECK(released_other);
}
