// imlit internal — the command-line flags every app understands (see include/imlit/app.hpp).
#pragma once

#include <string>
#include <string_view>

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
    std::string error; // non-empty: the flags were bad; the message names the flag
};

// Parse argv[1..argc). Never throws; a bad flag gives FlagParse::error.
FlagParse parse_flags(int argc, const char* const* argv);

// The usage text printed by --help and after a bad flag.
std::string usage(std::string_view program);

} // namespace imlit::detail
