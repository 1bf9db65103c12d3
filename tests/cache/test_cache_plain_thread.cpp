// Cached calls from a plain std::thread (no session, no widget store) next to a session's
// widget-keyed entries (R4). A plain thread sees every widget at its default value; its entry
// is stored under those values and never replaces or hides another widget state's branch.
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>

#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"

using imlit::testing::AppTest;

namespace {
struct Model {
    bool pretrained = false;
    int serial = 0;
};

template <class F>
auto on_plain_thread(F fn) {
    decltype(fn()) out;
    std::thread t([&] { out = fn(); });
    t.join();
    return out;
}
} // namespace

TEST_CASE("plain thread: a cached call never replaces a session's widget branch", "[cache]") {
    std::atomic<int> runs{0};
    auto load = imlit::cache_resource(
        [&runs]() {
            const bool pretrained = imlit::checkbox("Use pre-trained model");
            return Model{pretrained, ++runs};
        },
        {.name = "plain_thread_model", .max_entries = 1, .blocking = true});
    AppTest at([&] {
        auto m = load();
        if (m) imlit::text(m->pretrained ? "pretrained" : "scratch");
    });
    at.run();
    at.checkbox("Use pre-trained model").set(true);
    for (int i = 0; i < 3; ++i) // the unticked entry falls out of use and is evicted
        at.run();
    REQUIRE(at.texts() == std::vector<std::string>{"pretrained"});
    REQUIRE(runs == 2);
    REQUIRE(load.stats().entries == 1); // only the ticked state is stored

    // The plain thread sees the checkbox at its default (false): a miss, loaded unticked and
    // stored under "unticked", next to (not instead of) the ticked branch.
    auto from_thread = on_plain_thread([&] { return load(); });
    REQUIRE(from_thread.ready());
    CHECK_FALSE(from_thread->pretrained);
    CHECK(runs == 3);

    // The session still sees the ticked box with the ticked value, without reloading.
    at.run();
    CHECK(at.checkbox("Use pre-trained model").value<bool>());
    CHECK(at.texts() == std::vector<std::string>{"pretrained"});
    CHECK(runs == 3);
    CHECK(at.elements_of("error").empty());
}

TEST_CASE("plain thread first: its entry keys the default value, not every value", "[cache]") {
    std::atomic<int> runs{0};
    auto load = imlit::cache_resource(
        [&runs]() {
            const bool pretrained = imlit::checkbox("Use pre-trained model");
            return Model{pretrained, ++runs};
        },
        {.name = "plain_thread_first", .blocking = true});
    auto warm = on_plain_thread([&] { return load(); });
    REQUIRE(warm.ready());
    CHECK_FALSE(warm->pretrained);
    CHECK(runs == 1);

    AppTest at([&] {
        auto m = load();
        if (m) imlit::text(m->pretrained ? "pretrained" : "scratch");
    });
    at.run(); // the default state: the plain thread's entry, replayed with a live checkbox
    CHECK(at.texts() == std::vector<std::string>{"scratch"});
    CHECK(runs == 1);
    CHECK(at.elements_of("error").empty()); // no "widgets need a session" recorded and replayed
    REQUIRE(at.elements_of("checkbox").size() == 1);

    at.checkbox("Use pre-trained model").set(true);
    at.run(); // another value: a miss, loaded with the ticked box
    CHECK(at.texts() == std::vector<std::string>{"pretrained"});
    CHECK(runs == 2);

    // A second plain-thread call is still answered by the default state's entry.
    auto again = on_plain_thread([&] { return load(); });
    REQUIRE(again.ready());
    CHECK_FALSE(again->pretrained);
    CHECK(runs == 2);
    at.run();
    CHECK(at.texts() == std::vector<std::string>{"pretrained"});
}
