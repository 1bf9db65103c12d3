// Exceptions that are not std::exception (throw 42, a C string, a std::string, a custom type),
// from a loader or from the frame function: shown with their type, and with their value for
// strings, C strings and numbers; never as "unknown exception".
#include <catch2/catch.hpp>

#include <string>

#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"

using imlit::testing::AppTest;
using Catch::Matchers::Contains;

namespace {
struct CustomFailure {
    int code = 7;
};

std::string errors(const AppTest& at) {
    std::string all;
    for (const auto& e : at.elements_of("error"))
        all += e.text + "\n";
    return all;
}

// The error text a blocking loader throwing `thrower()` shows in place.
template <class Thrower>
std::string loader_error(Thrower thrower) {
    auto f = imlit::cache_data(
        [thrower](int) -> int {
            thrower();
            return 0;
        },
        {.name = "exotic", .blocking = true});
    std::string failure;
    AppTest at([&] {
        auto v = f(1);
        if (v.failed()) failure = v.error();
    });
    at.run();
    const std::string shown = errors(at);
    CHECK_THAT(shown, Contains(failure));
    CHECK_THAT(shown, !Contains("unknown exception"));
    return failure;
}
} // namespace

TEST_CASE("a loader throwing a non-std::exception names its type and value", "[cache]") {
    CHECK(loader_error([] { throw 42; }) == "42 (thrown as int)");
    CHECK(loader_error([] { throw "disk on fire"; }) == "disk on fire (thrown as char const*)");
    CHECK(loader_error([] { throw std::string("no such table"); }) ==
          "no such table (thrown as std::string)");
    CHECK(loader_error([] { throw 2.5; }) == "2.5 (thrown as double)");
    CHECK_THAT(loader_error([] { throw CustomFailure{}; }),
               Contains("an exception of type") && Contains("CustomFailure") &&
                   Contains("not a std::exception"));
    // A std::exception keeps its what().
    CHECK(loader_error([] { throw std::runtime_error("plain"); }) == "plain");
}

TEST_CASE("a frame function throwing a non-std::exception shows its type and value", "[cache]") {
    int which = 0;
    AppTest at([&] {
        imlit::text("before");
        switch (which) {
        case 0:
            throw 42;
        case 1:
            throw "boom";
        case 2:
            throw std::string("text");
        default:
            throw CustomFailure{};
        }
    });
    at.run();
    CHECK_THAT(errors(at), Contains("42 (thrown as int)"));
    which = 1;
    at.run();
    CHECK_THAT(errors(at), Contains("boom (thrown as char const*)"));
    which = 2;
    at.run();
    CHECK_THAT(errors(at), Contains("text (thrown as std::string)"));
    which = 3;
    at.run();
    CHECK_THAT(errors(at), Contains("CustomFailure") && Contains("not a std::exception"));
}
