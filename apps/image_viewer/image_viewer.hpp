// image_viewer — the page: a thumbnail grid of every image in a folder (one cached load per
// file and thumbnail size), the selected image shown large, sidebar widgets for the folder,
// the thumbnail size, the grid's columns and the cache budget, and the cache inspector.
// Shared by the app (main.cpp) and its AppTest test (tests/app/image_viewer_test.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <imlit/cache.hpp>

namespace image_viewer {

// Image files the viewer lists (by extension, case-insensitive): what stb_image decodes.
inline constexpr const char* kImageExtensions = ".png .jpg .jpeg .bmp .gif .tga .psd .hdr .pic "
                                                ".pnm .ppm .pgm";

struct PageOptions {
    std::string folder = {};   // the folder shown first (FOLDER); "": none, the page says so
    std::size_t budget_mb = 0; // the global cache budget to start with (--budget-mb); 0: keep
                               // imlit's (default 1 GiB)
};

// The app's arguments: `budget_flag` is --budget-mb given before "--" (run() has checked it);
// `args` is imlit::app_args(), where "--budget-mb N" (or "=N") may come again after "--"
// (image_viewer -- FOLDER --budget-mb 100). The first other argument is the folder. `error`
// says what was wrong (shown in place); the options keep what could be read.
struct Arguments {
    PageOptions options;
    std::string error; // "": all fine
};
Arguments parse_arguments(const std::vector<std::string>& args,
                          const std::optional<std::string>& budget_flag);
// "" when `value` is a whole number of megabytes in 1..kMaxBudgetMb; else what is wrong.
inline constexpr long kMaxBudgetMb = 1 << 20; // 1 TiB: more is a typo
std::string check_budget_mb(std::string_view value);

// The frame function's body.
void page(const PageOptions& options);

// The image loader's counters (thumbnails and large images: one cached function), the
// number of textures its on_release has seen go (on the UI thread), and a way to start over
// (for tests: clears the listing and the images).
imlit::CacheStats image_cache_stats();
std::size_t released_textures();
void clear_caches();

} // namespace image_viewer
