// imlit internal — Session::run_frame: the page layout around a frame function.
//
// The page is one full-viewport Dear ImGui window without decorations and with comfortable
// margins. When the previous frame used the sidebar, the page starts right of it (the sidebar
// is its own window, appended to by every sidebar() call). The frame function runs with the
// session's frame Context (reused every frame); anything it leaves open is closed, and an
// exception escaping it is shown in place as an exception element.
#include <algorithm>

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/context.hpp"
#include "ui/exception_text.hpp"
#include "ui/widget_impl.hpp"

namespace imlit::detail {

namespace {

void on_render_error(void* user, std::string_view message) {
    auto* c = static_cast<Context::Impl*>(user);
    log_element(*c, "error", message);
}

void reset_frame_context(Context::Impl& c, bool drawing) {
    c.drawing = drawing;
    c.stack.clear();
    c.recorders.clear();
    c.replaying = 0;
    c.seen.clear();
    c.container_ids.clear();
    c.replay_floor = 0;
    Level root;
    root.kind = ContainerKind::root;
    root.visible = true;
    root.token = 0;
    c.stack.push_back(std::move(root));
}

void close_all(Context::Impl& c) {
    while (c.stack.size() > 1)
        close_level_token(c, c.stack.back().token);
}

// How long a UI-thread task's error (an on_release that threw) shows as a toast.
constexpr double kTaskErrorToastSeconds = 10;

} // namespace

void Session::run_frame(const std::function<void()>& frame) {
    // A UI-thread task that threw (an on_release) is reported once: stderr (by the drain)
    // and a toast in the session whose frame ran it.
    for (const std::string& error : drain_ui_thread_tasks())
        show_toast(*this, error, kTaskErrorToastSeconds);
    apply_queued_widget_sets(*this); // set_widget calls of the previous frame
    Impl& s = *impl_;
    if (!s.frame_context) {
        auto ci = std::make_unique<Context::Impl>();
        ci->session = this;
        ci->frame = true;
        s.frame_context = std::make_unique<Context>(std::move(ci));
    }
    Context::Impl& c = s.frame_context->impl();
    ImGuiContext* g = ImGui::GetCurrentContext();
    const bool drawing = g != nullptr && g->WithinFrameScope;
    reset_frame_context(c, drawing);
    s.log.clear();
    s.sidebar_used_now = false;
    ++s.frame_count;
    begin_widget_frame(*this, s.frame_count, now());
    begin_frame_epoch(*s.frames);

    if (drawing) {
        const ImGuiViewport* vp = ImGui::GetMainViewport();
        const float font = ImGui::GetFontSize();
        s.sidebar_width = std::clamp(vp->WorkSize.x * 0.22f, font * 14, font * 22);
        const float x0 = s.sidebar_used_last ? s.sidebar_width : 0;
        ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + x0, vp->WorkPos.y));
        ImGui::SetNextWindowSize(ImVec2(std::max(1.0f, vp->WorkSize.x - x0), vp->WorkSize.y));
        const float margin_x = std::clamp(vp->WorkSize.x * 0.03f, font, font * 3);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(margin_x, font * 1.5f));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
        ImGui::Begin("##imlit_page", nullptr,
                     ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoCollapse |
                         ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                         ImGuiWindowFlags_NoBackground); // scrolls when long
        ImGui::PopStyleVar(3);
        set_render_error_observer(&on_render_error, &c);
    }

    Context* previous = set_current_context(s.frame_context.get());
    try {
        frame();
    } catch (const std::exception& e) {
        close_all(c);
        imlit::exception(e);
    } catch (...) {
        close_all(c);
        imlit::error("The frame function threw: " + describe_exception(std::current_exception()));
    }
    close_all(c);
    draw_toasts(c); // over the page, never recorded
    set_current_context(previous);

    if (drawing) {
        set_render_error_observer(nullptr, nullptr);
        ImGui::End();
    }
    if (s.sidebar_used_now != s.sidebar_used_last) request_redraw(); // re-lay out the page
    s.sidebar_used_last = s.sidebar_used_now;
    end_frame_epoch(*s.frames);
}

} // namespace imlit::detail
