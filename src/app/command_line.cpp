// imlit internal — command-line flags (see command_line.hpp).
//
// Index
//   [SECTION] Values
//   [SECTION] parse_flags
//   [SECTION] usage
//   [SECTION] app_args, app_flag
#include "app/command_line.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include <fmt/format.h>

namespace imlit::detail {
namespace {

// [SECTION] Values -------------------------------------------------------------------------

constexpr int kMaxWindowSide = 16384;

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
    if (i + 1 >= argc || argv[i + 1] == nullptr) return std::nullopt;
    return std::string_view(argv[++i]);
}

// imlit's own flags, for usage() and for rejecting app declarations that reuse one.
struct OwnFlag {
    std::string_view name, value, help;
};
constexpr OwnFlag kOwnFlags[] = {
    {"--frames", "N", "draw N frames back to back, then exit"},
    {"--seconds", "S", "run normally (redraw on demand) and exit after S seconds"},
    {"--screenshot", "PATH", "write a PNG of the last frame drawn"},
    {"--size", "WxH", "window size (default: the app's, e.g. 1280x800, shrunk to fit the screen)"},
    {"--stats", "", "at exit print frames, frame times (mean/max/p50/p99), cache totals"},
    {"--help", "", "print this help and exit"},
};

// Empty when `f` is a good declaration; else why not.
std::string check_declaration(const AppFlag& f) {
    const std::string_view n = f.name;
    const bool long_form = n.size() > 2 && n.starts_with("--");
    const bool short_form = n.size() == 2 && n[0] == '-' && n[1] != '-';
    if (!long_form && !short_form)
        return fmt::format("AppOptions.flags: '{}' is not a flag name (write \"--name\" or \"-n\")",
                           n);
    const bool chars_ok = std::all_of(n.begin() + 1, n.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
               ch == '-' || ch == '_';
    });
    if (!chars_ok)
        return fmt::format("AppOptions.flags: '{}' may hold only letters, digits, '-' and '_'", n);
    if (n == "-h" || std::any_of(std::begin(kOwnFlags), std::end(kOwnFlags),
                                 [&](const OwnFlag& o) { return o.name == n; }))
        return fmt::format("AppOptions.flags: '{}' is one of imlit's own flags", n);
    return {};
}

} // namespace

// [SECTION] parse_flags --------------------------------------------------------------------

FlagParse parse_flags(int argc, const char* const* argv, std::span<const AppFlag> app_flags) {
    FlagParse out;
    RunFlags& f = out.flags;
    auto fail = [&](std::string message) {
        out.error = std::move(message);
        return out;
    };
    for (std::size_t k = 0; k < app_flags.size(); ++k) {
        if (std::string why = check_declaration(app_flags[k]); !why.empty())
            return fail(std::move(why));
        for (std::size_t j = 0; j < k; ++j)
            if (app_flags[j].name == app_flags[k].name)
                return fail(
                    fmt::format("AppOptions.flags: '{}' is declared twice", app_flags[k].name));
    }
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i] != nullptr ? argv[i] : "";
        if (arg == "--") { // everything after it belongs to the app
            for (int j = i + 1; j < argc; ++j)
                out.app_args.emplace_back(argv[j] != nullptr ? argv[j] : "");
            break;
        }
        if (arg.empty() || arg[0] != '-' || arg == "-") { // positional ("-": stdin, by custom)
            out.app_args.emplace_back(arg);
            continue;
        }
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
            if (!w || !h || *w < 1 || *h < 1 || *w > kMaxWindowSide || *h > kMaxWindowSide)
                return fail(fmt::format("--size needs WxH with W and H in 1..{} (e.g. 1280x800), "
                                        "got '{}'",
                                        kMaxWindowSide, *v));
            f.width = *w;
            f.height = *h;
        } else if (auto it = std::find_if(app_flags.begin(), app_flags.end(),
                                          [&](const AppFlag& a) { return a.name == name; });
                   it != app_flags.end()) {
            if (it->value.empty()) {
                if (has_inline) return fail(fmt::format("{} takes no value", name));
                out.app_flags.emplace_back(it->name, std::string());
            } else {
                auto v = take_value(arg, name, argc, argv, i);
                if (!v) return fail(fmt::format("{} needs a value: {} {}", name, name, it->value));
                if (it->check)
                    if (std::string why = it->check(*v); !why.empty())
                        return fail(fmt::format("{}: {}", name, why));
                out.app_flags.emplace_back(it->name, std::string(*v));
            }
        } else {
            return fail(fmt::format("unknown flag '{}' (arguments for the app that start with "
                                    "'-' go after '--')",
                                    arg));
        }
    }
    return out;
}

// [SECTION] usage --------------------------------------------------------------------------

std::string usage(std::string_view program, const AppOptions& options) {
    // The usage line and the app's section use the program's name; the xvfb-run hint, the path
    // that runs it.
    const std::string_view name = program.substr(program.find_last_of('/') + 1);
    constexpr std::size_t kMinColumn = 20; // where the help text starts
    std::size_t column = kMinColumn;
    auto spelled = [](std::string_view name, std::string_view value) {
        return value.empty() ? std::string(name) : fmt::format("{} {}", name, value);
    };
    for (const AppFlag& f : options.flags)
        column = std::max(column, spelled(f.name, f.value).size() + 2);
    std::string out = fmt::format(
        "usage: {} {}\n", name,
        options.usage.empty() ? std::string_view("[flags] [-- app arguments]") : options.usage);
    out += "imlit flags:\n";
    for (const OwnFlag& f : kOwnFlags)
        out += fmt::format("  {:<{}}{}\n", spelled(f.name, f.value), column, f.help);
    if (!options.flags.empty()) {
        out += fmt::format("{} flags:\n", name);
        for (const AppFlag& f : options.flags)
            out += fmt::format("  {:<{}}{}\n", spelled(f.name, f.value), column, f.help);
    }
    out += fmt::format("Without a display, run under a virtual one:\n"
                       "  xvfb-run -a -s \"-screen 0 1920x1080x24\" {} --frames 5 --screenshot "
                       "out.png\n",
                       program);
    return out;
}

// [SECTION] app_args, app_flag -------------------------------------------------------------
// Written once by run() before the first frame (on the main thread, before any loader of the
// app starts); read-only afterwards, so no lock.

namespace {
struct AppCommandLine {
    std::vector<std::string> args;
    std::vector<std::pair<std::string, std::string>> flags;
};
AppCommandLine& app_command_line() {
    static AppCommandLine line;
    return line;
}
} // namespace

void set_app_command_line(std::vector<std::string> args,
                          std::vector<std::pair<std::string, std::string>> flags) {
    app_command_line() = {std::move(args), std::move(flags)};
}

} // namespace imlit::detail

const std::vector<std::string>& imlit::app_args() {
    return detail::app_command_line().args;
}

std::optional<std::string> imlit::app_flag(std::string_view name) {
    const auto& flags = detail::app_command_line().flags;
    for (auto it = flags.rbegin(); it != flags.rend(); ++it)
        if (it->first == name) return it->second;
    return std::nullopt;
}
