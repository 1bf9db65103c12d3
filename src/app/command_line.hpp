// imlit internal — the command line of an app (see include/imlit/app.hpp): imlit's own flags,
// the flags the app declared in AppOptions::flags, and the arguments left to the app.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "imlit/app.hpp"

namespace imlit::detail {

struct RunFlags {
    int frames = 0;         // --frames N; 0: not given (run until closed)
    double seconds = 0;     // --seconds S; 0: not given
    std::string screenshot; // --screenshot PATH; empty: none
    int width = 0;          // --size WxH; 0: not given
    int height = 0;
    bool stats = false; // --stats
    bool help = false;  // --help
};

struct FlagParse {
    RunFlags flags;
    std::vector<std::string> app_args; // positional arguments and everything after "--"
    std::vector<std::pair<std::string, std::string>> app_flags; // declared flags given, in
                                                                // order: (name, value or "")
    std::string error; // non-empty: the command line was bad; the message names the flag
};

// Parse argv[1..argc). Never throws; a bad flag (or a bad declaration in `app_flags`) gives
// FlagParse::error.
FlagParse parse_flags(int argc, const char* const* argv, std::span<const AppFlag> app_flags = {});

// The text printed by --help and after a bad flag: the usage line, imlit's flags, then the
// app's own flags.
std::string usage(std::string_view program, const AppOptions& options = {});

// The app's arguments and flags, kept for imlit::app_args() / imlit::app_flag() (run() sets
// them before the first frame).
void set_app_command_line(std::vector<std::string> args,
                          std::vector<std::pair<std::string, std::string>> flags);

} // namespace imlit::detail
