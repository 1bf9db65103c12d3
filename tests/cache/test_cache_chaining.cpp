// Chaining cached results (R14): a Cached<T> argument hashes as its producing entry's identity
// and reaches the loader as the shared value, never a copy; keyed(x, v) never copies x on the
// UI thread. Copies are counted with a type that counts them.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cache_test_util.hpp"
#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"

using imlit::testing::AppTest;
using namespace imlit_cache_test;

namespace {

// A table of rows that counts how often it is copied.
struct Rows {
    static inline std::atomic<int> copies{0};
    std::vector<std::int32_t> values;
    explicit Rows(std::size_t n) : values(n, 1) {}
    Rows(const Rows& o) : values(o.values) { ++copies; }
    Rows(Rows&&) noexcept = default;
    Rows& operator=(const Rows& o) {
        values = o.values;
        ++copies;
        return *this;
    }
    Rows& operator=(Rows&&) noexcept = default;
    ~Rows() = default;
    std::size_t byte_size() const { return values.capacity() * sizeof(std::int32_t); }
};

constexpr std::size_t kMillion = 1'000'000;

} // namespace

TEST_CASE("a 1,000,000-row Cached<T> passed to a second cached function: no copy",
          "[cache][chaining]") {
    for (const bool blocking : {false, true}) {
        INFO("blocking = " << blocking);
        Rows::copies = 0;
        std::atomic<int> load_runs{0}, sum_runs{0};
        auto load = imlit::cache_data(
            [&](std::size_t n) {
                ++load_runs;
                return Rows(n);
            },
            {.name = "load_rows", .blocking = blocking});
        auto summarize = imlit::cache_data(
            [&](const Rows& rows, int k) {
                ++sum_runs;
                return static_cast<long>(rows.values.size()) * k;
            },
            {.name = "summarize", .blocking = blocking});
        int k = 1;
        long shown = 0;
        AppTest at([&] {
            auto rows = load(kMillion);
            if (auto s = summarize(rows, k)) shown = *s;
        });
        at.run_until_idle();
        CHECK(shown == 1'000'000);
        k = 2; // a miss of the second function
        at.run_until_idle();
        CHECK(shown == 2'000'000);
        CHECK(sum_runs == 2);
        k = 1; // a hit: the argument hashed as the same producing entry
        at.run();
        CHECK(shown == 1'000'000);
        CHECK(sum_runs == 2);
        CHECK(load_runs == 1);
        CHECK(Rows::copies == 0);

        // A reloaded input is a new identity, so a new key for the second function.
        load.clear();
        at.run_until_idle();
        CHECK(load_runs == 2);
        CHECK(sum_runs == 3);
        CHECK(Rows::copies == 0);
    }
}

TEST_CASE("a Cached<T> argument hashes as the entry's identity, O(1)", "[cache][chaining]") {
    auto load = imlit::cache_data([](int n) { return std::vector<double>(std::size_t(n), 1.0); },
                                  {.blocking = true});
    imlit::Cached<const std::vector<double>> a, a_again, b;
    AppTest at([&] {
        a = load(1000);
        a_again = load(1000);
        b = load(2000);
    });
    at.run();
    REQUIRE(a.ready());
    CHECK(imlit::hash_args(a) == imlit::hash_args(a_again)); // the same entry
    CHECK_FALSE(imlit::hash_args(a) == imlit::hash_args(b));
    // Not the content: an equal vector is another argument.
    CHECK_FALSE(imlit::hash_args(a) == imlit::hash_args(*a));
}

TEST_CASE("a pending or failed input: the call waits or fails without running its loader",
          "[cache][chaining]") {
    Gate gate;
    std::atomic<bool> fail{false};
    std::atomic<int> second_runs{0};
    auto first = imlit::cache_data(
        [&](int x) {
            gate.wait();
            if (fail) throw std::runtime_error("no such file");
            return x;
        },
        {.name = "first"});
    auto second = imlit::cache_data([&](const int& x) {
        ++second_runs;
        return x * 2;
    });
    int key = 1;
    std::string state;
    AppTest at([&] {
        auto v = second(first(key));
        state = v ? std::to_string(*v) : v.pending() ? "pending" : "failed: " + v.error();
    });
    at.run();
    CHECK(state == "pending");
    CHECK(second_runs == 0);
    gate.open();
    at.run_until_idle();
    CHECK(state == "2");
    CHECK(second_runs == 1);
    fail = true;
    key = 2;
    at.run_until_idle();
    CHECK(state == "failed: argument 1 (first) failed: no such file");
    CHECK(second_runs == 1);
}

TEST_CASE("keyed(x, v) never copies x on the UI thread", "[cache][chaining]") {
    auto size_of = imlit::cache_data(
        [](const Rows& rows, int k) { return static_cast<long>(rows.values.size()) + k; },
        {.name = "size_of"});
    auto size_of_blocking = imlit::cache_data(
        [](const Rows& rows, int k) { return static_cast<long>(rows.values.size()) + k; },
        {.blocking = true});

    SECTION("shared: std::shared_ptr<const T>") {
        Rows::copies = 0;
        auto data = std::make_shared<const Rows>(kMillion);
        long shown = 0;
        AppTest at([&] {
            if (auto v = size_of(imlit::keyed(data, 1), 0)) shown = *v;
        });
        at.run_until_idle();
        CHECK(shown == 1'000'000);
        CHECK(Rows::copies == 0);
    }
    SECTION("moved: an rvalue") {
        Rows::copies = 0;
        long shown = 0;
        AppTest at([&] {
            if (auto v = size_of(imlit::keyed(Rows(1000), 2), 1)) shown = *v;
        });
        at.run_until_idle();
        CHECK(shown == 1001);
        CHECK(Rows::copies == 0);
    }
    SECTION("an lvalue for an asynchronous load: an error in place, never a silent copy") {
        Rows::copies = 0;
        Rows rows(1000);
        std::string error;
        AppTest at([&] {
            auto v = size_of(imlit::keyed(rows, 3), 2);
            error = v.failed() ? v.error() : "";
        });
        at.run_until_idle();
        CHECK(error.find("size_of: argument 1 is keyed(x, version) with x an lvalue") !=
              std::string::npos);
        CHECK(has_element(at, "error", "std::make_shared<const T>"));
        CHECK(Rows::copies == 0);
    }
    SECTION("an lvalue for a blocking load: read in place") {
        Rows::copies = 0;
        Rows rows(1000);
        long shown = 0;
        AppTest at([&] {
            if (auto v = size_of_blocking(imlit::keyed(rows, 4), 3)) shown = *v;
        });
        at.run();
        CHECK(shown == 1003);
        CHECK(Rows::copies == 0);
    }
}
