// imlit — Texture: pixels in memory (any thread), GPU copy on the UI thread (see texture.hpp).
#include "ui/texture.hpp"

#include <atomic>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>
#include <stb_image.h>

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

Texture Texture::from_file(const std::filesystem::path& path) {
    auto data = std::make_shared<detail::TextureData>();
    const std::string name = path.string();
    int w = 0, h = 0, channels = 0;
    // stb_image keeps its failure reason per thread (STBI_THREAD_LOCAL), so loading on
    // several workers at once reports each one's own reason.
    stbi_uc* pixels = stbi_load(name.c_str(), &w, &h, &channels, 4);
    if (pixels == nullptr) {
        const char* reason = stbi_failure_reason();
        std::error_code ec;
        const bool exists = std::filesystem::exists(path, ec);
        data->error =
            fmt::format("cannot load image '{}': {}{}", name, exists ? "" : "file not found; ",
                        reason ? reason : "unknown error");
    } else {
        data->width = w;
        data->height = h;
        const std::size_t bytes = std::size_t(w) * std::size_t(h) * 4u;
        data->rgba.resize(bytes);
        std::memcpy(data->rgba.data(), pixels, bytes);
        stbi_image_free(pixels);
    }
    Texture t;
    t.data_ = std::move(data);
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
    return data_ ? data_->rgba.capacity() : 0;
}

} // namespace imlit
