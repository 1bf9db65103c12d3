// Test helper for the render tests: a private Dear ImGui context with a built font atlas and no
// renderer, and one full-display window per frame.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <imgui.h>

#include "ui/render.hpp"

namespace imlit::test {

class HeadlessImGui {
public:
    explicit HeadlessImGui(ImVec2 display = ImVec2(1280, 800)) {
        previous_ = ImGui::GetCurrentContext();
        context_ = ImGui::CreateContext();
        ImGui::SetCurrentContext(context_);
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = display;
        io.DeltaTime = 1.0f / 60.0f;
        io.IniFilename = nullptr;
        io.LogFilename = nullptr;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        detail::set_render_error_observer(
            [](void* self, std::string_view m) {
                static_cast<HeadlessImGui*>(self)->errors.emplace_back(m);
            },
            this);
    }
    ~HeadlessImGui() {
        detail::set_render_error_observer(nullptr, nullptr);
        ImGui::DestroyContext(context_);
        ImGui::SetCurrentContext(previous_);
    }
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;

    // One frame: `body` runs inside a window covering the display. Returns the draw data.
    ImDrawData* frame(const std::function<void()>& body) {
        errors.clear();
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("render test", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
        body();
        ImGui::End();
        ImGui::Render();
        return ImGui::GetDrawData();
    }

    std::vector<std::string> errors; // reported by the render error observer this frame

private:
    ImGuiContext* previous_ = nullptr;
    ImGuiContext* context_ = nullptr;
};

} // namespace imlit::test
