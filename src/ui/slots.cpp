// imlit — slots and notices: placeholder (a slot whose content each write replaces), status (a
// box whose header shows its last state), toast (a transient notice, never recorded).
//
// Placeholders and status boxes share their changing part with every recording of them: a
// PlaceholderSlot holds the last content (a Recording published by each write), a StatusCell
// the last state. A recording keeps a reference, not a copy, so a replay shows the last state
// and a loader that writes a progress bar 100 times records it once.
//
// Index
//   [SECTION] Placeholder
//   [SECTION] Status
//   [SECTION] Toast
#include <algorithm>
#include <stdexcept>

#include <imgui.h>

#include "ui/container_access.hpp"
#include "ui/context.hpp"

namespace imlit {
using namespace detail;

// [SECTION] Placeholder ---------------------------------------------------------------------

Placeholder placeholder() {
    return ContainerAccess::placeholder(require_context("placeholder"));
}

Placeholder::~Placeholder() {
    ContainerAccess::close(ctx_, token_);
}

detail::SlotWrite::SlotWrite(const Placeholder& p) {
    const auto& slot = ContainerAccess::slot(p);
    if (!slot) return; // an empty handle
    Context::Impl& c = require_context("Placeholder::write");
    if (ContainerAccess::context(p) != Context::current())
        throw std::logic_error("imlit: a Placeholder was written from another thread than the one "
                               "that made it (each frame and each cached loader makes its own)");
    const std::uint64_t token = open_slot_write(c, ContainerAccess::token(p), *slot);
    ctx_ = Context::current();
    token_ = token;
    report_late_ = c.stack.back().slot_token == 0 && !ContainerAccess::recorded(p);
}

detail::SlotWrite::~SlotWrite() {
    if (ctx_ == nullptr || ctx_ != Context::current()) return;
    Context::Impl& c = static_cast<Context*>(ctx_)->impl();
    if (find_level(c, token_) == 0) return; // closed already (the frame ended)
    close_level_token(c, token_);           // publishes the content to the slot
    if (report_late_)
        emit(c, CalloutCmd{CalloutKind::error,
                           "placeholder: written after output below it, so it cannot be shown "
                           "this frame. imlit draws top to bottom: write a placeholder before "
                           "adding output under it"});
    else
        request_redraw(); // a recorded slot's replays show the new content
}

void Placeholder::clear() const {
    write([] {});
}
void Placeholder::text(std::string_view s) const {
    write([&] { imlit::text(s); });
}
void Placeholder::caption(std::string_view s) const {
    write([&] { imlit::caption(s); });
}
void Placeholder::markdown(std::string_view s) const {
    write([&] { imlit::markdown(s); });
}
void Placeholder::success(std::string_view s) const {
    write([&] { imlit::success(s); });
}
void Placeholder::info(std::string_view s) const {
    write([&] { imlit::info(s); });
}
void Placeholder::warning(std::string_view s) const {
    write([&] { imlit::warning(s); });
}
void Placeholder::error(std::string_view s) const {
    write([&] { imlit::error(s); });
}
void Placeholder::progress(float fraction, std::string_view text) const {
    write([&] { imlit::progress(fraction, text); });
}
void Placeholder::spinner(std::string_view text) const {
    write([&] { imlit::spinner(text); });
}
void Placeholder::metric(std::string_view label, std::string_view value, std::string_view delta,
                         MetricOptions options) const {
    write([&] { imlit::metric(label, value, delta, options); });
}

// [SECTION] Status --------------------------------------------------------------------------

Status status(std::string_view label, StatusOptions options, std::source_location where) {
    return ContainerAccess::status(require_context("status"), label, options,
                                   call_site_hash(where));
}

Status::~Status() {
    ContainerAccess::close(ctx_, token_);
}

void Status::update(const StatusUpdate& u) const {
    if (!cell_) return;
    {
        std::lock_guard lock(cell_->mutex);
        StatusCell::State& s = cell_->state;
        if (u.label) s.label = *u.label;
        if (u.state) s.state = *u.state;
        if (u.expanded) s.expanded = *u.expanded;
    }
    request_redraw();
}

// [SECTION] Toast ---------------------------------------------------------------------------

namespace {
constexpr double kToastFadeSeconds = 0.4; // fade-out at the end of a toast's time
constexpr std::size_t kMaxToasts = 8;     // more at once: the oldest go first
// Longer toasts (seconds = 1e300) show this long: converting more would overflow the clock.
constexpr double kMaxToastSeconds = 365.0 * 24 * 3600;
} // namespace

void toast(std::string_view text, ToastOptions options) {
    Context::Impl& c = require_context("toast");
    if (!(options.seconds > 0) || !std::isfinite(options.seconds)) {
        emit(c, CalloutCmd{
                    CalloutKind::error,
                    fmt::format("toast: seconds must be a number > 0 (got {})", options.seconds)});
        return;
    }
    if (c.session == nullptr) return; // a loader called from a plain thread: no page to show on
    show_toast(*c.session, text, options.seconds);
}

} // namespace imlit

namespace imlit::detail {

void show_toast(Session& session, std::string_view text, double seconds) {
    Session::Impl& s = session.impl();
    {
        std::lock_guard lock(s.toast_mutex);
        for (const Session::Impl::Toast& t : s.toasts)
            if (t.text == text) return; // already showing
        if (s.toasts.size() >= kMaxToasts) s.toasts.erase(s.toasts.begin());
        s.toasts.push_back({std::string(text), session.now(),
                            std::chrono::duration_cast<Clock::duration>(
                                std::chrono::duration<double>(std::min(seconds, kMaxToastSeconds)))});
    }
    request_redraw();
}

void draw_toasts(Context::Impl& c) {
    if (c.session == nullptr) return;
    Session::Impl& s = c.session->impl();
    const Clock::time_point now = c.session->now();
    thread_local std::vector<std::string> texts; // reused: no allocation once warm
    thread_local std::vector<ToastView> views;
    std::size_t n = 0;
    {
        std::lock_guard lock(s.toast_mutex);
        std::erase_if(s.toasts,
                      [&](const Session::Impl::Toast& t) { return now - t.shown >= t.duration; });
        if (s.toasts.empty()) return;
        if (texts.size() < s.toasts.size()) texts.resize(s.toasts.size());
        views.clear();
        for (const Session::Impl::Toast& t : s.toasts) {
            const double left = std::chrono::duration<double>(t.shown + t.duration - now).count();
            texts[n].assign(t.text);
            views.push_back(
                {{}, static_cast<float>(std::clamp(left / kToastFadeSeconds, 0.0, 1.0))});
            ++n;
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        views[i].text = texts[i];
        log_element(c, "toast", texts[i]);
    }
    if (c.drawing) draw_toasts(std::span<const ToastView>(views.data(), n));
    // Real time: keep frames coming to fade and expire them. A manual clock (AppTest) moves only
    // by advance_clock(), which asks for a frame itself.
    if (!s.options.manual_clock) request_redraw();
}

} // namespace imlit::detail
