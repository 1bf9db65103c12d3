// imlit::Texture: creation from pixels and files, lazy upload and UI-thread deletion.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include <unistd.h>

#include <stb/stb_image_write.h>

#include "test_render_headless.hpp"
#include "ui/render.hpp"
#include "ui/seam.hpp"
#include "ui/texture.hpp"

namespace fs = std::filesystem;
using imlit::Texture;

namespace {

std::vector<std::uint8_t> gradient(int w, int h) {
    std::vector<std::uint8_t> px(std::size_t(w) * h * 4);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            std::uint8_t* p = &px[(std::size_t(y) * w + x) * 4];
            p[0] = std::uint8_t(x * 16);
            p[1] = std::uint8_t(y * 16);
            p[2] = std::uint8_t(x + y);
            p[3] = 255;
        }
    return px;
}

fs::path temp_path(const char* name) {
    return fs::temp_directory_path() /
           (std::string("imlit_test_texture_") + std::to_string(::getpid()) + "_" + name);
}

// A fake GPU: counts uploads and destroys, hands out ids 1, 2, 3, ...
struct FakeGpu {
    static inline std::atomic<int> uploads{0};
    static inline std::atomic<int> destroys{0};
    static inline std::atomic<std::thread::id> destroy_thread{};
    static inline std::atomic<std::size_t> uploaded_mip_bytes{0};
    static ImTextureID upload(const imlit::detail::TextureData& t) {
        uploaded_mip_bytes = t.mips.size();
        return reinterpret_cast<ImTextureID>(std::intptr_t(++uploads));
    }
    static void destroy(ImTextureID) {
        destroy_thread = std::this_thread::get_id();
        ++destroys;
    }
    static void reset() {
        uploads = 0;
        destroys = 0;
        destroy_thread = std::thread::id{};
    }
};
const imlit::detail::TextureBackend kFakeBackend{&FakeGpu::upload, &FakeGpu::destroy};

struct BackendGuard {
    explicit BackendGuard(const imlit::detail::TextureBackend* b) {
        imlit::detail::drain_ui_thread_tasks();
        FakeGpu::reset();
        imlit::detail::set_texture_backend(b);
    }
    ~BackendGuard() {
        imlit::detail::set_texture_backend(nullptr);
        imlit::detail::drain_ui_thread_tasks();
    }
};

bool draws_texture(ImDrawData* dd, ImTextureID id) {
    for (int l = 0; l < dd->CmdListsCount; ++l)
        for (const ImDrawCmd& cmd : dd->CmdLists[l]->CmdBuffer)
            if (cmd.TextureId == id && cmd.ElemCount > 0) return true;
    return false;
}

} // namespace

TEST_CASE("texture: from_rgba keeps the pixels; a size mismatch throws", "[render]") {
    const auto px = gradient(4, 3);
    const Texture t = Texture::from_rgba(4, 3, px);
    CHECK(t.ok());
    CHECK(t.width() == 4);
    CHECK(t.height() == 3);
    CHECK(t.error().empty());
    CHECK(t.byte_size() >= 48);
    CHECK(t.data()->rgba == px);

    const std::vector<std::uint8_t> short_px(60);
    try {
        (void)Texture::from_rgba(4, 4, short_px);
        FAIL("no exception");
    } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()).find("4x4") != std::string::npos);
        CHECK(std::string(e.what()).find("64 bytes, got 60") != std::string::npos);
    }
    CHECK_THROWS_AS(Texture::from_rgba(0, 4, {}), std::invalid_argument);
    CHECK_THROWS_AS(Texture::from_rgba(-2, 4, short_px), std::invalid_argument);

    const Texture empty;
    CHECK_FALSE(empty.ok());
    CHECK(empty.width() == 0);
    CHECK_FALSE(empty.error().empty());
    CHECK(empty.byte_size() == 0);
}

TEST_CASE("texture: from_file of a missing path names the path and the reason", "[render]") {
    const fs::path missing = temp_path("does_not_exist.png");
    const Texture t = Texture::from_file(missing);
    CHECK_FALSE(t.ok());
    CHECK(t.width() == 0);
    CHECK(t.error().find(missing.string()) != std::string::npos);
    CHECK(t.error().find("not found") != std::string::npos);
    CHECK(t.error().find("fopen") != std::string::npos); // stbi_failure_reason()

    // Not an image: the stb reason, still naming the path.
    const fs::path junk = temp_path("junk.png");
    std::ofstream(junk) << "this is not a png";
    const Texture j = Texture::from_file(junk);
    fs::remove(junk);
    CHECK_FALSE(j.ok());
    CHECK(j.error().find(junk.string()) != std::string::npos);
    CHECK(j.error().find("not found") == std::string::npos);
}

TEST_CASE("texture: from_file loads a PNG with the right size and pixels", "[render]") {
    const int w = 7, h = 5;
    const auto px = gradient(w, h);
    const fs::path path = temp_path("gradient.png");
    REQUIRE(stbi_write_png(path.string().c_str(), w, h, 4, px.data(), w * 4) != 0);
    const Texture t = Texture::from_file(path);
    fs::remove(path);
    REQUIRE(t.ok());
    CHECK(t.width() == w);
    CHECK(t.height() == h);
    CHECK(t.data()->rgba == px);
    CHECK(t.byte_size() >= px.size());
}

TEST_CASE("texture: from_file with max_size downsizes on the calling thread, aspect kept",
          "[render]") {
    // A 160x90 image: left half black, right half white.
    const int w = 160, h = 90;
    std::vector<std::uint8_t> px(std::size_t(w) * h * 4, 255);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w / 2; ++x)
            for (int c = 0; c < 3; ++c)
                px[(std::size_t(y) * w + x) * 4 + c] = 0;
    const fs::path path = temp_path("halves.png");
    REQUIRE(stbi_write_png(path.string().c_str(), w, h, 4, px.data(), w * 4) != 0);

    const Texture small = Texture::from_file(path, {.max_size = 32});
    REQUIRE(small.ok());
    CHECK(small.width() == 32);  // the longer side
    CHECK(small.height() == 18); // 90 * 32 / 160
    CHECK(small.data()->rgba.size() == 32u * 18u * 4u);
    const auto pixel = [&](int x, int y, int c) {
        return small.data()->rgba[(std::size_t(y) * 32 + x) * 4 + c];
    };
    CHECK(pixel(2, 9, 0) < 10);    // still black on the left
    CHECK(pixel(29, 9, 0) > 245);  // still white on the right
    CHECK(pixel(29, 9, 3) == 255); // opaque
    CHECK(small.byte_size() < Texture::from_file(path).byte_size() / 20);

    // Never scaled up; 0 is full size.
    CHECK(Texture::from_file(path, {.max_size = 1000}).width() == w);
    CHECK(Texture::from_file(path, {.max_size = 0}).width() == w);
    // The shorter side never rounds down to 0.
    const Texture tiny = Texture::from_file(path, {.max_size = 1});
    CHECK(tiny.width() == 1);
    CHECK(tiny.height() == 1);
    // A negative max_size: an error naming the path, no exception.
    const Texture bad = Texture::from_file(path, {.max_size = -5});
    CHECK_FALSE(bad.ok());
    CHECK(bad.error().find("max_size") != std::string::npos);
    CHECK(bad.error().find(path.string()) != std::string::npos);
    fs::remove(path);
}

TEST_CASE("texture: byte_size counts the pixels in memory and the GPU copy with mipmaps",
          "[render]") {
    const Texture t = Texture::from_rgba(30, 10, gradient(30, 10));
    const std::size_t level0 = 30 * 10 * 4;
    CHECK(t.gpu_byte_size() == level0 + level0 / 3);
    CHECK(t.byte_size() ==
          t.data()->rgba.capacity() + t.data()->mips.capacity() + t.gpu_byte_size());
    CHECK(Texture().gpu_byte_size() == 0);
}

TEST_CASE("texture: the mipmap levels are made with the pixels, 2x2 box averages down to 1x1",
          "[render]") {
    // 4x2, one channel value per pixel (all four channels alike):
    //   10 20 30 40
    //   50 61 70 80
    const std::uint8_t v[8] = {10, 20, 30, 40, 50, 61, 70, 80};
    std::vector<std::uint8_t> px;
    for (std::uint8_t x : v)
        px.insert(px.end(), {x, x, x, x});
    Texture t;
    std::thread([&] { t = Texture::from_rgba(4, 2, px); }).join(); // made on a worker
    const auto& mips = t.data()->mips;
    // Level 1 is 2x1, level 2 is 1x1 (the odd side stops at 1): 3 pixels.
    REQUIRE(mips.size() == 3u * 4u);
    CHECK(mips[0] == (10 + 20 + 50 + 61 + 2) / 4); // 35
    CHECK(mips[4] == (30 + 40 + 70 + 80 + 2) / 4); // 55
    CHECK(mips[8] == (35 + 55 + 35 + 55 + 2) / 4); // 45: the single row counts twice
    CHECK(mips[3] == mips[0]);                     // alpha averaged like the rest

    // A 1600x1200 photo: levels 800x600 ... 3x2, 1x1 (10 of them, as GL counts:
    // floor(log2(1600)) = 10).
    const Texture photo = Texture::from_rgba(1600, 1200, gradient(1600, 1200));
    std::size_t want = 0;
    for (int l = 1; l <= 10; ++l)
        want += std::size_t(std::max(1, 1600 >> l)) * std::size_t(std::max(1, 1200 >> l)) * 4;
    CHECK(photo.data()->mips.size() == want);
    CHECK(Texture::from_rgba(1, 1, gradient(1, 1)).data()->mips.empty()); // no level below 1x1
}

TEST_CASE("texture: created on a worker, uploaded once on draw, deleted on the UI thread",
          "[render]") {
    BackendGuard guard(&kFakeBackend);
    imlit::test::HeadlessImGui gui;

    Texture t;
    std::thread([&] { t = Texture::from_rgba(8, 8, gradient(8, 8)); }).join();
    REQUIRE(t.ok());
    CHECK(FakeGpu::uploads == 0); // nothing uploaded off the UI thread

    ImDrawData* dd = gui.frame([&] { imlit::detail::draw_image(t, {}); });
    CHECK(FakeGpu::uploads == 1);
    CHECK(FakeGpu::uploaded_mip_bytes == (16 + 4 + 1) * 4u); // 4x4, 2x2, 1x1 came with it
    CHECK(draws_texture(dd, reinterpret_cast<ImTextureID>(std::intptr_t(1))));
    gui.frame([&] { imlit::detail::draw_image(t, {.width = 32}); });
    CHECK(FakeGpu::uploads == 1); // not again

    // The last handle dies on a worker: the deletion waits for the UI thread.
    std::thread([moved = std::move(t)]() mutable { moved = Texture(); }).join();
    CHECK(FakeGpu::destroys == 0);
    imlit::detail::drain_ui_thread_tasks();
    CHECK(FakeGpu::destroys == 1);
    CHECK(FakeGpu::destroy_thread.load() == std::this_thread::get_id());
}

TEST_CASE("texture: a new backend re-uploads; old ids never reach it", "[render]") {
    BackendGuard guard(&kFakeBackend);
    imlit::test::HeadlessImGui gui;
    {
        const Texture t = Texture::from_rgba(2, 2, gradient(2, 2));
        gui.frame([&] { imlit::detail::draw_image(t, {}); });
        CHECK(FakeGpu::uploads == 1);
        imlit::detail::set_texture_backend(&kFakeBackend); // e.g. a new GL context
        gui.frame([&] { imlit::detail::draw_image(t, {}); });
        CHECK(FakeGpu::uploads == 2);
        imlit::detail::set_texture_backend(nullptr); // context gone before the texture
    }
    imlit::detail::set_texture_backend(&kFakeBackend);
    imlit::detail::drain_ui_thread_tasks();
    CHECK(FakeGpu::destroys == 0);
}

TEST_CASE("texture: headless image draws a placeholder of the right size", "[render]") {
    imlit::detail::set_texture_backend(nullptr);
    imlit::test::HeadlessImGui gui;
    const Texture t = Texture::from_rgba(40, 20, gradient(40, 20));
    ImVec2 natural, scaled, tall;
    gui.frame([&] {
        imlit::detail::draw_image(t, {});
        natural = ImGui::GetItemRectSize();
        imlit::detail::draw_image(t, {.width = 80});
        scaled = ImGui::GetItemRectSize();
        imlit::detail::draw_image(t, {.height = 10});
        tall = ImGui::GetItemRectSize();
    });
    CHECK(natural.x == 40);
    CHECK(natural.y == 20);
    CHECK(scaled.x == 80);
    CHECK(scaled.y == 40);
    CHECK(tall.x == 20);
    CHECK(tall.y == 10);
    CHECK(gui.errors.empty());

    const Texture missing = Texture::from_file("/nonexistent/imlit/picture.png");
    gui.frame([&] {
        imlit::detail::draw_image(missing, {});
        imlit::detail::draw_image(Texture(), {});
    });
    REQUIRE(gui.errors.size() == 2);
    CHECK(gui.errors[0].find("/nonexistent/imlit/picture.png") != std::string::npos);
    CHECK(gui.errors[1].find("empty texture") != std::string::npos);
}
