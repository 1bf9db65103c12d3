// imlit — drawing of table(): a Dear ImGui table with row clipping. See render.hpp.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <variant>

#include <imgui.h>

#include "ui/render.hpp"
#include "ui/render_text.hpp"

namespace imlit {

std::size_t Table::rows() const {
    std::size_t n = 0;
    for (const Column& c : columns)
        n = std::max(n, std::visit([](const auto& v) { return v.size(); }, c.values));
    return n;
}

namespace detail {
namespace {

constexpr int kMaxColumns = 64; // IMGUI_TABLE_MAX_COLUMNS in Dear ImGui 1.86

void draw_number_cell(double value, int precision) {
    char buf[64];
    int n;
    if (std::isnan(value))
        n = std::snprintf(buf, sizeof buf, "NaN");
    else if (std::abs(value) >= 1e15)
        n = std::snprintf(buf, sizeof buf, "%.*g", std::max(precision, 1) + 1, value);
    else
        n = std::snprintf(buf, sizeof buf, "%.*f", precision, value);
    n = std::clamp(n, 0, int(sizeof buf) - 1);
    const float w = ImGui::CalcTextSize(buf, buf + n).x;
    const float avail = ImGui::GetContentRegionAvail().x;
    if (avail > w) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - w);
    ImGui::TextUnformatted(buf, buf + n);
}

} // namespace

std::size_t draw_table(const Table& table, const TableOptions& options) {
    const int total_columns = int(std::min<std::size_t>(table.columns.size(), 1u << 20));
    if (total_columns == 0) {
        ImGui::TextDisabled("empty table");
        return 0;
    }
    const int ncols = std::min(total_columns, kMaxColumns);
    const std::size_t rows = table.rows();
    const int precision = std::clamp(options.number_precision, 0, 17);

    const ImGuiStyle& style = ImGui::GetStyle();
    const float row_h = ImGui::GetTextLineHeight() + style.CellPadding.y * 2;
    // Shrink to the content when it is shorter than the requested height (+ header, borders).
    const float content_h = row_h * (float(rows) + 1) + 4;
    float height = options.height;
    if (!std::isfinite(height) || height <= 0) height = TableOptions{}.height;
    height = std::min(height, content_h);

    ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                            ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                            ImGuiTableFlags_Resizable;
    // Many columns: natural widths and a horizontal scrollbar instead of squeezed columns.
    if (ncols > 8)
        flags |= ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
    else
        flags |= ImGuiTableFlags_SizingStretchProp;

    ImGui::PushID("imlit_table");
    ImGui::PushID(next_instance_index());
    std::size_t submitted = 0;
    if (ImGui::BeginTable("##table", ncols, flags, ImVec2(0, height))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        for (int c = 0; c < ncols; ++c) {
            ImGui::TableSetupColumn(table.columns[c].name.c_str());
        }
        // The header row, with number columns' names right-aligned over their values.
        ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
        for (int c = 0; c < ncols; ++c) {
            if (!ImGui::TableSetColumnIndex(c)) continue;
            const std::string& name = table.columns[c].name;
            if (std::holds_alternative<std::vector<double>>(table.columns[c].values)) {
                const float w = ImGui::CalcTextSize(name.c_str(), nullptr, true).x;
                const float avail = ImGui::GetContentRegionAvail().x;
                if (avail > w) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - w);
            }
            ImGui::PushID(c);
            ImGui::TableHeader(name.c_str());
            ImGui::PopID();
        }

        // ImGuiListClipper takes an int count; more rows than that cannot be scrolled to.
        const int clip_rows = int(std::min<std::size_t>(rows, std::size_t(INT32_MAX)));
        ImGuiListClipper clipper;
        clipper.Begin(clip_rows, row_h);
        while (clipper.Step()) {
            for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                ++submitted;
                ImGui::TableNextRow();
                for (int c = 0; c < ncols; ++c) {
                    ImGui::TableSetColumnIndex(c);
                    const auto& values = table.columns[c].values;
                    if (const auto* s = std::get_if<std::vector<std::string>>(&values)) {
                        if (std::size_t(r) < s->size()) {
                            const std::string& v = (*s)[std::size_t(r)];
                            ImGui::TextUnformatted(v.data(), v.data() + v.size());
                        }
                    } else if (const auto* d = std::get_if<std::vector<double>>(&values)) {
                        if (std::size_t(r) < d->size()) draw_number_cell((*d)[r], precision);
                    }
                }
            }
        }
        ImGui::EndTable();
    }
    ImGui::PopID();
    ImGui::PopID();
    if (total_columns > ncols)
        ImGui::TextDisabled("showing the first %d of %d columns", ncols, total_columns);
    return submitted;
}

} // namespace detail
} // namespace imlit
