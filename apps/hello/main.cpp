// The README's example, kept compiling.
#include <imlit/imlit.hpp>

#include <chrono>
#include <cmath>
#include <thread>
#include <vector>

static auto load_wave = imlit::cache_resource([](int points) {
    bool squared = imlit::checkbox("Squared"); // part of the cache key
    auto bar = imlit::placeholder();           // each write replaces the last
    std::vector<double> y(points);
    for (int i = 0; i < points; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5)); // slow: runs once per key
        y[i] = std::pow(std::sin(i * 0.1), squared ? 2 : 1);
        bar.progress((i + 1.0f) / points);
    }
    imlit::success("Loaded the wave!"); // replayed on every frame (the bar too, at 100%)
    return y;
});

int main(int argc, char** argv) {
    return imlit::run(argc, argv, {.title = "Hello"}, [] {
        imlit::title("Hello, imlit");
        auto wave = load_wave(200); // while it loads: its output so far, and a spinner
        if (!wave) return;
        auto cols = imlit::columns(2);
        if (auto c = cols[0]) imlit::metric("Points", std::to_string(wave->size()));
        if (auto c = cols[1]) imlit::metric("Peak", fmt::format("{:.2f}", (*wave)[16]));
        imlit::line_chart({{.name = "wave", .y = *wave}}); // below both columns
    });
}
