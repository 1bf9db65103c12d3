// imlit internal — Texture's shared data and the GPU backend hook.
//
// A Texture's pixels live in TextureData from the moment it is made (any thread). The GPU copy
// is made lazily on the UI thread by the installed TextureBackend the first time the texture
// is drawn, and deleted on the UI thread (through post_to_ui_thread) when the last handle goes.
// Headless (no backend installed) nothing is uploaded and image() draws a placeholder.
//
// Installing a different backend (or none) starts a new backend generation: textures
// uploaded under an older one are re-uploaded on their next draw, and their old GPU ids are
// never passed to the new backend's destroy (the old GL context took them with it).
#pragma once

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include <imgui.h>

namespace imlit::detail {

struct TextureData;

struct TextureBackend {
    // Make a GPU texture from a texture's pixels (tightly packed 8-bit RGBA, level 0 in `rgba`,
    // the smaller levels in `mips`: see TextureData); return its id (null: failed).
    ImTextureID (*upload)(const TextureData& texture) = nullptr;
    // Delete a texture made by upload. Called on the UI thread only.
    void (*destroy)(ImTextureID id) = nullptr;
};

// Fill `t.mips` from `t.rgba` (see TextureData::mips).
void make_mipmaps(TextureData& t);
// The size of mipmap level `level` (0: the image itself) of a w x h image.
inline int mip_extent(int extent, int level) {
    return std::max(1, extent >> level);
}

// UI thread. Install `backend` (kept by pointer: it must outlive its use; null: headless).
// The app layer installs its OpenGL backend after the GL context exists and installs null
// before destroying the context.
void set_texture_backend(const TextureBackend* backend);
const TextureBackend* texture_backend();

struct TextureData {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba; // width * height * 4 bytes; empty when failed
    // The mipmap levels below `rgba`, down to 1x1, concatenated: level i is
    // max(1, width >> i) x max(1, height >> i), each pixel the 2x2 box average of the level
    // above (what glGenerateMipmap does for RGBA8). Made with the pixels, on the thread that
    // makes the texture (a loader's worker), so the UI thread only copies them to the GPU:
    // generating them there runs a shader, which Mesa's software renderer compiles on first
    // use (~200 ms inside a frame).
    std::vector<std::uint8_t> mips;
    std::string error; // why loading failed; empty when ok

    TextureData() = default;
    TextureData(const TextureData&) = delete;
    TextureData& operator=(const TextureData&) = delete;
    ~TextureData(); // any thread: posts the GPU deletion to the UI thread

    // UI thread. The GPU id, uploading on first use; null when headless, failed or empty.
    ImTextureID gpu_id() const;

private:
    mutable std::mutex mutex_;             // guards the GPU state (sessions on several threads)
    mutable ImTextureID id_ = nullptr;     // uploaded under backend generation `generation_`
    mutable std::uint64_t generation_ = 0; // 0: never uploaded; a failed upload is not retried
};

} // namespace imlit::detail
