// imlit — elements: the public element functions, and how every non-widget, non-container
// command is executed (drawn through render.hpp, logged for the harness).
//
// Index
//   [SECTION] Emit, execute, log
//   [SECTION] Raw Dear ImGui detection (R13)
//   [SECTION] Public element functions
#include <cmath>
#include <cxxabi.h>
#include <typeinfo>

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/context.hpp"
#include "ui/render_text.hpp"

namespace imlit::detail {

// [SECTION] Emit, execute, log -------------------------------------------------------------

LoggedElement* append_log_element(Context::Impl& c, const char* kind, std::string_view text,
                                  std::string_view label) {
    auto& log = c.session->impl().log;
    LoggedElement& e = log.emplace_back();
    e.kind = kind;
    e.text.assign(text);
    e.label.assign(label);
    e.depth = static_cast<int>(c.stack.size()) - 1;
    return &e;
}

namespace {

const char* text_kind(TextStyle s) {
    switch (s) {
    case TextStyle::title:
        return "title";
    case TextStyle::header:
        return "header";
    case TextStyle::subheader:
        return "subheader";
    case TextStyle::text:
        return "text";
    case TextStyle::caption:
        return "caption";
    }
    return "text";
}

const char* callout_kind(CalloutKind k) {
    switch (k) {
    case CalloutKind::success:
        return "success";
    case CalloutKind::info:
        return "info";
    case CalloutKind::warning:
        return "warning";
    case CalloutKind::error:
        return "error";
    }
    return "info";
}

double session_seconds(Context::Impl& c) {
    if (c.session == nullptr) return ImGui::GetTime();
    return std::chrono::duration<double>(c.session->now().time_since_epoch()).count();
}

struct Executor {
    Context::Impl& c;
    bool draw;

    void operator()(const TextCmd& t) const {
        log_element(c, text_kind(t.style), t.text);
        if (!draw) return;
        switch (t.style) {
        case TextStyle::title:
            draw_title(t.text);
            break;
        case TextStyle::header:
            draw_header(t.text);
            break;
        case TextStyle::subheader:
            draw_subheader(t.text);
            break;
        case TextStyle::text:
            draw_wrapped_text_item(t.text);
            break;
        case TextStyle::caption:
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            draw_wrapped_text_item(t.text);
            ImGui::PopStyleColor();
            break;
        }
    }
    void operator()(const CalloutCmd& t) const {
        log_element(c, callout_kind(t.kind), t.text);
        if (draw) draw_callout(t.kind, t.text);
    }
    void operator()(const MarkdownCmd& m) const {
        log_element(c, "markdown", m.source);
        if (!draw) return;
        if (m.document)
            draw_markdown(*m.document);
        else
            draw_markdown(m.source);
    }
    void operator()(const CodeCmd& m) const {
        log_element(c, "code", m.source, m.language);
        if (draw) draw_code(m.source, m.language);
    }
    void operator()(const ExceptionCmd& m) const {
        log_element(c, "exception", m.what, m.type);
        if (draw) draw_exception(m.type, m.what);
    }
    void operator()(const SeparatorCmd&) const {
        log_element(c, "separator", {});
        if (draw) ImGui::Separator();
    }
    void operator()(const ProgressCmd& m) const {
        if (c.logging() && c.visible()) {
            if (m.text.empty() && !std::isnan(m.fraction)) {
                const float f = std::clamp(m.fraction, 0.0f, 1.0f);
                log_element(c, "progress", fmt::format("{}%", static_cast<int>(f * 100 + 0.5f)));
            } else {
                log_element(c, "progress", m.text);
            }
        }
        if (draw) draw_progress(m.fraction, m.text);
    }
    void operator()(const SpinnerCmd& m) const {
        std::string_view text = m.text;
        if (m.elapsed >= 0) {
            c.text_buf.clear();
            fmt::format_to(std::back_inserter(c.text_buf), "{} ({:.1f} s)", m.text, m.elapsed);
            text = c.text_buf;
        }
        log_element(c, "spinner", text);
        if (!draw) return;
        draw_spinner(text, session_seconds(c));
        request_animation_frame(); // keep frames coming while visible
    }
    void operator()(const MetricCmd* m) const {
        if (c.logging() && c.visible()) {
            std::string t = fmt::format("{}: {}", m->label, m->value);
            if (!m->delta.empty()) fmt::format_to(std::back_inserter(t), " {}", m->delta);
            log_element(c, "metric", t, m->label);
        }
        if (draw) draw_metric(m->label, m->value, m->delta, m->delta_color);
    }
    void operator()(const ImageCmd& m) const {
        log_element(c, "image", m.texture->ok() ? std::string_view() : m.texture->error());
        if (draw) draw_image(*m.texture, m.size);
    }
    void operator()(const TableCmd& m) const {
        if (c.logging() && c.visible())
            log_element(
                c, "table",
                fmt::format("{} rows x {} columns", m.table->rows(), m.table->columns.size()));
        if (draw) draw_table(*m.table, m.options);
    }
    void operator()(const ChartCmd& m) const { execute_chart(c, m, draw); }
    void operator()(const CustomCmd& m) const {
        log_element(c, "custom", {});
        if (draw && m.fn && *m.fn) (*m.fn)();
    }
    void operator()(const WidgetCmd* w) const { emit_widget(c, *w, nullptr); }
    void operator()(const BeginCmd* b) const { emit_begin(c, *b); }
    void operator()(const EndCmd&) const {
        if (c.stack.size() > 1) close_level_token(c, c.stack.back().token);
    }
    void operator()(const SlotCmd& m) const {
        if (c.visible()) draw_slot_content(c, *m.slot); // a replay: the slot's last content
    }
};

} // namespace

namespace {
template <class T>
void run(const Executor& ex, const Command& cmd) {
    ex(*std::get_if<T>(&cmd));
}
} // namespace

void execute(Context::Impl& c, const Command& cmd, bool draw) {
    // The common element kinds without std::visit's dispatch; the rest through it.
    const Executor ex{c, draw};
    switch (cmd.index()) {
    case kCommandIndex<TextCmd>:
        return run<TextCmd>(ex, cmd);
    case kCommandIndex<CalloutCmd>:
        return run<CalloutCmd>(ex, cmd);
    case kCommandIndex<MarkdownCmd>:
        return run<MarkdownCmd>(ex, cmd);
    case kCommandIndex<CodeCmd>:
        return run<CodeCmd>(ex, cmd);
    case kCommandIndex<const MetricCmd*>:
        return run<const MetricCmd*>(ex, cmd);
    default:
        return std::visit(ex, cmd);
    }
}

void execute(Context::Impl& c, const Command& cmd) {
    execute(c, cmd, c.visible());
}

void emit(Context::Impl& c, const Command& cmd) {
    settle_pending(c); // output below a pending group or placeholder closes it first
    raw_check(c);
    if (Recorder* r = c.recorder()) r->rec->impl().append(cmd);
    execute(c, cmd);
    raw_arm(c);
}

void draw_error_text(Context::Impl& c, std::string_view message) {
    execute(c, CalloutCmd{CalloutKind::error, message});
}

// [SECTION] Raw Dear ImGui detection (R13) ------------------------------------------------------
// Only imlit commands are recorded. On the UI thread, a loader that draws with Dear ImGui
// directly changes the current window's vertex count between two imlit commands: that is
// reported once per scope, in place (and recorded, so replays keep saying it).

namespace {
ImDrawList* current_draw_list(ImGuiWindow** window) {
    ImGuiContext* g = ImGui::GetCurrentContext();
    if (g == nullptr || g->CurrentWindow == nullptr) return nullptr;
    *window = g->CurrentWindow;
    return g->CurrentWindow->DrawList;
}
} // namespace

void raw_arm(Context::Impl& c) {
    if (!c.drawing || c.recorders.empty()) return;
    Recorder& r = c.recorders.back();
    if (r.raw_reported) return;
    ImGuiWindow* w = nullptr;
    if (ImDrawList* dl = current_draw_list(&w)) {
        r.window = w;
        r.vertices = dl->VtxBuffer.Size;
    } else {
        r.window = nullptr;
    }
}

void raw_check(Context::Impl& c) {
    // While replaying, only recorded commands run (custom() closures may draw raw, by design);
    // replay() checks before it starts and re-arms when it ends.
    if (!c.drawing || c.recorders.empty() || c.replaying > 0) return;
    Recorder& r = c.recorders.back();
    if (r.raw_reported || r.window == nullptr) return;
    ImGuiWindow* w = nullptr;
    ImDrawList* dl = current_draw_list(&w);
    if (dl == nullptr || w != r.window || dl->VtxBuffer.Size == r.vertices) return;
    r.raw_reported = true;
    r.rec->set_drew_raw_imgui();
    const std::string msg = fmt::format(
        "Cached scope '{}' drew with Dear ImGui directly. Only imlit commands are recorded, so "
        "that output will not be replayed: wrap raw Dear ImGui code in imlit::custom([&] {{ ... "
        "}}).",
        r.info.name.empty() ? std::string_view("(unnamed)") : r.info.name);
    CalloutCmd warn{CalloutKind::warning, msg};
    r.rec->impl().append(warn);
    execute(c, warn);
}

} // namespace imlit::detail

// [SECTION] Public element functions --------------------------------------------------------------

namespace imlit {
using namespace detail;

namespace {
void emit_named(const char* fn, const Command& cmd) {
    emit(require_context(fn), cmd);
}
} // namespace

void title(std::string_view text) {
    emit_named("title", TextCmd{TextStyle::title, text});
}
void header(std::string_view text) {
    emit_named("header", TextCmd{TextStyle::header, text});
}
void subheader(std::string_view text) {
    emit_named("subheader", TextCmd{TextStyle::subheader, text});
}
void text(std::string_view text) {
    emit_named("text", TextCmd{TextStyle::text, text});
}
void caption(std::string_view text) {
    emit_named("caption", TextCmd{TextStyle::caption, text});
}

void detail::text_formatted(fmt::string_view format, fmt::format_args args) {
    Context::Impl& c = require_context("text");
    c.fmt_buf.clear();
    fmt::vformat_to(std::back_inserter(c.fmt_buf), format, args);
    emit(c, TextCmd{TextStyle::text, std::string_view(c.fmt_buf.data(), c.fmt_buf.size())});
}

void markdown(std::string_view source) {
    emit_named("markdown", MarkdownCmd{source, nullptr});
}
void code(std::string_view source, std::string_view language) {
    emit_named("code", CodeCmd{source, language});
}
void success(std::string_view text) {
    emit_named("success", CalloutCmd{CalloutKind::success, text});
}
void info(std::string_view text) {
    emit_named("info", CalloutCmd{CalloutKind::info, text});
}
void warning(std::string_view text) {
    emit_named("warning", CalloutCmd{CalloutKind::warning, text});
}
void error(std::string_view text) {
    emit_named("error", CalloutCmd{CalloutKind::error, text});
}

void exception(const std::exception& e) {
    Context::Impl& c = require_context("exception");
    const char* mangled = typeid(e).name();
    int status = 0;
    char* demangled = abi::__cxa_demangle(mangled, nullptr, nullptr, &status);
    std::string type = status == 0 && demangled ? demangled : mangled;
    std::free(demangled);
    emit(c, ExceptionCmd{type, e.what()});
}

void separator() {
    emit_named("separator", SeparatorCmd{});
}
void progress(float fraction, std::string_view text) {
    emit_named("progress", ProgressCmd{fraction, text});
}
void spinner(std::string_view text) {
    emit_named("spinner", SpinnerCmd{text, -1});
}
void metric(std::string_view label, std::string_view value, std::string_view delta,
            MetricOptions options) {
    const MetricCmd m{label, value, delta, options.delta_color};
    emit_named("metric", &m);
}
void image(const Texture& texture, Size size) {
    emit_named("image", ImageCmd{&texture, size});
}
void table(const Table& table, TableOptions options) {
    emit_named("table", TableCmd{&table, options});
}
void custom(std::function<void()> draw) {
    emit_named("custom", CustomCmd{&draw});
}

} // namespace imlit
