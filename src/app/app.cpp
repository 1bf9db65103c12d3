// imlit — the app runner: GLFW window, OpenGL 3.3 core through glad, Dear ImGui GLFW + OpenGL3
// backends, the on-demand frame loop, screenshots and stats (see include/imlit/app.hpp).
//
// Index
//   [SECTION] Errors and messages
//   [SECTION] Input tracking and wake-up
//   [SECTION] Window, GL and Dear ImGui setup
//   [SECTION] Screenshot
//   [SECTION] Frame loop
//   [SECTION] run()
#include "imlit/app.hpp"
#include "imlit/cache.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <glad/gl.h>
// glad provides the GL declarations; GLFW must not include the system GL header.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <fmt/format.h>
#include <imgui.h>
#include <stb_image_write.h>

#include "app/command_line.hpp"
#include "ui/draw_limits.hpp"
#include "ui/fonts.hpp"
#include "ui/seam.hpp"
#include "ui/texture.hpp"

namespace imlit {
namespace {

using Clock = std::chrono::steady_clock;
using Seconds = std::chrono::duration<double>;

// [SECTION] Errors and messages ----------------------------------------------------------------

// The last GLFW error, for the message when the window cannot be made. GLFW calls this on the
// thread that caused the error; setup runs on the main thread only.
std::string g_glfw_error;
void on_glfw_error(int code, const char* description) {
    g_glfw_error = fmt::format("{} (GLFW error 0x{:x})", description ? description : "?", code);
}

void print_no_window(const char* program, std::string_view what) {
    const bool no_display = std::getenv("DISPLAY") == nullptr || *std::getenv("DISPLAY") == '\0';
    std::fprintf(stderr,
                 "imlit: %.*s: %s\n"
                 "%s"
                 "To run without a display, use a virtual one with OpenGL 3.3 (Mesa):\n"
                 "  xvfb-run -a -s \"-screen 0 1920x1080x24\" %s --frames 5 --screenshot out.png\n",
                 static_cast<int>(what.size()), what.data(),
                 g_glfw_error.empty() ? "unknown error" : g_glfw_error.c_str(),
                 no_display ? "DISPLAY is not set: there is no display to open a window on.\n" : "",
                 program);
}

// [SECTION] Input tracking and wake-up ---------------------------------------------------------
// Our GLFW callbacks only note that something happened; Dear ImGui's backend (installed after
// them, so it chains to them) feeds the events to Dear ImGui. Callbacks run on the main thread
// inside glfwPollEvents/glfwWaitEvents.

bool g_input = false;

void note_input() {
    g_input = true;
}
void on_cursor_pos(GLFWwindow*, double, double) {
    note_input();
}
void on_mouse_button(GLFWwindow*, int, int, int) {
    note_input();
}
void on_scroll(GLFWwindow*, double, double) {
    note_input();
}
void on_key(GLFWwindow*, int, int, int, int) {
    note_input();
}
void on_char(GLFWwindow*, unsigned int) {
    note_input();
}
void on_focus(GLFWwindow*, int) {
    note_input();
}
void on_cursor_enter(GLFWwindow*, int) {
    note_input();
}
void on_framebuffer_size(GLFWwindow*, int, int) {
    note_input();
}
void on_refresh(GLFWwindow*) {
    note_input();
}
void on_drop(GLFWwindow*, int, const char**) {
    note_input();
}

// Installed as the redraw waker: request_redraw() from any thread ends glfwWaitEvents.
void wake_frame_loop() {
    glfwPostEmptyEvent();
}

void install_input_callbacks(GLFWwindow* w) {
    glfwSetCursorPosCallback(w, on_cursor_pos);
    glfwSetMouseButtonCallback(w, on_mouse_button);
    glfwSetScrollCallback(w, on_scroll);
    glfwSetKeyCallback(w, on_key);
    glfwSetCharCallback(w, on_char);
    glfwSetWindowFocusCallback(w, on_focus);
    glfwSetCursorEnterCallback(w, on_cursor_enter);
    glfwSetFramebufferSizeCallback(w, on_framebuffer_size);
    glfwSetWindowRefreshCallback(w, on_refresh);
    glfwSetDropCallback(w, on_drop);
}

// [SECTION] Window, GL and Dear ImGui setup ----------------------------------------------------

// OpenGL backend for imlit::Texture: uploads on first draw and deletes on the UI thread.
ImTextureID gl_upload_texture(const detail::TextureData& t) {
    GLuint id = 0;
    glGenTextures(1, &id);
    if (id == 0) return nullptr;
    GLint previous = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
    glBindTexture(GL_TEXTURE_2D, id);
    // Mipmapped: an image drawn smaller than its pixels (a photo as a thumbnail) is filtered
    // from the nearest level (bilinear within it) instead of skipping texels (aliasing,
    // shimmer). Blending two levels (LINEAR_MIPMAP_LINEAR) looks the same for a still image
    // and costs a software renderer ~20% more per frame (the image viewer: 24 vs 28 ms).
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, t.width, t.height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                 t.rgba.data());
    // The chain Texture::gpu_byte_size() counts, made off the UI thread (TextureData::mips;
    // every Texture is made with it).
    std::size_t offset = 0;
    int level = 1;
    for (; offset < t.mips.size(); ++level) {
        const int w = detail::mip_extent(t.width, level), h = detail::mip_extent(t.height, level);
        glTexImage2D(GL_TEXTURE_2D, level, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                     t.mips.data() + offset);
        offset += std::size_t(w) * std::size_t(h) * 4u;
    }
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, level - 1);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previous));
    return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(id));
}

void gl_destroy_texture(ImTextureID texture) {
    const auto id = static_cast<GLuint>(reinterpret_cast<std::uintptr_t>(texture));
    glDeleteTextures(1, &id);
}

const detail::TextureBackend kGlTextures{&gl_upload_texture, &gl_destroy_texture};

// How long a closing app waits for cancelled loaders to return (run() returns within 200 ms
// of the window closing).
constexpr std::chrono::milliseconds kExitLoadDeadline{50};

// Wait until no cache load is in flight, or `deadline` has passed.
void wait_for_loads(std::chrono::milliseconds deadline) {
    const auto until = Clock::now() + deadline;
    for (auto now = Clock::now(); detail::work_in_flight() > 0 && now < until; now = Clock::now())
        detail::wait_for_redraw( // a finishing load requests a redraw
            detail::redraw_generation(),
            std::chrono::duration_cast<std::chrono::milliseconds>(until - now) +
                std::chrono::milliseconds(1));
}

// Owns everything run() creates, torn down in reverse order whatever happens.
struct Runtime {
    bool glfw = false;
    GLFWwindow* window = nullptr;
    bool imgui_context = false;
    bool imgui_glfw = false;
    bool imgui_gl = false;
    std::unique_ptr<ImFontAtlas> atlas; // imlit's fonts, shared with (not owned by) the context
    std::shared_ptr<detail::Session> session;

    ~Runtime() {
        detail::set_redraw_waker(nullptr); // no glfwPostEmptyEvent after glfwTerminate
        if (session) {
            // The window is closed: its loads are cancelled and its waiting ones dropped, and
            // running loaders get a short while to notice cancelled() and return. One that
            // does not is left running (detached); nothing waits for it.
            session->end(); // also frees Scope::session caches
            wait_for_loads(kExitLoadDeadline);
            session.reset();
            flush_disk_writes(); // Persist::disk entries of the last frames reach the disk
        }
        if (window != nullptr && imgui_context) {
            // Cached resources may own GL objects (textures): release them while the context
            // is still current; on_release and GL deletions run as UI-thread tasks.
            try {
                clear_resource_caches();
                detail::drain_ui_thread_tasks();
            } catch (const std::exception& e) {
                std::fprintf(stderr, "imlit: while shutting down: %s\n", e.what());
            }
        }
        detail::set_texture_backend(nullptr); // deletions after this must not touch GL
        if (imgui_gl) ImGui_ImplOpenGL3_Shutdown();
        if (imgui_glfw) ImGui_ImplGlfw_Shutdown();
        if (imgui_context) {
            detail::set_fonts(detail::Fonts{}); // a later context at this address must not see them
            ImGui::DestroyContext();
        }
        if (window != nullptr) glfwDestroyWindow(window);
        if (glfw) glfwTerminate();
        glfwSetErrorCallback(nullptr);
    }
};

// Content scales outside this range are treated as their bound (fonts and sizes stay usable).
constexpr float kMinScale = 0.5f, kMaxScale = 4.0f;

// The primary monitor's content scale (1 when there is none), clamped like the window's.
float primary_monitor_scale() {
    float sx = 1, sy = 1;
    if (GLFWmonitor* monitor = glfwGetPrimaryMonitor())
        glfwGetMonitorContentScale(monitor, &sx, &sy);
    return std::clamp(sx, kMinScale, kMaxScale);
}

// `width` x `height` shrunk where needed to fit the primary monitor's work area (the screen
// less panels and docks), so a default chosen for a big monitor still opens whole on a small
// one. With GLFW_SCALE_TO_MONITOR the size asked for is multiplied by the content scale, so
// the bound is divided by it. No monitor: as asked.
std::pair<int, int> fit_to_work_area(int width, int height, float scale) {
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    if (monitor == nullptr) return {width, height};
    int x = 0, y = 0, area_w = 0, area_h = 0;
    glfwGetMonitorWorkarea(monitor, &x, &y, &area_w, &area_h);
    if (area_w <= 0 || area_h <= 0) return {width, height};
    const int max_w = std::max(1, static_cast<int>(static_cast<float>(area_w) / scale));
    const int max_h = std::max(1, static_cast<int>(static_cast<float>(area_h) / scale));
    return {std::min(width, max_w), std::min(height, max_h)};
}

void apply_style(const AppOptions& options, float scale) {
    ImGuiStyle& style = ImGui::GetStyle();
    if (options.theme == Theme::light)
        ImGui::StyleColorsLight(&style);
    else
        ImGui::StyleColorsDark(&style);
    // A page, not a desktop of floating windows: no window chrome, softer frames, more air.
    style.WindowRounding = 0;
    style.WindowBorderSize = 0;
    style.FrameRounding = 4;
    style.GrabRounding = 4;
    style.PopupRounding = 4;
    style.ChildRounding = 4;
    style.TabRounding = 4;
    style.ScrollbarRounding = 6;
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(10, 8);
    style.ItemInnerSpacing = ImVec2(6, 4);
    style.ScaleAllSizes(scale);
}

// [SECTION] Screenshot -----------------------------------------------------------------------

// Write `bytes` to `path`, checking every step (open, write, flush, close). Returns an error
// message ("cannot write: No space left on device"), empty on success.
std::string write_file(const std::string& path, const std::string& bytes) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) return fmt::format("cannot write: {}", std::strerror(errno));
    const bool wrote = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    const int write_errno = errno;
    const bool flushed = wrote && std::fflush(f) == 0;
    const int flush_errno = errno;
    const bool closed = std::fclose(f) == 0;
    if (!wrote) return fmt::format("cannot write: {}", std::strerror(write_errno));
    if (!flushed) return fmt::format("cannot write: {}", std::strerror(flush_errno));
    if (!closed) return fmt::format("cannot write: {}", std::strerror(errno));
    return {};
}

// Read the back buffer (the frame just rendered, before it is presented) and write it as an
// RGB PNG, top row first. Returns an error message, empty on success.
std::string write_screenshot(const std::string& path, int width, int height) {
    if (width <= 0 || height <= 0) return "the window has no pixels (minimised?)";
    const std::size_t row = static_cast<std::size_t>(width) * 3;
    std::vector<unsigned char> pixels(row * static_cast<std::size_t>(height));
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    if (GLenum err = glGetError(); err != GL_NO_ERROR)
        return fmt::format("glReadPixels failed (GL error 0x{:x})", err);
    // GL's first row is the bottom one; PNG's is the top one.
    std::vector<unsigned char> flipped(pixels.size());
    for (int y = 0; y < height; ++y)
        std::copy_n(pixels.data() + static_cast<std::size_t>(height - 1 - y) * row, row,
                    flipped.data() + static_cast<std::size_t>(y) * row);
    // Encoded in memory, then written here: stbi_write_png ignores write errors (a full disk,
    // /dev/full) and would report success.
    std::string png;
    const auto append = [](void* out, void* data, int size) {
        static_cast<std::string*>(out)->append(static_cast<const char*>(data),
                                               static_cast<std::size_t>(size));
    };
    if (stbi_write_png_to_func(append, &png, width, height, 3, flipped.data(),
                               static_cast<int>(row)) == 0)
        return "cannot encode the PNG";
    return write_file(path, png);
}

// [SECTION] Frame loop -----------------------------------------------------------------------

// Frame times for --stats: building, rendering and presenting (swap) a frame. The first
// frame (GL, font and page setup) is counted in `frames` only.
struct FrameStats {
    long frames = 0;
    std::vector<double> times; // seconds, every frame but the first

    double mean() const {
        double sum = 0;
        for (double t : times)
            sum += t;
        return times.empty() ? 0 : sum / static_cast<double>(times.size());
    }
    // Nearest-rank percentile (q in (0, 1]); 0 with no frames.
    double percentile(double q) const {
        if (times.empty()) return 0;
        std::vector<double> sorted = times;
        std::sort(sorted.begin(), sorted.end());
        const auto rank =
            static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
        return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
    }
};

class FrameLoop {
public:
    FrameLoop(Runtime& rt, const AppOptions& options, const detail::RunFlags& flags,
              const std::function<void()>& frame)
        : rt_(rt), options_(options), flags_(flags), frame_(frame) {}

    // Runs until the window closes or --frames/--seconds says stop. Returns the exit code.
    int run() {
        start_ = Clock::now();
        // --seconds past what the clock can hold from now (~292 years of nanoseconds; 1e10)
        // saturates to no deadline: converting it would overflow and end the run at once.
        const Seconds room = Clock::time_point::max() - start_;
        const bool has_deadline = flags_.seconds > 0 && Seconds(flags_.seconds) < room / 2;
        const Clock::time_point deadline =
            has_deadline
                ? start_ + std::chrono::duration_cast<Clock::duration>(Seconds(flags_.seconds))
                : Clock::time_point::max();
        settle_ = std::max(1, options_.settle_frames);
        g_input = false;

        while (!glfwWindowShouldClose(rt_.window)) {
            if (flags_.frames > 0) {
                // Back to back, no waiting: a fixed number of frames for tests and screenshots.
                if (has_deadline && Clock::now() >= deadline) break;
                glfwPollEvents();
                const bool last = stats_.frames + 1 >= flags_.frames;
                if (int rc = draw(last && !flags_.screenshot.empty()); rc != 0) return rc;
                if (last) return 0;
                continue;
            }
            if (has_deadline && Clock::now() >= deadline) break;
            if (!wants_frame() || glfwGetWindowAttrib(rt_.window, GLFW_ICONIFIED) == GLFW_TRUE) {
                // Idle (or minimised: nothing to see): block until an event, a request_redraw(),
                // or the deadline.
                if (has_deadline)
                    glfwWaitEventsTimeout(std::max(1e-3, Seconds(deadline - Clock::now()).count()));
                else
                    glfwWaitEvents();
                take_input();
                continue;
            }
            pace();
            glfwPollEvents();
            take_input();
            if (has_deadline && Clock::now() >= deadline) break;
            if (int rc = draw(false); rc != 0) return rc;
        }
        // The screenshot is of the last frame drawn: draw it now, capturing.
        if (!flags_.screenshot.empty()) return draw(true);
        return 0;
    }

    void print_stats() const {
        const double wall = Seconds(Clock::now() - start_).count();
        const CacheStats cache = cache_stats().total;
        constexpr double kMs = 1e3;
        std::printf("imlit stats: frames=%ld wall=%.3fs mean_frame=%.3fms max_frame=%.3fms "
                    "p50_frame=%.3fms p99_frame=%.3fms loads=%llu hits=%llu entries=%zu "
                    "bytes=%zu\n",
                    stats_.frames, wall, stats_.mean() * kMs, stats_.percentile(1.0) * kMs,
                    stats_.percentile(0.50) * kMs, stats_.percentile(0.99) * kMs,
                    static_cast<unsigned long long>(cache.loads),
                    static_cast<unsigned long long>(cache.hits), cache.entries, cache.bytes);
        std::fflush(stdout);
    }

private:
    bool wants_frame() const {
        return settle_ > 0 || g_input || detail::redraw_generation() != seen_generation_;
    }

    void take_input() {
        if (g_input) {
            g_input = false;
            settle_ = std::max(settle_, options_.settle_frames);
        }
    }

    // Continuous redraws are capped at max_fps, and frames asked for by animations alone (a
    // pending load's spinner) at animation_fps; as soon as something else asks (input, a
    // finished load), the cap is max_fps again. Events that arrive meanwhile are processed, so
    // input stays responsive.
    void pace() {
        if (stats_.frames == 0) return;
        for (auto now = Clock::now();; now = Clock::now()) {
            int fps = options_.max_fps; // 0: no cap
            const int animation = options_.animation_fps;
            if (animation > 0 && (fps <= 0 || animation < fps) && animation_only()) fps = animation;
            if (fps <= 0) return;
            const auto next =
                last_frame_start_ + std::chrono::duration_cast<Clock::duration>(Seconds(1.0 / fps));
            if (now >= next) return;
            glfwWaitEventsTimeout(std::max(1e-4, Seconds(next - now).count()));
            take_input();
        }
    }

    // Every redraw request since the last frame began was an animation's, and no input came.
    bool animation_only() const {
        if (settle_ > 0 || g_input) return false;
        const std::uint64_t animations = detail::animation_generation() - seen_animation_;
        const std::uint64_t requests = detail::redraw_generation() - seen_generation_;
        return requests <= animations;
    }

    int draw(bool capture) {
        last_frame_start_ = Clock::now();
        // Requests made from here on (by this frame or by workers) ask for another frame.
        seen_animation_ = detail::animation_generation(); // (read first: see animation_only)
        seen_generation_ = detail::redraw_generation();
        if (settle_ > 0) --settle_;

        build_frame();
        // The frame used a font not built yet (drawn in a stand-in): build it and draw the
        // frame again before showing it. Bounded: each pass builds every font it asked for.
        for (int pass = 0; pass < kMaxFontPasses && detail::build_wanted_fonts() != 0; ++pass) {
            ImGui_ImplOpenGL3_DestroyFontsTexture(); // draw commands name the texture: upload
            ImGui_ImplOpenGL3_CreateFontsTexture();  // the new atlas before drawing again
            build_frame();
        }

        int fb_width = 0, fb_height = 0;
        glfwGetFramebufferSize(rt_.window, &fb_width, &fb_height);
        glViewport(0, 0, fb_width, fb_height);
        const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
        glClearColor(bg.x, bg.y, bg.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

        std::string capture_error;
        if (capture) capture_error = write_screenshot(flags_.screenshot, fb_width, fb_height);

        glfwSwapBuffers(rt_.window);
        if (stats_.frames > 0 && !capture) // the screenshot's read-back is not frame time
            stats_.times.push_back(Seconds(Clock::now() - last_frame_start_).count());
        ++stats_.frames;

        if (capture) {
            if (!capture_error.empty()) {
                std::fprintf(stderr, "imlit: --screenshot %s: %s\n", flags_.screenshot.c_str(),
                             capture_error.c_str());
                return 1;
            }
            std::printf("imlit: screenshot (%dx%d) written to %s\n", fb_width, fb_height,
                        flags_.screenshot.c_str());
            std::fflush(stdout);
        }
        return 0;
    }

    static constexpr int kMaxFontPasses = 2;

    // One frame's draw data.
    void build_frame() {
        ImGui_ImplOpenGL3_NewFrame(); // first time: uploads the font atlas
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        rt_.session->run_frame(frame_);
        ImGui::EndFrame();
        for (const std::string& message : detail::replace_overflowing_draw_lists())
            if (reported_overflow_.insert(message).second)
                std::fprintf(stderr, "%s\n", message.c_str());
        ImGui::Render();
    }

    Runtime& rt_;
    const AppOptions& options_;
    const detail::RunFlags& flags_;
    const std::function<void()>& frame_;
    Clock::time_point start_{};
    Clock::time_point last_frame_start_{};
    std::uint64_t seen_generation_ = ~std::uint64_t{0};
    std::uint64_t seen_animation_ = 0;
    int settle_ = 0;
    std::set<std::string> reported_overflow_; // draw-list overflow messages printed once
    FrameStats stats_;
};

} // namespace

// [SECTION] run() ------------------------------------------------------------------------------

int run(int argc, char** argv, AppOptions options, std::function<void()> frame) {
    const char* program = argc > 0 && argv != nullptr && argv[0] != nullptr ? argv[0] : "app";
    detail::FlagParse parsed = detail::parse_flags(argc, argv, options.flags);
    if (!parsed.error.empty()) {
        std::fprintf(stderr, "imlit: %s\n%s", parsed.error.c_str(),
                     detail::usage(program, options).c_str());
        return 2;
    }
    const detail::RunFlags& flags = parsed.flags;
    if (flags.help) {
        std::fputs(detail::usage(program, options).c_str(), stdout);
        return 0;
    }
    detail::set_app_command_line(std::move(parsed.app_args), std::move(parsed.app_flags));
    if (!options.cache_dir.empty()) set_cache_dir(options.cache_dir);
    if (!frame) {
        std::fprintf(stderr, "imlit::run: the frame function is empty\n");
        return 2;
    }
    if (flags.width > 0) {
        options.width = flags.width;
        options.height = flags.height;
    }

    Runtime rt;
    g_glfw_error.clear();
    glfwSetErrorCallback(on_glfw_error);
    if (glfwInit() != GLFW_TRUE) {
        print_no_window(program, "cannot initialise GLFW");
        return 1;
    }
    rt.glfw = true;
    // Build the body and title fonts on a worker while the window and OpenGL start (the longest
    // part of the start-up; nearly every page starts with a title, which otherwise costs the
    // first frame a rebuild); the others are built when a frame first uses them (ui/fonts.hpp). The
    // window opens on the primary monitor, so its content scale is predicted from that
    // monitor's (checked below).
    constexpr detail::FontMask kFirstFonts =
        detail::font_bit(detail::FontId::regular) | detail::font_bit(detail::FontId::large);
    std::optional<detail::FontAtlasBuild> font_build;
    if (options.font_size > 0)
        font_build.emplace(options.font_size * primary_monitor_scale(), kFirstFonts);

    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, flags.width > 0 ? GLFW_FALSE : GLFW_TRUE);
    // --size is taken as given (tests and screenshots want exact pixels); the options' size is
    // fitted to the screen.
    std::pair window{std::max(1, options.width), std::max(1, options.height)};
    if (flags.width == 0)
        window = fit_to_work_area(window.first, window.second, primary_monitor_scale());
    rt.window =
        glfwCreateWindow(window.first, window.second, options.title.c_str(), nullptr, nullptr);
    if (rt.window == nullptr) {
        print_no_window(program, "cannot open a window with OpenGL 3.3 core");
        return 1;
    }
    glfwMakeContextCurrent(rt.window);
    const int gl_version = gladLoadGL(glfwGetProcAddress);
    if (gl_version == 0 || GLAD_VERSION_MAJOR(gl_version) < 3 ||
        (GLAD_VERSION_MAJOR(gl_version) == 3 && GLAD_VERSION_MINOR(gl_version) < 3)) {
        g_glfw_error = gl_version == 0 ? "glad could not load the OpenGL functions"
                                       : fmt::format("the context is OpenGL {}.{}",
                                                     GLAD_VERSION_MAJOR(gl_version),
                                                     GLAD_VERSION_MINOR(gl_version));
        print_no_window(program, "OpenGL 3.3 core is not available");
        return 1;
    }
    glfwSwapInterval(options.vsync && flags.frames == 0 ? 1 : 0);
    install_input_callbacks(rt.window); // before the backend, which chains to them

    float scale_x = 1, scale_y = 1;
    glfwGetWindowContentScale(rt.window, &scale_x, &scale_y);
    const float scale = std::clamp(scale_x, kMinScale, kMaxScale);
    detail::Fonts fonts;
    if (font_build) {
        rt.atlas = font_build->take(fonts);
        if (font_build->pixel_size() != options.font_size * scale) {
            // The window landed on a monitor with another scale: build at the right size here.
            rt.atlas = std::make_unique<ImFontAtlas>();
            fonts = detail::add_fonts(*rt.atlas, options.font_size * scale, kFirstFonts);
        }
    }

    IMGUI_CHECKVERSION();
    ImGui::CreateContext(rt.atlas.get()); // null: Dear ImGui's own atlas and built-in font
    rt.imgui_context = true;
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;              // the page is laid out by imlit; nothing to remember
    io.ConfigInputTextCursorBlink = false; // a blinking caret would need frames while idle
    if (rt.atlas) detail::set_lazy_fonts(fonts);
    apply_style(options, scale);

    if (!ImGui_ImplGlfw_InitForOpenGL(rt.window, true)) {
        std::fprintf(stderr, "imlit: the Dear ImGui GLFW backend failed to start\n");
        return 1;
    }
    rt.imgui_glfw = true;
    if (!ImGui_ImplOpenGL3_Init("#version 330 core")) {
        std::fprintf(stderr, "imlit: the Dear ImGui OpenGL3 backend failed to start\n");
        return 1;
    }
    rt.imgui_gl = true;
    detail::set_texture_backend(&kGlTextures);

    rt.session = detail::Session::create();
    detail::set_redraw_waker(&wake_frame_loop);

    FrameLoop loop(rt, options, flags, frame);
    const int rc = loop.run();
    if (flags.stats) loop.print_stats();
    return rc;
}

} // namespace imlit
