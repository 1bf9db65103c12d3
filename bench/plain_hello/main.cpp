// The baseline for imlit's time to first frame (DESIGN §7): a plain Dear ImGui + GLFW + OpenGL3
// hello, written the way Dear ImGui's own example_glfw_opengl3 is, that loads one font
// (DejaVu Sans at imlit's body size, Dear ImGui's default font config). Built from the same
// Debian packages as imlit (libimgui-dev with its GLFW and OpenGL3 backends, libglfw3-dev); it
// does not link imlit.
//
//   plain_hello [--frames N]     draw N frames (default 1) back to back, then exit
//
// scripts/bench_startup.sh times it against an imlit app started with the same --frames.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

namespace {

constexpr const char* kFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr float kFontPixels = 16; // imlit's AppOptions::font_size default
constexpr int kWidth = 1280, kHeight = 720;

} // namespace

int main(int argc, char** argv) {
    int frames = 1;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--frames") == 0) frames = std::max(1, std::atoi(argv[i + 1]));

    if (!glfwInit()) {
        std::fprintf(stderr, "plain_hello: cannot initialise GLFW\n");
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    GLFWwindow* window = glfwCreateWindow(kWidth, kHeight, "Hello", nullptr, nullptr);
    if (window == nullptr) {
        std::fprintf(stderr, "plain_hello: cannot open a window with OpenGL 3.3 core\n");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(0); // back to back, like imlit with --frames

    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    if (io.Fonts->AddFontFromFileTTF(kFont, kFontPixels) == nullptr) io.Fonts->AddFontDefault();
    ImGui::StyleColorsDark();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    for (int f = 0; f < frames && !glfwWindowShouldClose(window); ++f) {
        glfwPollEvents();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin("Hello", nullptr, ImGuiWindowFlags_NoDecoration);
        ImGui::TextUnformatted("Hello, Dear ImGui");
        ImGui::End();
        ImGui::Render();
        int w = 0, h = 0;
        glfwGetFramebufferSize(window, &w, &h);
        glViewport(0, 0, w, h);
        glClearColor(0.1f, 0.1f, 0.1f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glfwSwapBuffers(window);
    }

    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}
