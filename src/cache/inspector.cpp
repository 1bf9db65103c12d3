// imlit cache internals — cache_inspector(): framework UI drawn with raw Dear ImGui inside
// imlit::custom (it is never inside a loader).
#include <imgui.h>

#include "cache/function_core.hpp"
#include "cache/registry.hpp"
#include "cache/scheduler.hpp"

namespace {

constexpr double kMiB = 1 << 20;
const ImVec4 kOverBudgetColor(1.0f, 0.55f, 0.2f, 1.0f);

// "working set X MB > budget Y MB" (or entries), when a bound is exceeded by entries in use.
void over_budget_mark(const imlit::CacheStats& s, const char* bound) {
    if (s.over_limit == 0) return;
    if (s.over_entries)
        ImGui::TextColored(kOverBudgetColor, "working set %zu entries > %s %zu", s.over_used, bound,
                           s.over_limit);
    else
        ImGui::TextColored(kOverBudgetColor, "working set %.1f MB > %s %.1f MB",
                           static_cast<double>(s.over_used) / kMiB, bound,
                           static_cast<double>(s.over_limit) / kMiB);
}

} // namespace

void imlit::cache_inspector() {
    imlit::custom([] {
        const CacheStatsSummary s = cache_stats();
        const auto cores = detail::registry().live();
        const auto loads = detail::Scheduler::get().counts();
        ImGui::PushID("imlit.cache_inspector");
        ImGui::Text("Caches: %zu entries, %.1f MiB of %.1f MiB budget; %zu loading, %zu waiting",
                    s.total.entries, static_cast<double>(s.total.bytes) / kMiB,
                    static_cast<double>(cache_budget()) / kMiB, loads.running, loads.queued);
        ImGui::SameLine();
        if (ImGui::SmallButton("Clear all")) {
            clear_data_caches();
            clear_resource_caches();
        }
        over_budget_mark(s.total, "budget");
        const ImGuiTableFlags flags =
            ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
        constexpr int kColumns = 9;
        if (ImGui::BeginTable("caches", kColumns, flags)) {
            for (const char* h :
                 {"function", "kind", "entries", "KiB", "hits", "misses", "loads", "load s", ""})
                ImGui::TableSetupColumn(h);
            ImGui::TableHeadersRow();
            for (const auto& core : cores) {
                const CacheStats st = detail::stats(*core);
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(st.name.c_str());
                over_budget_mark(st, st.over_entries ? "max_entries" : "budget");
                if (st.over_limit == 0 && s.total.over_limit != 0 && st.bytes > 0) {
                    // Over the global budget: this function's part of the working set.
                    const double mine = static_cast<double>(st.bytes) / kMiB;
                    const double budget = static_cast<double>(s.total.over_limit) / kMiB;
                    if (st.bytes > s.total.over_limit)
                        ImGui::TextColored(kOverBudgetColor, "working set %.1f MB > budget %.1f MB",
                                           mine, budget);
                    else
                        ImGui::TextColored(
                            kOverBudgetColor, "working set %.1f MB (all: %.1f MB > budget %.1f MB)",
                            mine, static_cast<double>(s.total.over_used) / kMiB, budget);
                }
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(core->opt.resource ? "resource" : "data");
                ImGui::TableNextColumn();
                ImGui::Text("%zu", st.entries);
                ImGui::TableNextColumn();
                ImGui::Text("%.1f", static_cast<double>(st.bytes) / 1024);
                ImGui::TableNextColumn();
                ImGui::Text("%llu", static_cast<unsigned long long>(st.hits));
                ImGui::TableNextColumn();
                ImGui::Text("%llu", static_cast<unsigned long long>(st.misses));
                ImGui::TableNextColumn();
                ImGui::Text("%llu", static_cast<unsigned long long>(st.loads));
                ImGui::TableNextColumn();
                ImGui::Text("%.3f", st.load_time.count());
                ImGui::TableNextColumn();
                ImGui::PushID(static_cast<int>(core->id));
                if (ImGui::SmallButton("Clear")) detail::clear(*core);
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
        ImGui::PopID();
    });
}
