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
    id_ = backend->upload(rgba.data(), width, height);
    generation_ = generation;
    return id_;
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
        // sRGB-aware: averaging encoded values would darken edges and fine detail.
        if (stbir_resize_uint8_srgb(pixels.p, w, h, 0, data->rgba.data(), tw, th, 0, kChannels,
                                    kAlphaChannel, 0) == 0) {
            data->rgba = {};
            data->width = data->height = 0;
            data->error = fmt::format("cannot load image '{}': resizing {}x{} to {}x{} failed",
                                      name, w, h, tw, th);
        }
    }
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
    return data_ ? data_->rgba.capacity() + gpu_byte_size() : 0;
}

std::size_t Texture::gpu_byte_size() const {
    if (!ok()) return 0;
    const std::size_t level0 = std::size_t(data_->width) * std::size_t(data_->height) * 4u;
    return level0 + level0 / 3; // the mipmap chain adds a third
}

} // namespace imlit
