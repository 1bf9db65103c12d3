// imlit::testing::AppTest — headless sessions driving a frame function (see testing.hpp).
//
// Index
//   [SECTION] Process-wide frame lock and shared font atlases
//   [SECTION] Value conversions
//   [SECTION] AppTest::Impl
//   [SECTION] Frames
//   [SECTION] Queries
//   [SECTION] Widget lookup
//   [SECTION] WidgetHandle
#include "imlit/testing.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>
#include <imgui.h>

#include "ui/draw_limits.hpp"
#include "ui/fonts.hpp"
#include "ui/seam.hpp"
#include "ui/session_impl.hpp"
#include "ui/widget_impl.hpp"

namespace imlit::testing {
namespace {

// [SECTION] Process-wide frame lock and shared font atlases ----------------------------------
// Dear ImGui (1.86, as Debian builds it) has one global current-context pointer, so frames of
// different AppTests must not overlap. Every frame (and every context creation/destruction)
// holds this lock and restores the previous current context afterwards. Loaders running on
// cache workers never touch Dear ImGui, so they keep running while a frame holds the lock.
std::mutex& frame_mutex() {
    static std::mutex m;
    return m;
}

// True on a thread while it runs an AppTest frame: running, making or destroying another
// AppTest from inside a frame function would deadlock on the frame lock; it throws instead.
thread_local bool t_in_frame = false;

void check_not_in_frame(const char* what) {
    if (t_in_frame)
        throw std::logic_error(fmt::format(
            "AppTest: {} called from inside a frame function (frames cannot nest)", what));
}

struct InFrame {
    InFrame() { t_in_frame = true; }
    ~InFrame() { t_in_frame = false; }
    InFrame(const InFrame&) = delete;
    InFrame& operator=(const InFrame&) = delete;
};

// Sets the current Dear ImGui context for a scope and restores the previous one.
class CurrentContext {
public:
    explicit CurrentContext(ImGuiContext* ctx) : previous_(ImGui::GetCurrentContext()) {
        ImGui::SetCurrentContext(ctx);
    }
    ~CurrentContext() { ImGui::SetCurrentContext(previous_); }
    CurrentContext(const CurrentContext&) = delete;
    CurrentContext& operator=(const CurrentContext&) = delete;

private:
    ImGuiContext* previous_;
};

// ImGui::CreateContext makes the new context current when none is; keep the caller's instead.
ImGuiContext* create_context_keep_current(ImFontAtlas* atlas) {
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ImGuiContext* ctx = ImGui::CreateContext(atlas);
    ImGui::SetCurrentContext(previous);
    return ctx;
}

// Building a font atlas from the TTF files takes tens of milliseconds; a test suite makes
// hundreds of AppTests. All AppTests with one font size share one built atlas (Dear ImGui
// supports a shared atlas: CreateContext(atlas)). Atlases live until the process ends.
struct SharedAtlas {
    ImFontAtlas* atlas = nullptr;
    detail::Fonts fonts;
    bool imlit_fonts = false; // false: Dear ImGui's built-in font only
};

const SharedAtlas& shared_atlas(float font_size) { // frame lock held
    // Never destroyed (an AppTest with static storage may end after this function's statics);
    // held through a static pointer, so leak checkers see it as reachable.
    static auto* atlases = new std::map<float, SharedAtlas>();
    auto it = atlases->find(font_size);
    if (it != atlases->end()) return it->second;
    SharedAtlas a;
    a.atlas = new ImFontAtlas(); // intentionally never freed: contexts may outlive statics
    {
        ImGuiContext* tmp = create_context_keep_current(a.atlas);
        CurrentContext current(tmp);
        if (font_size > 0) {
            a.fonts = detail::load_fonts(font_size);
            a.imlit_fonts = true;
        } else {
            a.atlas->AddFontDefault();
        }
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        a.atlas->GetTexDataAsRGBA32(&pixels, &w, &h); // builds the atlas
        // No renderer: any non-null id keeps backends' "font texture missing" checks quiet and
        // is the same in every AppTest (draw data compares equal across sessions).
        a.atlas->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(1)));
        ImGui::DestroyContext(tmp); // does not free a shared atlas
    }
    return atlases->emplace(font_size, a).first->second;
}

// [SECTION] Value conversions ------------------------------------------------------------------

WidgetValue to_public(const detail::LoggedElement& e, const detail::WidgetValue& v) {
    return detail::value_to_input(e.widget_kind, v, e.options);
}

std::string quoted_list(const std::vector<std::string>& xs) {
    std::string out;
    for (const std::string& x : xs) {
        if (!out.empty()) out += ", ";
        out += fmt::format("\"{}\"", x);
    }
    return out.empty() ? "(none)" : out;
}

bool is_widget(const detail::LoggedElement& e) {
    return e.widget_id != 0;
}

bool kind_matches(std::string_view wanted, const detail::LoggedElement& e) {
    return wanted.empty() || wanted == e.kind;
}

bool text_bearing(std::string_view kind) {
    static constexpr std::string_view kinds[] = {
        "title",   "header", "subheader", "text",  "caption",   "markdown", "code",
        "success", "info",   "warning",   "error", "exception", "metric",
    };
    return std::find(std::begin(kinds), std::end(kinds), kind) != std::end(kinds);
}

} // namespace

std::string to_string(const WidgetValue& value) {
    return detail::input_to_string(value);
}

// [SECTION] AppTest::Impl -------------------------------------------------------------------

struct AppTest::Impl {
    std::function<void()> frame;
    AppTestOptions options;
    ImGuiContext* imgui = nullptr;
    const SharedAtlas* atlas = nullptr;
    std::shared_ptr<detail::Session> session;
    std::vector<detail::LoggedElement> log; // the last frame's element log (a copy)
    const ImDrawData* draw_data = nullptr;  // the last frame's, owned by `imgui`
    detail::Clock::time_point last_frame_time{};
    bool has_last_frame_time = false;

    // Changes queued by WidgetHandles, applied at the start of the next run().
    struct Pending {
        std::uint64_t id;
        detail::WidgetValue store_value; // set
        WidgetValue shown;               // what value() reports until then
        bool click = false;              // button click
    };
    std::vector<Pending> pending;

    const detail::LoggedElement* widget_by_id(std::uint64_t id) const {
        for (const auto& e : log)
            if (e.widget_id == id) return &e;
        return nullptr;
    }
    const Pending* pending_for(std::uint64_t id) const {
        for (auto it = pending.rbegin(); it != pending.rend(); ++it)
            if (it->id == id) return &*it;
        return nullptr;
    }
};

AppTest::AppTest(std::function<void()> frame, AppTestOptions options)
    : impl_(std::make_unique<Impl>()) {
    if (!frame) throw std::invalid_argument("AppTest: the frame function is empty");
    if (!(options.frame_time.count() > 0) || !std::isfinite(options.frame_time.count()))
        throw std::invalid_argument(fmt::format(
            "AppTest: AppTestOptions.frame_time must be finite and > 0 (got {} s)",
            options.frame_time.count()));
    impl_->frame = std::move(frame);
    impl_->options = options;
    check_not_in_frame("the AppTest constructor");
    impl_->session = detail::Session::create({.manual_clock = true, .log_elements = true});
    std::lock_guard lock(frame_mutex());
    impl_->atlas = &shared_atlas(options.font_size);
    impl_->imgui = create_context_keep_current(impl_->atlas->atlas);
    CurrentContext current(impl_->imgui);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // no imgui.ini written by tests
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(options.width, options.height);
    io.DisplayFramebufferScale = ImVec2(1, 1);
    // Like imlit's OpenGL 3 backend: draw lists may pass 65,536 vertices in several segments.
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
}

AppTest::~AppTest() {
    // Inside a frame this thread already holds the frame lock (a frame function that owned an
    // AppTest and let it go); taking it again would deadlock.
    std::unique_lock lock(frame_mutex(), std::defer_lock);
    if (!t_in_frame) lock.lock();
    CurrentContext current(impl_->imgui);
    if (impl_->atlas->imlit_fonts) detail::set_fonts(impl_->atlas->fonts);
    // The session may release cached resources (on_end callbacks, UI-thread tasks) that expect
    // a current Dear ImGui context; end it before the context goes. Ending it cancels its
    // loads (a loader still running may keep the Session object alive a while; it is over).
    impl_->session->end();
    impl_->session.reset();
    detail::drain_ui_thread_tasks();
    // fonts() remembers fonts by context pointer; a context made later at this address must
    // not find this atlas's fonts (Dear ImGui asserts that a font belongs to its atlas).
    detail::set_fonts(detail::Fonts{});
    ImGui::DestroyContext(impl_->imgui);
}

detail::Session& AppTest::session() {
    return *impl_->session;
}
const ImDrawData* AppTest::draw_data() const {
    return impl_->draw_data;
}

// [SECTION] Frames --------------------------------------------------------------------------

void AppTest::run() {
    Impl& m = *impl_;
    check_not_in_frame("run()");
    std::lock_guard lock(frame_mutex());
    InFrame in_frame;
    CurrentContext current(m.imgui);
    if (m.atlas->imlit_fonts) detail::set_fonts(m.atlas->fonts);

    // Queued user input lands in the store before the frame, as an edit in the frame just
    // shown would have.
    std::vector<Impl::Pending> pending = std::exchange(m.pending, {});
    for (const Impl::Pending& p : pending) {
        if (p.click)
            detail::store_click(*m.session, p.id);
        else
            detail::store_set(*m.session, p.id, p.store_value);
    }

    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(m.options.width, m.options.height);
    const detail::Clock::time_point now = m.session->now();
    double dt = m.options.frame_time.count();
    if (m.has_last_frame_time && now > m.last_frame_time)
        dt = std::chrono::duration<double>(now - m.last_frame_time).count();
    io.DeltaTime = static_cast<float>(dt > 0 ? dt : 1.0 / 60);
    m.last_frame_time = now;
    m.has_last_frame_time = true;

    ImGui::NewFrame();
    try {
        m.session->run_frame(m.frame);
    } catch (...) {
        ImGui::EndFrame(); // leave the context usable; run_frame itself shows frame errors
        throw;
    }
    ImGui::EndFrame();
    // What the real app shows in place of a draw list Dear ImGui would abort on.
    const std::vector<std::string> overflow = detail::replace_overflowing_draw_lists();
    ImGui::Render();
    m.draw_data = ImGui::GetDrawData();

    m.log = detail::element_log(*m.session);
    for (const std::string& message : overflow) {
        detail::LoggedElement& e = m.log.emplace_back();
        e.kind = "error";
        e.text = message;
    }
    elements_.clear();
    elements_.reserve(m.log.size());
    for (const detail::LoggedElement& e : m.log)
        elements_.push_back({e.kind, e.text, e.depth, e.state});
    ++frames_;
}

void AppTest::run_until_idle(std::chrono::milliseconds timeout) {
    using Steady = std::chrono::steady_clock;
    if (timeout.count() < 0)
        throw std::invalid_argument(fmt::format(
            "AppTest::run_until_idle: the timeout must be >= 0 (got {} ms)", timeout.count()));
    // A timeout past the clock's range (milliseconds::max()) saturates: no time limit.
    const Steady::time_point start = Steady::now();
    const Steady::time_point deadline =
        timeout < std::chrono::duration_cast<std::chrono::milliseconds>(Steady::time_point::max() -
                                                                        start)
            ? start + timeout
            : Steady::time_point::max();
    std::vector<Element> previous;
    bool previous_settled = false;
    std::size_t frames = 0;
    for (;;) {
        const std::size_t work_before = detail::work_in_flight();
        const std::uint64_t gen_before = detail::redraw_generation();
        run();
        ++frames;
        const std::size_t work_after = detail::work_in_flight();
        const std::uint64_t gen_after = detail::redraw_generation();
        const bool no_work = work_before == 0 && work_after == 0;
        bool spinner = false;
        for (const Element& e : elements_)
            spinner = spinner || e.kind == "spinner";
        if (no_work && gen_after == gen_before) return;
        // A visible spinner requests frames forever. With no work in flight, a frame that shows
        // exactly what the previous (equally quiet) frame showed is idle.
        if (no_work && spinner && previous_settled && previous == elements_) return;
        previous_settled = no_work;
        previous = elements_;

        const Steady::time_point now = Steady::now();
        if (now >= deadline) {
            std::string why;
            if (work_after > 0)
                why = fmt::format("{} unit(s) of work (cache loads) still in flight", work_after);
            else if (spinner)
                why = "a redraw was requested every frame and the page kept changing";
            else
                why = "a redraw was requested every frame (something calls "
                      "imlit::request_redraw() each frame, and no spinner is shown)";
            throw std::runtime_error(
                fmt::format("AppTest::run_until_idle: not idle after {} ms and {} frame(s): {}.\n"
                            "Last frame:\n{}",
                            timeout.count(), frames, why, dump()));
        }
        if (work_after > 0) {
            // Sleep until a finishing load (or anything else) asks for a frame. Slices keep us
            // honest if work ends without a redraw request.
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
            detail::wait_for_redraw(gen_after, std::min(left, std::chrono::milliseconds(100)));
        }
    }
}

void AppTest::advance_clock(std::chrono::duration<double> d) {
    if (!(d.count() >= 0) || !std::isfinite(d.count()))
        throw std::invalid_argument(fmt::format(
            "AppTest::advance_clock: the duration must be finite and >= 0 (got {} s)", d.count()));
    // Checked before converting: a double beyond the clock's range does not convert.
    if (d >= std::chrono::duration<double>(detail::Clock::duration::max()))
        throw std::invalid_argument(fmt::format(
            "AppTest::advance_clock: {} s would move the clock past its range (~292 years)",
            d.count()));
    try {
        impl_->session->advance_clock(std::chrono::duration_cast<detail::Clock::duration>(d));
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(std::string("AppTest::") + e.what());
    }
}

// [SECTION] Queries ---------------------------------------------------------------------------

std::vector<std::string> AppTest::texts() const {
    std::vector<std::string> out;
    for (const Element& e : elements_)
        if (text_bearing(e.kind)) out.push_back(e.text);
    return out;
}

std::vector<Element> AppTest::elements_of(std::string_view kind) const {
    std::vector<Element> out;
    for (const Element& e : elements_)
        if (e.kind == kind) out.push_back(e);
    return out;
}

std::string AppTest::dump() const {
    if (frames_ == 0) return "(no frame has run yet)\n";
    std::string out;
    for (const detail::LoggedElement& e : impl_->log) {
        out.append(static_cast<std::size_t>(std::max(0, e.depth)) * 2 + 2, ' ');
        out += e.kind;
        if (is_widget(e)) {
            out += fmt::format(" \"{}\"", e.label.empty() ? e.text : e.label);
            if (!e.key.empty()) out += fmt::format(" [key {}]", e.key);
            out += " = " + to_string(to_public(e, e.value));
            if (e.disabled) out += " (disabled)";
            if (!e.help.empty()) out += fmt::format(" (help: {})", e.help);
            if (e.error) out += " (error)";
        } else if (!e.text.empty()) {
            out += ": ";
            // One line per element: newlines shown as \n.
            for (char c : e.text) {
                if (c == '\n')
                    out += "\\n";
                else
                    out += c;
            }
        }
        out += '\n';
    }
    if (impl_->log.empty()) out = "  (the last frame showed nothing)\n";
    return out;
}

// [SECTION] Widget lookup ------------------------------------------------------------------

WidgetHandle AppTest::find(std::string_view kind, std::string_view label, std::string_view key) {
    const Impl& m = *impl_;
    const std::string what = kind.empty() ? std::string("widget") : std::string(kind);
    if (frames_ == 0)
        throw std::out_of_range(fmt::format(
            "AppTest: no {} \"{}\": no frame has run yet (call run() first)", what, label));
    std::vector<const detail::LoggedElement*> matches;
    for (const detail::LoggedElement& e : m.log) {
        if (!is_widget(e) || !kind_matches(kind, e)) continue;
        if (e.label != label) continue;
        if (!key.empty() && e.key != key) continue;
        matches.push_back(&e);
    }
    if (matches.size() == 1)
        return WidgetHandle(this, matches[0]->widget_id, matches[0]->kind, matches[0]->label);
    const std::string named =
        key.empty() ? fmt::format("\"{}\"", label) : fmt::format("\"{}\" (key \"{}\")", label, key);
    if (matches.empty()) {
        std::vector<std::string> same_kind, all;
        for (const detail::LoggedElement& e : m.log) {
            if (!is_widget(e)) continue;
            std::string l = e.label;
            if (!e.key.empty()) l += " [key " + e.key + "]";
            if (kind_matches(kind, e)) same_kind.push_back(l);
            all.push_back(fmt::format("{} {}", e.kind, l));
        }
        std::string all_text;
        for (const std::string& a : all)
            all_text += (all_text.empty() ? "" : ", ") + a;
        throw std::out_of_range(fmt::format(
            "AppTest: no {} labelled {} in the last frame (frame {}). {} labels shown: {}. "
            "All widgets shown: {}",
            what, named, frames_, what, quoted_list(same_kind),
            all_text.empty() ? "(none)" : all_text));
    }
    std::vector<std::string> keys;
    for (const auto* e : matches)
        keys.push_back(e->key);
    throw std::out_of_range(fmt::format(
        "AppTest: {} {}s labelled {} in the last frame; pick one by key (their keys: {}; give "
        "widgets an explicit key to tell them apart)",
        matches.size(), what, named, quoted_list(keys)));
}

WidgetHandle AppTest::checkbox(std::string_view l, std::string_view k) {
    return find("checkbox", l, k);
}
WidgetHandle AppTest::button(std::string_view l, std::string_view k) {
    return find("button", l, k);
}
WidgetHandle AppTest::slider(std::string_view l, std::string_view k) {
    return find("slider", l, k);
}
WidgetHandle AppTest::number_input(std::string_view l, std::string_view k) {
    return find("number_input", l, k);
}
WidgetHandle AppTest::text_input(std::string_view l, std::string_view k) {
    return find("text_input", l, k);
}
WidgetHandle AppTest::selectbox(std::string_view l, std::string_view k) {
    return find("selectbox", l, k);
}
WidgetHandle AppTest::radio(std::string_view l, std::string_view k) {
    return find("radio", l, k);
}
WidgetHandle AppTest::multiselect(std::string_view l, std::string_view k) {
    return find("multiselect", l, k);
}
WidgetHandle AppTest::color_picker(std::string_view l, std::string_view k) {
    return find("color_picker", l, k);
}
WidgetHandle AppTest::toggle(std::string_view l, std::string_view k) {
    return find("toggle", l, k);
}
WidgetHandle AppTest::date_input(std::string_view l, std::string_view k) {
    return find("date_input", l, k);
}
WidgetHandle AppTest::range_slider(std::string_view l, std::string_view k) {
    return find("range_slider", l, k);
}
WidgetHandle AppTest::widget(std::string_view l, std::string_view k) {
    return find({}, l, k);
}

std::vector<WidgetHandle> AppTest::widgets(std::string_view kind) {
    std::vector<WidgetHandle> out;
    for (const detail::LoggedElement& e : impl_->log)
        if (is_widget(e) && kind_matches(kind, e))
            out.push_back(WidgetHandle(this, e.widget_id, e.kind, e.label));
    return out;
}

// [SECTION] WidgetHandle ----------------------------------------------------------------------

namespace {
const detail::LoggedElement& shown(const AppTest::Impl& m, std::uint64_t id,
                                   const std::string& kind, const std::string& label) {
    if (const detail::LoggedElement* e = m.widget_by_id(id)) return *e;
    throw std::out_of_range(
        fmt::format("AppTest: {} \"{}\" is not shown in the last frame (a user could not touch it)",
                    kind, label));
}
} // namespace

WidgetValue WidgetHandle::value() const {
    const AppTest::Impl& m = *test_->impl_;
    if (const AppTest::Impl::Pending* p = m.pending_for(id_)) return p->shown;
    const detail::LoggedElement& e = shown(m, id_, kind_, label_);
    return to_public(e, e.value);
}

void WidgetHandle::throw_type_mismatch(const char* wanted, const WidgetValue& actual) const {
    throw std::invalid_argument(fmt::format("AppTest: {} \"{}\" holds {} ({}), not {}", kind_,
                                            label_, detail::input_type_name(actual),
                                            to_string(actual), wanted));
}

const std::string& WidgetHandle::help() const {
    return shown(*test_->impl_, id_, kind_, label_).help;
}

bool WidgetHandle::disabled() const {
    return shown(*test_->impl_, id_, kind_, label_).disabled;
}

WidgetHandle& WidgetHandle::apply(const WidgetValue& value, bool click) {
    using detail::WidgetKind;
    AppTest::Impl& m = *test_->impl_;
    const detail::LoggedElement& e = shown(m, id_, kind_, label_);
    auto fail = [&](const std::string& why) {
        return std::invalid_argument(fmt::format("AppTest: {} \"{}\": {}", kind_, label_, why));
    };
    if (e.disabled)
        throw fail("it is disabled, so a user cannot change it (the app can: "
                   "imlit::set_widget)");
    const bool flips = e.widget_kind == WidgetKind::checkbox || e.widget_kind == WidgetKind::toggle;
    if (click && e.widget_kind != WidgetKind::button && !flips)
        throw fail("click() works on buttons, checkboxes and toggles only");

    AppTest::Impl::Pending p{id_, {}, {}, false};
    if (e.widget_kind == WidgetKind::button) {
        const bool* b = std::get_if<bool>(&value);
        if (!click && b == nullptr)
            throw fail(fmt::format("cannot set {}; it takes {}", to_string(value),
                                   detail::accepted_input(e.widget_kind)));
        p.click = click || *b;
        p.shown = p.click;
        if (!p.click) { // set(false): cancel a queued click
            std::erase_if(m.pending, [&](const auto& q) { return q.id == id_; });
            return *this;
        }
        m.pending.push_back(std::move(p));
        return *this;
    }
    const WidgetValue wanted = click && flips ? WidgetValue(!this->value<bool>()) : value;
    try {
        p.store_value = detail::input_to_value(e.widget_kind, wanted, e.limits, e.options);
    } catch (const std::invalid_argument& error) {
        throw fail(error.what());
    }
    p.shown = to_public(e, p.store_value);
    m.pending.push_back(std::move(p));
    return *this;
}

WidgetHandle& WidgetHandle::set(bool v) {
    return apply(v);
}
WidgetHandle& WidgetHandle::set(int v) {
    return apply(v);
}
WidgetHandle& WidgetHandle::set(double v) {
    return apply(v);
}
WidgetHandle& WidgetHandle::set(std::string_view v) {
    return apply(std::string(v));
}
WidgetHandle& WidgetHandle::set(std::vector<std::string> v) {
    return apply(std::move(v));
}
WidgetHandle& WidgetHandle::set(Color v) {
    return apply(v);
}
WidgetHandle& WidgetHandle::set(Date v) {
    return apply(v);
}
WidgetHandle& WidgetHandle::set(std::pair<int, int> v) {
    return apply(v);
}
WidgetHandle& WidgetHandle::set(std::pair<double, double> v) {
    return apply(v);
}

WidgetHandle& WidgetHandle::click() {
    return apply(std::monostate{}, true);
}

WidgetHandle& WidgetHandle::select(std::string_view option) {
    if (kind_ == "multiselect") {
        std::vector<std::string> cur = value<std::vector<std::string>>();
        if (std::find(cur.begin(), cur.end(), option) == cur.end()) cur.emplace_back(option);
        return apply(std::move(cur));
    }
    if (kind_ != "selectbox" && kind_ != "radio")
        throw std::invalid_argument(
            fmt::format("AppTest: {} \"{}\": select() works on selectbox, radio and multiselect",
                        kind_, label_));
    return apply(std::string(option));
}

WidgetHandle& WidgetHandle::unselect(std::string_view option) {
    if (kind_ != "multiselect")
        throw std::invalid_argument(
            fmt::format("AppTest: {} \"{}\": unselect() works on multiselect only", kind_, label_));
    std::vector<std::string> cur = value<std::vector<std::string>>();
    const auto before = cur.size();
    std::erase(cur, std::string(option));
    if (cur.size() == before) {
        const detail::LoggedElement& e = shown(*test_->impl_, id_, kind_, label_);
        if (std::find(e.options.begin(), e.options.end(), option) == e.options.end())
            throw std::invalid_argument(
                fmt::format("AppTest: multiselect \"{}\": \"{}\" is not one of its options ({})",
                            label_, option, quoted_list(e.options)));
    }
    return apply(std::move(cur));
}

} // namespace imlit::testing
