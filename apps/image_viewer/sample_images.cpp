// image_viewer — sample images (see sample_images.hpp).
#include "sample_images.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include <fmt/format.h>
#include <stb_image_write.h>

namespace image_viewer {

namespace {

constexpr int kMinSide = 16;
constexpr int kChannels = 3; // RGB: what a photo has
constexpr int kCircles = 5;  // bright discs scattered over the gradient

struct Rgb {
    float r, g, b;
};

// Hue in [0, 1) at full saturation, value v.
Rgb hue(float h, float v) {
    const float k[3] = {5, 3, 1};
    Rgb c{};
    float* out[3] = {&c.r, &c.g, &c.b};
    for (int i = 0; i < 3; ++i) {
        const float x = std::fmod(k[i] + h * 6, 6.0f);
        *out[i] = v * (1 - std::clamp(std::min(x, 4 - x), 0.0f, 1.0f));
    }
    return c;
}

// A small deterministic generator (the same images on every machine).
struct Lcg {
    std::uint32_t s;
    float next() { // [0, 1)
        s = s * 1664525u + 1013904223u;
        return static_cast<float>(s >> 8) / static_cast<float>(1u << 24);
    }
};

class Canvas {
public:
    Canvas(int w, int h) : w_(w), h_(h), px_(std::size_t(w) * std::size_t(h) * kChannels) {}
    void set(int x, int y, Rgb c) {
        if (x < 0 || y < 0 || x >= w_ || y >= h_) return;
        std::uint8_t* p = &px_[(std::size_t(y) * std::size_t(w_) + std::size_t(x)) * kChannels];
        p[0] = to_byte(c.r);
        p[1] = to_byte(c.g);
        p[2] = to_byte(c.b);
    }
    void rect(int x0, int y0, int x1, int y1, Rgb c) {
        for (int y = std::max(0, y0); y < std::min(h_, y1); ++y)
            for (int x = std::max(0, x0); x < std::min(w_, x1); ++x)
                set(x, y, c);
    }
    void disc(float cx, float cy, float r, Rgb c) {
        for (int y = std::max(0, int(cy - r)); y < std::min(h_, int(cy + r) + 1); ++y)
            for (int x = std::max(0, int(cx - r)); x < std::min(w_, int(cx + r) + 1); ++x)
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) set(x, y, c);
    }
    int width() const { return w_; }
    int height() const { return h_; }
    const std::uint8_t* data() const { return px_.data(); }

private:
    static std::uint8_t to_byte(float v) {
        return static_cast<std::uint8_t>(std::clamp(v, 0.0f, 1.0f) * 255.0f + 0.5f);
    }
    int w_, h_;
    std::vector<std::uint8_t> px_;
};

// Seven-segment digits: bit i lights segment i (a top, b top right, c bottom right, d bottom,
// e bottom left, f top left, g middle).
constexpr std::array<std::uint8_t, 10> kSegments = {0x3f, 0x06, 0x5b, 0x4f, 0x66,
                                                    0x6d, 0x7d, 0x07, 0x7f, 0x6f};

void digit(Canvas& c, int d, int x, int y, int w, int h, int t, Rgb colour) {
    const int mid = y + h / 2;
    const std::array<std::array<int, 4>, 7> seg = {{
        {x, y, x + w, y + t},                    // a
        {x + w - t, y, x + w, mid},              // b
        {x + w - t, mid, x + w, y + h},          // c
        {x, y + h - t, x + w, y + h},            // d
        {x, mid, x + t, y + h},                  // e
        {x, y, x + t, mid},                      // f
        {x, mid - t / 2, x + w, mid + t - t / 2} // g
    }};
    for (int s = 0; s < 7; ++s)
        if (kSegments[std::size_t(d)] & (1 << s))
            c.rect(seg[s][0], seg[s][1], seg[s][2], seg[s][3], colour);
}

void number(Canvas& c, std::size_t n, Rgb colour, Rgb shadow) {
    const std::string s = std::to_string(n);
    const int h = c.height() / 3, w = h / 2, t = std::max(2, h / 9), gap = w / 3;
    const int total = int(s.size()) * w + int(s.size() - 1) * gap;
    const int x0 = (c.width() - total) / 2, y0 = (c.height() - h) / 2;
    const int off = std::max(1, t / 3);
    for (const auto& [dx, col] : {std::pair{off, shadow}, std::pair{0, colour}})
        for (std::size_t i = 0; i < s.size(); ++i)
            digit(c, s[i] - '0', x0 + int(i) * (w + gap) + dx, y0 + dx, w, h, t, col);
}

Canvas draw(std::size_t index, std::size_t count, int w, int h) {
    Canvas c(w, h);
    const float h0 = float(index) / float(count);
    const Rgb top = hue(h0, 0.95f), bottom = hue(std::fmod(h0 + 0.35f, 1.0f), 0.35f);
    for (int y = 0; y < h; ++y) {
        const float t = float(y) / float(h - 1);
        for (int x = 0; x < w; ++x) {
            const float u =
                0.85f + 0.15f * float(x) / float(w - 1); // a little light from the right
            c.set(x, y,
                  {(top.r + (bottom.r - top.r) * t) * u, (top.g + (bottom.g - top.g) * t) * u,
                   (top.b + (bottom.b - top.b) * t) * u});
        }
    }
    Lcg rng{static_cast<std::uint32_t>(index * 2654435761u + 1)};
    for (int i = 0; i < kCircles; ++i) {
        const float r = (0.05f + 0.12f * rng.next()) * float(std::min(w, h));
        const Rgb col = hue(std::fmod(h0 + 0.5f + 0.2f * rng.next(), 1.0f), 0.9f);
        c.disc(rng.next() * float(w), rng.next() * float(h), r, col);
    }
    number(c, index + 1, {1, 1, 1}, {0.05f, 0.05f, 0.08f});
    return c;
}

} // namespace

std::vector<std::filesystem::path> write_sample_images(const std::filesystem::path& folder,
                                                       const SampleImageOptions& options) {
    if (options.count == 0)
        throw std::invalid_argument("write_sample_images: count must be at least 1");
    if (options.width < kMinSide || options.height < kMinSide)
        throw std::invalid_argument(
            fmt::format("write_sample_images: images must be at least {0}x{0} pixels, got {1}x{2}",
                        kMinSide, options.width, options.height));
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec)
        throw std::runtime_error(
            fmt::format("cannot create folder '{}': {}", folder.string(), ec.message()));
    const std::size_t digits = std::to_string(options.count).size();
    std::vector<std::filesystem::path> paths;
    for (std::size_t i = 0; i < options.count; ++i) {
        const Canvas c = draw(i, options.count, options.width, options.height);
        auto path =
            folder / fmt::format("image_{:0{}}.png", i + 1, std::max<std::size_t>(2, digits));
        if (stbi_write_png(path.c_str(), c.width(), c.height(), kChannels, c.data(),
                           c.width() * kChannels) == 0)
            throw std::runtime_error(fmt::format("cannot write '{}'", path.string()));
        paths.push_back(std::move(path));
    }
    return paths;
}

} // namespace image_viewer
