// imlit — Texture: pixels in memory (any thread), GPU copy on the UI thread (see texture.hpp).
#include "ui/texture.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <system_error>
#include <utility>

#include <fmt/format.h>
#include <stb_image.h>
#include <stb_image_resize.h>

#include "imlit/ui.hpp"
#include "ui/seam.hpp"

namespace imlit {
namespace detail {
namespace {

std::atomic<const TextureBackend*> g_backend{nullptr};
// Starts at 1 so that a TextureData that never uploaded (generation_ 0) never matches.
std::atomic<std::uint64_t> g_generation{1};

const std::string g_no_error;
const std::string g_empty_error = "empty texture (no image was loaded into it)";

} // namespace

void set_texture_backend(const TextureBackend* backend) {
    g_backend.store(backend, std::memory_order_release);
    g_generation.fetch_add(1, std::memory_order_acq_rel);
}

const TextureBackend* texture_backend() {
    return g_backend.load(std::memory_order_acquire);
}

TextureData::~TextureData() {
    if (id_ == nullptr) return;
    const std::uint64_t generation = generation_;
    const ImTextureID id = id_;
    // The GL context is current on the UI thread only; a texture may die anywhere (a cache
    // eviction on a worker, the last handle dropped by a loader).
    post_to_ui_thread([generation, id] {
        if (g_generation.load(std::memory_order_acquire) != generation) return; // context gone
        if (const TextureBackend* backend = texture_backend(); backend && backend->destroy)
            backend->destroy(id);
    });
}

ImTextureID TextureData::gpu_id() const {
    const TextureBackend* backend = texture_backend();
    if (backend == nullptr || backend->upload == nullptr || rgba.empty()) return nullptr;
    const std::uint64_t generation = g_generation.load(std::memory_order_acquire);
    std::lock_guard lock(mutex_);
    if (generation_ == generation) return id_; // uploaded (or failed) under this backend
    // First draw under this backend: ids from an older generation died with their context.
    id_ = backend->upload(*this);
    generation_ = generation;
    return id_;
}

namespace {

// The next mipmap level of sw x sh RGBA pixels into dst (max(1, sw / 2) x max(1, sh / 2)): each
// pixel the 2x2 box average of the level above (an odd last row or column counts once more).
void halve(const std::uint8_t* src, int sw, int sh, std::uint8_t* dst) {
    const int dw = std::max(1, sw / 2), dh = std::max(1, sh / 2);
    for (int y = 0; y < dh; ++y) {
        const std::uint8_t* r0 = src + std::size_t(std::min(2 * y, sh - 1)) * sw * 4u;
        const std::uint8_t* r1 = src + std::size_t(std::min(2 * y + 1, sh - 1)) * sw * 4u;
        std::uint8_t* out = dst + std::size_t(y) * dw * 4u;
        for (int x = 0; x < dw; ++x) {
            const std::size_t a = std::size_t(std::min(2 * x, sw - 1)) * 4u;
            const std::size_t b = std::size_t(std::min(2 * x + 1, sw - 1)) * 4u;
            for (int c = 0; c < 4; ++c)
                out[x * 4 + c] = static_cast<std::uint8_t>(
                    (unsigned(r0[a + c]) + r0[b + c] + r1[a + c] + r1[b + c] + 2u) / 4u);
        }
    }
}

} // namespace

void make_mipmaps(TextureData& t) {
    t.mips.clear();
    if (t.rgba.empty() || t.width <= 0 || t.height <= 0) return;
    std::size_t total = 0; // pixels in levels 1, 2, ... down to 1x1
    int levels = 0;
    for (; mip_extent(t.width, levels) > 1 || mip_extent(t.height, levels) > 1; ++levels)
        total += std::size_t(mip_extent(t.width, levels + 1)) *
                 std::size_t(mip_extent(t.height, levels + 1));
    t.mips.resize(total * 4u);
    const std::uint8_t* src = t.rgba.data();
    std::uint8_t* dst = t.mips.data();
    for (int level = 1; level <= levels; ++level) {
        halve(src, mip_extent(t.width, level - 1), mip_extent(t.height, level - 1), dst);
        src = dst;
        dst += std::size_t(mip_extent(t.width, level)) * mip_extent(t.height, level) * 4u;
    }
}

} // namespace detail

Texture Texture::from_rgba(int width, int height, std::span<const std::uint8_t> rgba) {
    if (width <= 0 || height <= 0)
        throw std::invalid_argument(fmt::format(
            "Texture::from_rgba: width and height must be positive, got {}x{}", width, height));
    const std::uint64_t need = std::uint64_t(width) * std::uint64_t(height) * 4u;
    if (rgba.size() != need)
        throw std::invalid_argument(
            fmt::format("Texture::from_rgba: {}x{} RGBA pixels need {} bytes, got {}", width,
                        height, need, rgba.size()));
    auto data = std::make_shared<detail::TextureData>();
    data->width = width;
    data->height = height;
    data->rgba.assign(rgba.begin(), rgba.end());
    detail::make_mipmaps(*data);
    Texture t;
    t.data_ = std::move(data);
    return t;
}

namespace {

struct StbPixels { // owns stbi_load's buffer
    stbi_uc* p = nullptr;
    ~StbPixels() { stbi_image_free(p); }
};

// The size an image of w x h gets under max_size (longer side at most max_size, never up).
std::pair<int, int> fitted_size(int w, int h, int max_size) {
    const int longer = std::max(w, h);
    if (max_size <= 0 || longer <= max_size) return {w, h};
    const double scale = static_cast<double>(max_size) / longer;
    return {std::max(1, static_cast<int>(std::lround(w * scale))),
            std::max(1, static_cast<int>(std::lround(h * scale)))};
}

// sRGB-encoded 8-bit value -> linear light, and back (a 4096-step table: finer than 8 bits
// where sRGB is steepest).
struct SrgbTables {
    float to_linear[256];
    std::uint8_t to_srgb[4096];
    SrgbTables() {
        for (int i = 0; i < 256; ++i) {
            const double c = i / 255.0;
            to_linear[i] =
                static_cast<float>(c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4));
        }
        for (int i = 0; i < 4096; ++i) {
            const double l = i / 4095.0;
            const double c = l <= 0.0031308 ? l * 12.92 : 1.055 * std::pow(l, 1 / 2.4) - 0.055;
            to_srgb[i] = static_cast<std::uint8_t>(std::lround(std::clamp(c, 0.0, 1.0) * 255));
        }
    }
    std::uint8_t encode(float linear) const {
        return to_srgb[static_cast<int>(std::clamp(linear, 0.0f, 1.0f) * 4095.0f + 0.5f)];
    }
};
const SrgbTables& srgb_tables() {
    static const SrgbTables t;
    return t;
}

// Shrink w x h RGBA pixels by a whole factor f (each output pixel the average of an f x f block,
// in linear light, colour weighted by alpha as stb_image_resize does): the cheap first step of a
// big downscale. The filtered resize after it then reads f*f times fewer pixels (from_file of
// a 1600x1200 PNG to a 160-px thumbnail, decoding included: 88 ms before, 36 ms with it).
std::vector<std::uint8_t> box_shrink_srgb(const std::uint8_t* src, int w, int h, int f, int& ow,
                                          int& oh) {
    const SrgbTables& t = srgb_tables();
    ow = w / f;
    oh = h / f;
    std::vector<std::uint8_t> out(std::size_t(ow) * std::size_t(oh) * 4u);
    std::vector<float> acc(std::size_t(ow) * 4u); // per output column: r*a, g*a, b*a, a
    const float inv = 1.0f / static_cast<float>(f * f);
    for (int oy = 0; oy < oh; ++oy) {
        std::fill(acc.begin(), acc.end(), 0.0f);
        for (int dy = 0; dy < f; ++dy) {
            const std::uint8_t* row = src + std::size_t(oy * f + dy) * std::size_t(w) * 4u;
            for (int ox = 0; ox < ow; ++ox) {
                float* a = &acc[std::size_t(ox) * 4u];
                const std::uint8_t* p = row + std::size_t(ox) * std::size_t(f) * 4u;
                for (int dx = 0; dx < f; ++dx, p += 4) {
                    const float alpha = p[3] * (1.0f / 255.0f);
                    a[0] += t.to_linear[p[0]] * alpha;
                    a[1] += t.to_linear[p[1]] * alpha;
                    a[2] += t.to_linear[p[2]] * alpha;
                    a[3] += alpha;
                }
            }
        }
        std::uint8_t* o = out.data() + std::size_t(oy) * std::size_t(ow) * 4u;
        for (int ox = 0; ox < ow; ++ox) {
            const float* a = &acc[std::size_t(ox) * 4u];
            const float alpha = a[3] * inv;
            const float un = a[3] > 0 ? 1.0f / a[3] : 0.0f; // un-weight the colour
            o[ox * 4 + 0] = t.encode(a[0] * un);
            o[ox * 4 + 1] = t.encode(a[1] * un);
            o[ox * 4 + 2] = t.encode(a[2] * un);
            o[ox * 4 + 3] = static_cast<std::uint8_t>(std::lround(alpha * 255.0f));
        }
    }
    return out;
}

} // namespace

Texture Texture::from_file(const std::filesystem::path& path, TextureLoadOptions options) {
    auto data = std::make_shared<detail::TextureData>();
    const std::string name = path.string();
    Texture t;
    t.data_ = data;
    if (options.max_size < 0) {
        data->error = fmt::format("cannot load image '{}': max_size must be >= 0, got {}", name,
                                  options.max_size);
        return t;
    }
    int w = 0, h = 0, channels = 0;
    // stb_image keeps its failure reason per thread (STBI_THREAD_LOCAL), so loading on
    // several workers at once reports each one's own reason.
    StbPixels pixels{stbi_load(name.c_str(), &w, &h, &channels, 4)};
    if (pixels.p == nullptr) {
        const char* reason = stbi_failure_reason();
        std::error_code ec;
        const bool exists = std::filesystem::exists(path, ec);
        data->error =
            fmt::format("cannot load image '{}': {}{}", name, exists ? "" : "file not found; ",
                        reason ? reason : "unknown error");
        return t;
    }
    const auto [tw, th] = fitted_size(w, h, options.max_size);
    data->width = tw;
    data->height = th;
    data->rgba.resize(std::size_t(tw) * std::size_t(th) * 4u);
    if (tw == w && th == h) {
        std::memcpy(data->rgba.data(), pixels.p, data->rgba.size());
    } else {
        constexpr int kChannels = 4, kAlphaChannel = 3;
        // A big reduction first shrinks by a whole factor that leaves at least twice the target
        // size (a box average), then filters the rest properly.
        const int factor = std::min(w / (2 * tw), h / (2 * th));
        std::vector<std::uint8_t> shrunk;
        const std::uint8_t* from = pixels.p;
        int fw = w, fh = h;
        if (factor >= 2) {
            shrunk = box_shrink_srgb(pixels.p, w, h, factor, fw, fh);
            from = shrunk.data();
        }
        // sRGB-aware: averaging encoded values would darken edges and fine detail.
        if (stbir_resize_uint8_srgb(from, fw, fh, 0, data->rgba.data(), tw, th, 0, kChannels,
                                    kAlphaChannel, 0) == 0) {
            data->rgba = {};
            data->width = data->height = 0;
            data->error = fmt::format("cannot load image '{}': resizing {}x{} to {}x{} failed",
                                      name, w, h, tw, th);
        }
    }
    detail::make_mipmaps(*data);
    return t;
}

int Texture::width() const {
    return ok() ? data_->width : 0;
}
int Texture::height() const {
    return ok() ? data_->height : 0;
}
bool Texture::ok() const {
    return data_ && data_->error.empty() && !data_->rgba.empty();
}

const std::string& Texture::error() const {
    if (!data_) return detail::g_empty_error;
    return data_->error.empty() ? detail::g_no_error : data_->error;
}

std::size_t Texture::byte_size() const {
    return data_ ? data_->rgba.capacity() + data_->mips.capacity() + gpu_byte_size() : 0;
}

std::size_t Texture::gpu_byte_size() const {
    if (!ok()) return 0;
    const std::size_t level0 = std::size_t(data_->width) * std::size_t(data_->height) * 4u;
    return level0 + level0 / 3; // the mipmap chain adds a third
}

} // namespace imlit
