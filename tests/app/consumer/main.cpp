// A user's app built against an installed imlit (see ../consumer_test.cmake).
//   consumer --self-test   runs the frame headless with imlit::testing::AppTest and checks it
//   consumer [flags]       opens the window (imlit::run flags: --frames, --screenshot, ...)
#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>

#include <imlit/imlit.hpp>
#include <imlit/testing.hpp>

namespace {

void frame() {
    static auto load_greeting = imlit::cache_resource([](const std::string& name) {
        imlit::success("Loaded greeting!");
        return std::string("Hello, ") + name;
    });
    imlit::title("Consumer");
    auto greeting = load_greeting("imlit");
    if (!greeting) return; // still loading: a spinner is shown in place
    imlit::text(*greeting);
    if (imlit::checkbox("Show more")) imlit::text("more");
}

int self_test() {
    imlit::testing::AppTest at(frame);
    at.run_until_idle();
    at.checkbox("Show more").set(true);
    at.run();
    const auto texts = at.texts();
    for (const char* want : {"Consumer", "Loaded greeting!", "Hello, imlit", "more"}) {
        if (std::find(texts.begin(), texts.end(), want) == texts.end()) {
            std::fprintf(stderr, "consumer self-test: '%s' is not shown\n", want);
            return 1;
        }
    }
    std::printf("consumer self-test: passed\n");
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc == 2 && std::string_view(argv[1]) == "--self-test") return self_test();
    return imlit::run(argc, argv, {.title = "imlit consumer", .width = 640, .height = 480}, frame);
}
