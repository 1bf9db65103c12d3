// Cached scopes: the seed's three examples, widget-keyed entries, the conditional-widget trie.
#include <catch2/catch.hpp>

#include <atomic>
#include <map>
#include <random>
#include <set>
#include <string>

#include "cache_test_util.hpp"
#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"

using imlit::testing::AppTest;
using namespace imlit_cache_test;
using namespace std::chrono_literals;

namespace {
struct Model {
    std::string name;
    bool pretrained = false;
    int serial = 0;
};
} // namespace

TEST_CASE("seed 1: a loader's success message is replayed on later frames", "[cache]") {
    for (const bool blocking : {true, false}) {
        std::atomic<int> runs{0};
        auto load_model = imlit::cache_resource(
            [&runs]() {
                ++runs;
                imlit::success("Loaded NLP model from Hugging Face!");
                return Model{"sentiment", false, runs.load()};
            },
            {.name = "load_model", .blocking = blocking});
        AppTest at([&] {
            auto model = load_model();
            if (model) imlit::text("model " + model->name);
        });
        at.run_until_idle();
        for (int i = 0; i < 5; ++i) {
            at.run();
            CHECK(at.texts() == std::vector<std::string>{"Loaded NLP model from Hugging Face!",
                                                         "model sentiment"});
        }
        CHECK(runs == 1);
        CHECK(load_model.stats().loads == 1);
        CHECK(load_model.stats().hits >= 5);
    }
}

TEST_CASE("seed 2: header, text and success replay in order", "[cache]") {
    std::atomic<int> runs{0};
    auto load_model = imlit::cache_resource(
        [&runs]() {
            ++runs;
            imlit::header("Data analysis");
            imlit::success("Loaded model!");
            imlit::text("Turning on evaluation mode...");
            imlit::text("Here's the model:");
            return 42;
        },
        {.blocking = true});
    AppTest at([&] {
        auto m = load_model();
        REQUIRE(m.ready()); // blocking: ready on the first call
        imlit::text(std::to_string(*m));
    });
    const std::vector<std::string> expected{"Data analysis", "Loaded model!",
                                            "Turning on evaluation mode...",
                                            "Here's the model:", "42"};
    at.run();
    CHECK(at.texts() == expected);
    const auto first = at.elements();
    for (int i = 0; i < 3; ++i) {
        at.run();
        CHECK(at.texts() == expected);
        CHECK(at.elements() == first);
    }
    CHECK(runs == 1);
}

TEST_CASE("seed 3: a checkbox in a loader caches each state; switching back is a hit", "[cache]") {
    std::atomic<int> runs{0};
    auto load_model = imlit::cache_resource([&runs]() {
        ++runs;
        const bool pretrained = imlit::checkbox("Use pre-trained model:");
        return Model{"resnet50", pretrained, runs.load()};
    });
    AppTest at([&] {
        auto m = load_model();
        if (m) imlit::text(m->pretrained ? "pretrained" : "scratch");
    });
    at.run_until_idle();
    CHECK(at.texts() == std::vector<std::string>{"scratch"});
    CHECK(runs == 1);
    REQUIRE(at.checkbox("Use pre-trained model:").value<bool>() == false);

    at.checkbox("Use pre-trained model:").set(true);
    at.run_until_idle();
    CHECK(at.texts() == std::vector<std::string>{"pretrained"});
    CHECK(runs == 2);

    at.checkbox("Use pre-trained model:").set(false);
    at.run(); // found at once: no pending frame
    CHECK(at.texts() == std::vector<std::string>{"scratch"});
    at.checkbox("Use pre-trained model:").set(true);
    at.run();
    CHECK(at.texts() == std::vector<std::string>{"pretrained"});
    CHECK(runs == 2);
    CHECK(load_model.stats().entries == 2);
}

TEST_CASE("arguments key entries; equal arguments in other forms share one", "[cache]") {
    std::atomic<int> runs{0};
    auto f = imlit::cache_data(
        [&runs](const std::string& s, double x) {
            ++runs;
            return s + ":" + std::to_string(x);
        },
        {.blocking = true});
    std::string arg = "a";
    double x = 1;
    AppTest at([&] {
        auto v = f(arg, x);
        REQUIRE(v);
        imlit::text(*v);
    });
    at.run();
    CHECK(runs == 1);
    AppTest at2([&] {
        auto v = f("a", 1); // const char* and int: the loader sees "a" and 1.0
        REQUIRE(v);
        imlit::text(*v);
    });
    at2.run();
    CHECK(runs == 1);
    arg = "b";
    at.run();
    CHECK(runs == 2);
    x = 2;
    at.run();
    CHECK(runs == 3);
    CHECK(f.stats().entries == 3);
}

TEST_CASE("unhashed and keyed arguments reach the loader but not the key", "[cache]") {
    std::atomic<int> runs{0};
    auto f = imlit::cache_data(
        [&runs](const std::vector<int>& big, int n) {
            ++runs;
            return static_cast<int>(big.size()) + n;
        },
        {.blocking = true});
    std::vector<int> data(1000, 1);
    int version = 1;
    int seen = 0;
    AppTest at([&] {
        auto a = f(imlit::unhashed(data), 1);
        auto b = f(imlit::keyed(data, version), 2);
        seen = *a + *b;
    });
    at.run();
    CHECK(seen == 2003);
    CHECK(runs == 2);
    data.resize(10); // not part of either key
    at.run();
    CHECK(seen == 2003);
    CHECK(runs == 2);
    version = 2; // keyed: a new version is a new key
    at.run();
    CHECK(seen == 1001 + 12);
    CHECK(runs == 3);
}

TEST_CASE("conditional widget: exactly one load per distinct state, never a wrong result",
          "[cache]") {
    // The checkbox reveals a slider inside the same loader. The state is (checkbox, slider if
    // shown): the slider's value must not split entries while it is hidden, and an entry made
    // with the slider hidden must never answer when it is shown (and vice versa).
    std::atomic<int> runs{0};
    std::mutex seen_mutex;
    std::map<std::string, int> loads_per_state;
    auto f = imlit::cache_data([&]() {
        ++runs;
        const bool on = imlit::checkbox("Advanced");
        std::string state = on ? "on" : "off";
        if (on) state += ":" + std::to_string(imlit::slider("Level", 0, 0, 9));
        std::lock_guard lock(seen_mutex);
        ++loads_per_state[state];
        return state;
    });
    std::string shown;
    AppTest at([&] {
        auto v = f();
        shown = v ? *v : "pending";
        imlit::text(shown);
    });
    at.run_until_idle();
    REQUIRE(shown == "off");

    std::mt19937 rng(12345);
    bool on = false;
    int level = 0;
    int frames_checked = 0;
    for (int step = 0; step < 400; ++step) {
        const int action = static_cast<int>(rng() % 3);
        if (action == 0) {
            at.checkbox("Advanced").set(!on);
            on = !on;
        } else if (on) {
            level = static_cast<int>(rng() % 10);
            at.slider("Level").set(level);
        } else {
            at.run(); // an idle frame
        }
        at.run_until_idle();
        const std::string expected = on ? "on:" + std::to_string(level) : "off";
        REQUIRE(shown == expected);
        ++frames_checked;
        // The slider is shown exactly when the checkbox is on (it is replayed live).
        bool slider_shown = false;
        for (const auto& e : at.elements())
            slider_shown |= e.kind == "slider";
        REQUIRE(slider_shown == on);
    }
    std::lock_guard lock(seen_mutex);
    for (const auto& [state, n] : loads_per_state) {
        INFO(state);
        CHECK(n == 1);
    }
    CHECK(runs == static_cast<int>(loads_per_state.size()));
    CHECK(loads_per_state.size() <= 11);
    CHECK(loads_per_state.size() >= 5);
    CHECK(frames_checked == 400);
}

TEST_CASE("a cached function called from two containers keys widgets per place", "[cache]") {
    std::atomic<int> runs{0};
    auto f = imlit::cache_data([&runs]() {
        ++runs;
        return imlit::checkbox("Flag") ? std::string("yes") : std::string("no");
    });
    std::string left, right;
    AppTest at([&] {
        auto cols = imlit::columns(2);
        {
            auto c = cols[0];
            auto v = f();
            left = v ? *v : "pending";
        }
        {
            auto c = cols[1];
            auto v = f();
            right = v ? *v : "pending";
        }
    });
    at.run_until_idle();
    CHECK(left == "no");
    CHECK(right == "no");
    CHECK(runs == 1); // one entry serves both places (ids are relative to the call site)
}

TEST_CASE("cache_data hands out shared immutable values without copying", "[cache]") {
    auto f = imlit::cache_data([]() { return std::vector<int>(100, 7); }, {.blocking = true});
    std::shared_ptr<const std::vector<int>> a, b;
    AppTest at([&] {
        imlit::Cached<const std::vector<int>> v = f();
        if (!a)
            a = v.shared();
        else
            b = v.shared();
    });
    at.run();
    at.run();
    REQUIRE(a);
    CHECK(a == b);
    CHECK(a->size() == 100);
}

TEST_CASE("Cached<T> not ready throws std::logic_error naming the function", "[cache]") {
    imlit::Cached<int> empty;
    CHECK(empty.pending());
    CHECK_FALSE(empty);
    CHECK_THROWS_AS(*empty, std::logic_error);

    Gate gate;
    auto f = imlit::cache_resource(
        [&gate]() {
            gate.wait();
            return 1;
        },
        {.name = "slow_thing"});
    std::string message;
    AppTest at([&] {
        auto v = f();
        if (v.pending()) {
            try {
                (void)*v;
            } catch (const std::logic_error& e) {
                message = e.what();
            }
        }
    });
    at.run();
    CHECK(message.find("slow_thing") != std::string::npos);
    gate.open();
    at.run_until_idle();
}

TEST_CASE("Persist::disk is rejected clearly (not implemented yet)", "[cache]") {
    CHECK_THROWS_AS(imlit::cache_data([] { return 1; }, {.persist = imlit::Persist::disk}),
                    std::invalid_argument);
    try {
        imlit::cache_data([] { return 1; }, {.name = "p", .persist = imlit::Persist::disk});
    } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()).find("not supported") != std::string::npos);
    }
}

TEST_CASE("a call from a thread with no context runs blocking, without display", "[cache]") {
    std::atomic<int> runs{0};
    auto f = imlit::cache_data([&runs](int x) {
        ++runs;
        imlit::text("recorded");
        return x * 2;
    });
    auto v = f(21);
    REQUIRE(v.ready());
    CHECK(*v == 42);
    CHECK(runs == 1);
    // The recording is kept: a frame replays it.
    AppTest at([&] { (void)f(21); });
    at.run();
    CHECK(at.texts() == std::vector<std::string>{"recorded"});
    CHECK(runs == 1);
}
