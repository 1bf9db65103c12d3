// imlit internal — command-line flags (see command_line.hpp).
#include "app/command_line.hpp"

#include <charconv>
#include <cmath>
#include <optional>

#include <fmt/format.h>

namespace imlit::detail {
namespace {

template <class T>
std::optional<T> parse_number(std::string_view s) {
    T value{};
    const char* end = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(s.data(), end, value);
    if (ec != std::errc() || ptr != end || s.empty()) return std::nullopt;
    return value;
}

// "--name=value" or "--name value": the value of flag `name`, advancing `i` past it.
std::optional<std::string_view> take_value(std::string_view arg, std::string_view name, int argc,
                                           const char* const* argv, int& i) {
    if (arg.size() > name.size() && arg[name.size()] == '=') return arg.substr(name.size() + 1);
    if (i + 1 >= argc) return std::nullopt;
    return std::string_view(argv[++i]);
}

} // namespace

FlagParse parse_flags(int argc, const char* const* argv) {
    FlagParse out;
    RunFlags& f = out.flags;
    auto fail = [&](std::string message) {
        out.error = std::move(message);
        return out;
    };
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i] != nullptr ? argv[i] : "";
        if (arg == "--") break; // the rest belongs to the app
        const std::string_view name = arg.substr(0, arg.find('='));
        const bool has_inline = name.size() != arg.size();
        if (name == "--help" || name == "-h") {
            if (has_inline) return fail(fmt::format("{} takes no value", name));
            f.help = true;
        } else if (name == "--stats") {
            if (has_inline) return fail("--stats takes no value");
            f.stats = true;
        } else if (name == "--frames") {
            auto v = take_value(arg, name, argc, argv, i);
            if (!v) return fail("--frames needs a value: --frames N");
            auto n = parse_number<int>(*v);
            if (!n || *n < 1)
                return fail(fmt::format("--frames needs a whole number >= 1, got '{}'", *v));
            f.frames = *n;
        } else if (name == "--seconds") {
            auto v = take_value(arg, name, argc, argv, i);
            if (!v) return fail("--seconds needs a value: --seconds S");
            auto s = parse_number<double>(*v);
            if (!s || !std::isfinite(*s) || *s <= 0)
                return fail(fmt::format("--seconds needs a number > 0, got '{}'", *v));
            f.seconds = *s;
        } else if (name == "--screenshot") {
            auto v = take_value(arg, name, argc, argv, i);
            if (!v || v->empty())
                return fail("--screenshot needs a file path: --screenshot out.png");
            f.screenshot = std::string(*v);
        } else if (name == "--size") {
            auto v = take_value(arg, name, argc, argv, i);
            if (!v) return fail("--size needs a value: --size WxH");
            const auto x = v->find_first_of("xX");
            std::optional<int> w, h;
            if (x != std::string_view::npos) {
                w = parse_number<int>(v->substr(0, x));
                h = parse_number<int>(v->substr(x + 1));
            }
            if (!w || !h || *w < 1 || *h < 1 || *w > 16384 || *h > 16384)
                return fail(fmt::format(
                    "--size needs WxH with W and H in 1..16384 (e.g. 1280x800), got '{}'", *v));
            f.width = *w;
            f.height = *h;
        } else {
            return fail(fmt::format("unknown argument '{}'", arg));
        }
    }
    return out;
}

std::string usage(std::string_view program) {
    return fmt::format(
        "usage: {} [flags] [-- app arguments]\n"
        "  --frames N          draw N frames back to back, then exit\n"
        "  --seconds S         run normally (redraw on demand) and exit after S seconds\n"
        "  --screenshot PATH   write a PNG of the last frame drawn\n"
        "  --size WxH          window size (default: the app's, e.g. 1280x800)\n"
        "  --stats             at exit print frame count, frame times (mean, max, p50, p99)\n"
        "                      and cache totals (loads, hits, entries, bytes) on one line\n"
        "  --help              print this help and exit\n"
        "Without a display, run under a virtual one:\n"
        "  xvfb-run -a -s \"-screen 0 1920x1080x24\" {} --frames 5 --screenshot out.png\n",
        program, program);
}

} // namespace imlit::detail
