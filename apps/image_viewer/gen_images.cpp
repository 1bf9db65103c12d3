// image_viewer_gen_images — write sample PNGs for apps/image_viewer (the issue 7 figures).
//
//   ./image_viewer_gen_images FOLDER [COUNT [WIDTHxHEIGHT]]   default: 50 images of 1600x1200
#include <charconv>
#include <cstdio>
#include <exception>
#include <string_view>

#include "sample_images.hpp"

namespace {

bool parse(std::string_view s, auto& out) {
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
}

int usage() {
    std::fprintf(stderr, "usage: image_viewer_gen_images FOLDER [COUNT [WIDTHxHEIGHT]]\n"
                         "  default: 50 images of 1600x1200 (image_01.png, ...)\n");
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 4) return usage();
    image_viewer::SampleImageOptions options;
    if (argc >= 3 && !parse(argv[2], options.count)) return usage();
    if (argc == 4) {
        const std::string_view size = argv[3];
        const auto x = size.find('x');
        if (x == std::string_view::npos || !parse(size.substr(0, x), options.width) ||
            !parse(size.substr(x + 1), options.height))
            return usage();
    }
    try {
        const auto paths = image_viewer::write_sample_images(argv[1], options);
        std::printf("wrote %zu images of %dx%d to %s\n", paths.size(), options.width,
                    options.height, argv[1]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "image_viewer_gen_images: %s\n", e.what());
        return 1;
    }
    return 0;
}
