// png_check FILE WIDTH HEIGHT — exit 0 when FILE is a WIDTHxHEIGHT PNG with drawn content.
//
// "Drawn content" means not a blank or near-blank window: at least 16 distinct colours, and the
// most common colour (the background) covers less than 99% of the pixels. A window that only
// got cleared, or a GL read of an undefined buffer, fails both.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>

#include <stb_image.h>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: png_check FILE WIDTH HEIGHT\n");
        return 2;
    }
    const int want_w = std::atoi(argv[2]);
    const int want_h = std::atoi(argv[3]);
    int w = 0, h = 0, channels = 0;
    unsigned char* px = stbi_load(argv[1], &w, &h, &channels, 3);
    if (px == nullptr) {
        std::fprintf(stderr, "png_check: cannot read %s: %s\n", argv[1], stbi_failure_reason());
        return 1;
    }
    std::unordered_map<unsigned, long> counts;
    const long n = static_cast<long>(w) * h;
    for (long i = 0; i < n; ++i) {
        const unsigned char* p = px + i * 3;
        ++counts[(unsigned{p[0]} << 16) | (unsigned{p[1]} << 8) | p[2]];
    }
    stbi_image_free(px);
    long top = 0;
    for (const auto& [colour, count] : counts)
        top = count > top ? count : top;
    const double background = n > 0 ? static_cast<double>(top) / static_cast<double>(n) : 1.0;
    std::printf("png_check: %s is %dx%d, %zu distinct colours, background covers %.2f%%\n", argv[1],
                w, h, counts.size(), background * 100);
    int rc = 0;
    if (w != want_w || h != want_h) {
        std::fprintf(stderr, "png_check: expected %dx%d, got %dx%d\n", want_w, want_h, w, h);
        rc = 1;
    }
    if (counts.size() < 16 || background >= 0.99) {
        std::fprintf(stderr, "png_check: the image has no drawn content (flat or nearly flat)\n");
        rc = 1;
    }
    return rc;
}
