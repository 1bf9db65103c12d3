// The README's example, kept compiling.
#include <imlit/imlit.hpp>

#include <chrono>
#include <cmath>
#include <thread>
#include <vector>

static auto load_wave = imlit::cache_resource([](int points) {
    bool squared = imlit::checkbox("Squared");            // part of the cache key
    std::this_thread::sleep_for(std::chrono::seconds(1)); // slow: runs once per key
    std::vector<double> y(points);
    for (int i = 0; i < points; ++i)
        y[i] = std::pow(std::sin(i * 0.1), squared ? 2 : 1);
    imlit::success("Loaded the wave!"); // replayed on every frame
    return y;
});

int main(int argc, char** argv) {
    return imlit::run(argc, argv, {.title = "Hello"}, [] {
        imlit::title("Hello, imlit");
        auto wave = load_wave(200); // a spinner shows while it loads
        if (wave) imlit::line_chart({{.name = "wave", .y = *wave}});
    });
}
