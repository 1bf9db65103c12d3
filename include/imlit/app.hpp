// imlit — the app runner: one native window whose page is drawn by your frame function.
//
//   int main(int argc, char** argv) {
//       return imlit::run(argc, argv, {.title = "Data"}, [] { imlit::title("Hello"); });
//   }
//
// The frame function runs once per frame and fills the window as one page. Frames are
// drawn on demand: with no input, no animation and no pending work the loop blocks and draws
// nothing; imlit::request_redraw() (any thread) wakes it.
//
// Every app understands these command-line flags (parsed by run()):
//   --frames N          draw N frames back to back, then exit
//   --seconds S         run normally (on-demand redraw included) and exit after S seconds
//                       (S beyond the clock's range, over ~146 years: no time limit)
//   --screenshot PATH   write a PNG of the last frame drawn; a write error (full disk, missing
//                       folder) is printed and run() returns 1
//   --size WxH          window size in screen coordinates (overrides width/height)
//   --stats             at exit print one line of key=value pairs:
//                       "imlit stats: frames=3 wall=3.001s mean_frame=1.234ms max_frame=2.345ms
//                        p50_frame=1.200ms p99_frame=2.300ms loads=12 hits=3456 entries=12
//                        bytes=1048576"
//                       frames: frames drawn; wall: seconds from the first frame to exit;
//                       *_frame: frame time (building, rendering and presenting a frame,
//                       the swap included) over every frame but the first (GL and font
//                       setup), p50/p99 nearest-rank percentiles, max the slowest; loads,
//                       hits, entries, bytes: the totals of imlit::cache_stats() at exit
//   --help              print this list (then the app's own flags) and exit 0
//   --                  ends imlit's flags; everything after it is left to the app
// Arguments that do not start with '-' are left to the app too (imlit::app_args()), and an app
// declares flags of its own in AppOptions::flags (read with imlit::app_flag()):
//   ./model_loader --epochs 40 "great movie"   // app flag --epochs, app argument "great movie"
// An undeclared flag prints an error and the usage and returns 2.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace imlit {

enum class Theme {
    dark,  // Dear ImGui's dark colours
    light, // Dear ImGui's light colours
};

// A command-line flag of the app's own: ./app --epochs 40, ./app --epochs=40, ./app --fast.
struct AppFlag {
    std::string name;       // "--epochs" (or "-e"): letters, digits, '-' and '_'; not imlit's own
    std::string value = {}; // the value's name in --help ("N", "PATH"); "": a switch, no value
    std::string help = {};  // one line for --help
    // Flags with a value: "" when the value is fine, else what is wrong with it (run() prints
    // "imlit: --epochs: <that>" and the usage, and returns 2 before opening a window).
    // Empty (default): any value.
    std::function<std::string(std::string_view value)> check = {};
};

// Window and frame-loop settings. Fields are in this order so C++20 designated
// initializers work: imlit::run(argc, argv, {.title = "Data", .width = 1024}, frame).
struct AppOptions {
    std::string title = "imlit";     // window title
    int width = 1280;                // window width in screen coordinates (--size overrides);
                                     // shrunk to fit the primary monitor's work area (--size
                                     // is not)
    int height = 800;                // window height, likewise
    float font_size = 16;            // body text size in pixels at content scale 1 (scaled by the
                                     // monitor's content scale; headings are multiples of it)
    Theme theme = Theme::dark;       // colour theme
    bool vsync = true;               // wait for the display's vertical blank when presenting
    int max_fps = 60;                // cap while something keeps requesting frames (a spinner, a
                                     // running load); 0: no cap. --frames ignores it.
    int animation_fps = 30;          // lower cap while nothing but animations (spinners of
                                     // pending loads) asks for frames, so a busy machine's cores
                                     // go to the loads being waited for; input and finished
                                     // loads still draw at once (up to max_fps). 0: max_fps.
    int settle_frames = 3;           // frames drawn after each input event (and at startup), so
                                     // Dear ImGui's layout and hover state settle
    std::string usage = {};          // --help's usage line after the program name, e.g.
                                     // "[flags] [TEXT]"; "": "[flags] [-- app arguments]"
    std::vector<AppFlag> flags = {}; // the app's own flags, listed by --help after imlit's
    std::string cache_dir = {};      // where Persist::disk entries live; "": IMLIT_CACHE_DIR, else
                                     // $XDG_CACHE_HOME/imlit/<app>/ (see imlit::set_cache_dir)
};

// Open a window, run `frame` once per frame until the window is closed (or --frames/--seconds
// says stop), then shut down cleanly. Returns the process exit code: 0 on success, 1 when no
// window can be opened (no display, no OpenGL 3.3: the message on stderr names xvfb-run),
// 2 for bad command-line flags (or a bad AppOptions::flags declaration). Exceptions thrown by
// `frame` are shown in the page as an error, not propagated. Call from the main thread, once at a
// time.
// When the window closes, the cached loads its frames asked for are cancelled (waiting ones
// never start; running ones see imlit::cancelled()), and run() waits at most 50 ms for them
// to return: it never waits for a loader that ignores cancelled() (that one runs on, detached,
// and the process may exit under it).
int run(int argc, char** argv, AppOptions options, std::function<void()> frame);

// The command line left to the app, valid once run() has parsed it (from the frame function
// and its loaders on; empty before, and in AppTest):
// Positional arguments (not starting with '-') and everything after "--", in order.
const std::vector<std::string>& app_args();
// A flag declared in AppOptions::flags: nullopt when not given; "" for a switch that was
// given; otherwise its value (the last one when given more than once).
std::optional<std::string> app_flag(std::string_view name);

} // namespace imlit
