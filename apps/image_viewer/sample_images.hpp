// image_viewer — sample images to view: colourful PNGs, each with its number drawn large, so
// that thumbnails are told apart at a glance. Used by gen_images (the issue 7 figures: 50
// images of 1600x1200) and by the app's tests (a few small ones).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace image_viewer {

struct SampleImageOptions {
    std::size_t count = 50; // how many images: image_01.png, image_02.png, ...
    int width = 1600;       // pixels
    int height = 1200;      // pixels
};

// Write the images into `folder` (created if missing) and return their paths, in order.
// Throws std::runtime_error naming the file when one cannot be written, and
// std::invalid_argument for a zero count or a size below 16x16 pixels.
std::vector<std::filesystem::path> write_sample_images(const std::filesystem::path& folder,
                                                       const SampleImageOptions& options);

} // namespace image_viewer
