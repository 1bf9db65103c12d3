// imlit internal — Dear ImGui's 16-bit index limit, checked before a frame is rendered.
//
// With 16-bit indices (Debian's Dear ImGui 1.86) one draw command addresses at most 65,536
// vertices: per draw list, or per vertex-offset segment of it when the renderer sets
// ImGuiBackendFlags_RendererHasVtxOffset (imlit's OpenGL backend and AppTest both do).
// ImGui::Render() aborts on a list that needs more. imlit's own elements stay far below it (long
// text draws only its visible lines, off-screen elements draw nothing), but raw Dear ImGui code
// in custom() can still build a single primitive of 65,536 vertices or more.
#pragma once

#include <string>
#include <vector>

namespace imlit::detail {

// Call between ImGui::EndFrame() and ImGui::Render(), UI thread. Every draw list (windows,
// background, foreground) that would trip Dear ImGui's index assertion, or that has a segment
// its 16-bit indices cannot address, is emptied and shows an error in place instead: a message
// at the top of its window naming it and the vertex count. Returns those messages (none: all
// lists were fine).
std::vector<std::string> replace_overflowing_draw_lists();

} // namespace imlit::detail
