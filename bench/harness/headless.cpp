// imlit bench harness — headless session (see headless.hpp).
#include "headless.hpp"

#include <imgui.h>

#include "ui/fonts.hpp"
#include "ui/seam.hpp"

namespace imlit::bench {

namespace {
constexpr float kFontSize = 16; // AppOptions::font_size's default
}

HeadlessApp::HeadlessApp(float width, float height) {
    previous_ = ImGui::GetCurrentContext();
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    io.IniFilename = nullptr;
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    imlit::detail::load_fonts(kFontSize);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(1)));
    session_ = imlit::detail::Session::create({});
}

HeadlessApp::~HeadlessApp() {
    session_.reset();
    imlit::detail::set_fonts(imlit::detail::Fonts{});
    ImGui::DestroyContext(context_);
    ImGui::SetCurrentContext(previous_);
}

void HeadlessApp::frame(const std::function<void()>& body) {
    ImGui::NewFrame();
    session_->run_frame(body);
    ImGui::Render();
}

} // namespace imlit::bench
