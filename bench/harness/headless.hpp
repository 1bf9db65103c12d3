// imlit bench harness — a production-like headless session: its own Dear ImGui context with
// imlit's fonts, a real clock and no element log (AppTest logs every element for its queries,
// which an app does not), and the vertex-offset capability the OpenGL3 backend reports (so a
// frame may hold more than 65,536 vertices, as in the app).
#pragma once

#include <functional>
#include <memory>

struct ImGuiContext;

namespace imlit::detail {
class Session;
}

namespace imlit::bench {

class HeadlessApp {
public:
    // A display of width x height pixels (the page fills it).
    HeadlessApp(float width, float height);
    ~HeadlessApp();
    HeadlessApp(const HeadlessApp&) = delete;
    HeadlessApp& operator=(const HeadlessApp&) = delete;

    // One whole frame: ImGui::NewFrame, the session's frame around `body`, ImGui::Render.
    void frame(const std::function<void()>& body);

private:
    ImGuiContext* previous_ = nullptr;
    ImGuiContext* context_ = nullptr;
    std::shared_ptr<imlit::detail::Session> session_;
};

} // namespace imlit::bench
