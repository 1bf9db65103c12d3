// apps/image_viewer through AppTest: one cached load per thumbnail (and one for the large
// view of the selected image), selection by clicking a name, a new thumbnail size loading each
// file once more, the budget widget driving imlit's global budget without reloading what is
// shown, on_release on the UI thread, and clear errors in place for bad folders and files.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "image_viewer.hpp"
#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "sample_images.hpp"

using Catch::Matchers::Contains;
using imlit::testing::AppTest;
namespace fs = std::filesystem;

namespace {

constexpr auto kLoadTimeout = std::chrono::seconds(60); // bounds a hang, not speed
constexpr std::size_t kImages = 6;

// A fresh folder under the temp directory, removed with the object.
struct TempFolder {
    fs::path path;
    explicit TempFolder(const char* name)
        : path(fs::temp_directory_path() /
               (std::string("imlit_image_viewer_") + std::to_string(::getpid()) + "_" + name)) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempFolder() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

void write_file(const fs::path& p, const std::string& content) {
    std::ofstream(p, std::ios::binary) << content;
}

std::size_t count_ok_images(const AppTest& at) {
    std::size_t n = 0;
    for (const auto& e : at.elements_of("image"))
        n += e.text.empty() ? 1 : 0;
    return n;
}

std::string all_text(const std::vector<imlit::testing::Element>& elements) {
    std::string s;
    for (const auto& e : elements)
        s += e.text + "\n";
    return s;
}

std::string subheader(const AppTest& at) {
    const auto s = at.elements_of("subheader");
    return s.empty() ? std::string() : s[0].text;
}

} // namespace

TEST_CASE("image_viewer: one load per thumbnail and per viewed image", "[app][image_viewer]") {
    image_viewer::clear_caches();
    TempFolder dir("grid");
    image_viewer::write_sample_images(dir.path, {.count = kImages, .width = 80, .height = 60});
    write_file(dir.path / "zz_broken.png", "not a png at all");
    write_file(dir.path / "notes.txt", "not an image: not listed");
    const auto loads0 = image_viewer::image_cache_stats().loads;

    AppTest at([&] { image_viewer::page({.folder = dir.path.string()}); });
    at.run_until_idle(kLoadTimeout);
    INFO(at.dump());
    // Every thumbnail, and the first image large; the broken file's error names it, in place.
    CHECK(count_ok_images(at) == kImages + 1);
    CHECK_THAT(all_text(at.elements_of("caption")), Contains("7 images in"));
    CHECK_THAT(all_text(at.elements_of("error")), Contains("zz_broken.png"));
    CHECK(subheader(at) == "image_01.png");
    CHECK(at.button("> image_01", "image_01.png").kind() == "button");
    // 6 thumbnails + the broken one (a texture holding its error, read once) + the large view.
    CHECK(image_viewer::image_cache_stats().loads == loads0 + kImages + 2);
    for (int i = 0; i < 5; ++i)
        at.run(); // shown again: hits, no reload (not even of the broken file)
    CHECK(image_viewer::image_cache_stats().loads == loads0 + kImages + 2);

    // Clicking a name shows that image large: one more load; going back is a hit.
    at.button("image_03", "image_03.png").click();
    at.run_until_idle(kLoadTimeout);
    CHECK(subheader(at) == "image_03.png");
    CHECK(at.button("> image_03", "image_03.png").kind() == "button");
    CHECK(image_viewer::image_cache_stats().loads == loads0 + kImages + 3);
    at.button("image_01", "image_01.png").click();
    at.run_until_idle(kLoadTimeout);
    CHECK(subheader(at) == "image_01.png");
    CHECK(image_viewer::image_cache_stats().loads == loads0 + kImages + 3);

    // Another thumbnail size is another entry per file (the broken one too).
    at.slider("Thumbnail size").set(96);
    at.run_until_idle(kLoadTimeout);
    CHECK(count_ok_images(at) == kImages + 1);
    CHECK(image_viewer::image_cache_stats().loads == loads0 + 2 * kImages + 4);
    image_viewer::clear_caches();
}

// With one core for loads, the image the user looks at comes first: the page asks for the
// large view before the thumbnails, and loads start in the order a frame asks for them.
TEST_CASE("image_viewer: the large view loads before the thumbnails", "[app][image_viewer]") {
    image_viewer::clear_caches();
    TempFolder dir("order");
    image_viewer::write_sample_images(dir.path, {.count = kImages, .width = 800, .height = 600});
    struct OneLoadAtATime {
        OneLoadAtATime() { imlit::set_max_parallel_loads(1); }
        ~OneLoadAtATime() { imlit::set_max_parallel_loads(0); } // back to the default
    } one_at_a_time;
    AppTest at([&] { image_viewer::page({.folder = dir.path.string()}); });
    const auto deadline = std::chrono::steady_clock::now() + kLoadTimeout;
    while (count_ok_images(at) == 0 && std::chrono::steady_clock::now() < deadline) {
        at.run();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    INFO(at.dump());
    REQUIRE(count_ok_images(at) >= 1);
    CHECK_THAT(all_text(at.elements_of("caption")), Contains("800 x 600 pixels"));
    CHECK(count_ok_images(at) < kImages + 1); // not everything yet: the order was seen
    at.run_until_idle(kLoadTimeout);
    CHECK(count_ok_images(at) == kImages + 1);
    image_viewer::clear_caches();
}

TEST_CASE("image_viewer: the budget widget drives the global budget; what is shown stays",
          "[app][image_viewer]") {
    image_viewer::clear_caches();
    const std::size_t budget0 = imlit::cache_budget();
    TempFolder dir("budget");
    image_viewer::write_sample_images(dir.path, {.count = kImages, .width = 400, .height = 300});
    AppTest at([&] { image_viewer::page({.folder = dir.path.string(), .budget_mb = 200}); });
    at.run_until_idle(kLoadTimeout);
    INFO(at.dump());
    CHECK(imlit::cache_budget() == std::size_t(200) << 20); // --budget-mb applied
    const auto loads = image_viewer::image_cache_stats().loads;
    CHECK(loads >= kImages + 1);

    // 1 MB is less than the thumbnails and the large view in use (400x300 at full size
    // is ~1.1 MB with its GPU copy): they are kept, not reloaded frame after frame.
    at.number_input("Cache budget (MB)").set(1);
    for (int i = 0; i < 10; ++i)
        at.run();
    CHECK(imlit::cache_budget() == std::size_t(1) << 20);
    CHECK(image_viewer::image_cache_stats().loads == loads);
    CHECK(count_ok_images(at) == kImages + 1);
    CHECK(imlit::cache_stats().total.over_limit == std::size_t(1) << 20);

    // A new thumbnail size: the old thumbnails fall out of use and are evicted; their
    // on_release runs on this (the UI) thread at a later frame.
    const std::size_t released0 = image_viewer::released_textures();
    at.slider("Thumbnail size").set(64);
    at.run_until_idle(kLoadTimeout);
    for (int i = 0; i < 3; ++i)
        at.run();
    CHECK(image_viewer::image_cache_stats().loads == loads + kImages);
    CHECK(image_viewer::released_textures() >= released0 + kImages);
    CHECK(count_ok_images(at) == kImages + 1);

    imlit::set_cache_budget(budget0);
    image_viewer::clear_caches();
}

TEST_CASE("image_viewer: bad folders are clear errors in place", "[app][image_viewer]") {
    image_viewer::clear_caches();
    TempFolder empty("empty");
    write_file(empty.path / "readme.txt", "no images here");
    const fs::path missing = empty.path / "no_such_folder";
    const fs::path file = empty.path / "readme.txt";

    std::string folder;
    AppTest at([&] { image_viewer::page({.folder = folder}); });
    at.run_until_idle(kLoadTimeout);
    INFO(at.dump());
    CHECK_THAT(all_text(at.elements_of("info")), Contains("No folder given"));
    CHECK(at.elements_of("image").empty());

    at.text_input("Folder").set(missing.string());
    at.run_until_idle(kLoadTimeout);
    CHECK_THAT(all_text(at.elements_of("error")),
               Contains("folder '" + missing.string() + "' does not exist"));

    at.text_input("Folder").set(file.string());
    at.run_until_idle(kLoadTimeout);
    CHECK_THAT(all_text(at.elements_of("error")), Contains("is not a folder"));

    at.text_input("Folder").set(empty.path.string());
    at.run_until_idle(kLoadTimeout);
    CHECK_THAT(all_text(at.elements_of("warning")), Contains("No images in"));
    // The cache inspector is on the page whatever the folder.
    CHECK_THAT(all_text(at.elements()), Contains("Cache inspector"));
    image_viewer::clear_caches();
}

TEST_CASE("image_viewer: sample images are written as asked, bad sizes refused",
          "[app][image_viewer]") {
    TempFolder dir("samples");
    const auto paths =
        image_viewer::write_sample_images(dir.path, {.count = 12, .width = 32, .height = 16});
    REQUIRE(paths.size() == 12);
    CHECK(paths.front().filename() == "image_01.png");
    CHECK(paths.back().filename() == "image_12.png");
    const imlit::Texture t = imlit::Texture::from_file(paths.back());
    CHECK(t.ok());
    CHECK(t.width() == 32);
    CHECK(t.height() == 16);
    CHECK_THROWS_WITH(image_viewer::write_sample_images(dir.path, {.count = 0}),
                      Contains("count must be at least 1"));
    CHECK_THROWS_WITH(image_viewer::write_sample_images(dir.path, {.width = 8}),
                      Contains("at least 16x16"));
}

TEST_CASE("image_viewer: arguments, before and after --", "[app][image_viewer]") {
    using image_viewer::parse_arguments;
    using Args = std::vector<std::string>;
    auto a = parse_arguments(Args{"/imgs", "--budget-mb", "100"}, std::nullopt);
    CHECK(a.error.empty());
    CHECK(a.options.folder == "/imgs");
    CHECK(a.options.budget_mb == 100);
    a = parse_arguments(Args{"--budget-mb=64", "/imgs"}, std::nullopt);
    CHECK(a.error.empty());
    CHECK(a.options.budget_mb == 64);
    a = parse_arguments(Args{"/imgs"}, std::string("300")); // the flag before "--"
    CHECK(a.options.budget_mb == 300);
    a = parse_arguments(Args{}, std::nullopt);
    CHECK(a.error.empty());
    CHECK(a.options.folder.empty());
    CHECK(a.options.budget_mb == 0);

    a = parse_arguments(Args{"/imgs", "--budget-mb", "lots"}, std::nullopt);
    CHECK_THAT(a.error,
               Contains("--budget-mb: needs a whole number of megabytes") && Contains("'lots'"));
    CHECK(a.options.folder == "/imgs");
    CHECK_THAT(parse_arguments(Args{"/imgs", "--budget-mb"}, std::nullopt).error,
               Contains("--budget-mb needs a value"));
    CHECK_THAT(parse_arguments(Args{"/a", "/b"}, std::nullopt).error,
               Contains("one FOLDER expected, got 2"));
    CHECK_THAT(parse_arguments(Args{"/a", "--fast"}, std::nullopt).error,
               Contains("unknown flag '--fast'"));
    CHECK_FALSE(image_viewer::check_budget_mb("0").empty());
    CHECK(image_viewer::check_budget_mb("1").empty());
}
