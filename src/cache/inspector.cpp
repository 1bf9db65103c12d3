// imlit cache internals — cache_inspector(): the table of functions (raw Dear ImGui inside
// imlit::custom; it is never inside a loader), then one expander per function with its miss
// reasons and its entries, drawn with imlit's own elements (R17).
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>
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

constexpr float kRowHeight = 24;
constexpr float kMaxTableHeight = 300;
constexpr std::size_t kArgsShown = 8; // hex digits of the arguments' hash

// "3 new arguments, 1 a widget changed" ("none" when it never missed).
std::string miss_reasons(const imlit::CacheStats& st) {
    std::string out;
    for (std::size_t i = 0; i < imlit::kMissReasons; ++i)
        if (st.misses_by_reason[i] != 0)
            out += fmt::format("{}{} {}", out.empty() ? "" : ", ", st.misses_by_reason[i],
                               imlit::miss_reason_name(static_cast<imlit::MissReason>(i)));
    return out.empty() ? "none" : out;
}

// One function's entries, in an expander (closed unless opened), as an imlit table.
void show_entries(const imlit::detail::FunctionCore& core) {
    using namespace imlit;
    const CacheStats st = detail::stats(core);
    const std::vector<EntryInfo> list = detail::entries(core);
    if (list.empty() && st.misses == 0) return;
    const std::string key = fmt::format("imlit.cache_inspector.entries.{}", core.id);
    auto e = expander(fmt::format("{}: {} entries", st.name, list.size()), {.key = key});
    if (!e) return;
    caption(fmt::format("misses by reason: {}", miss_reasons(st)));
    if (core.persist)
        caption(fmt::format("disk: {} read back, {} written, {} warnings", st.disk_hits,
                            st.disk_writes, st.disk_warnings));
    if (list.empty()) return;
    std::vector<std::string> args, widgets, ttl, where;
    std::vector<double> kib, age, hits, load;
    for (const EntryInfo& i : list) {
        args.push_back(i.args.substr(0, kArgsShown));
        std::string w;
        for (const std::string& r : i.widgets)
            w += (w.empty() ? "" : ", ") + r;
        widgets.push_back(w.empty() ? "-" : w);
        kib.push_back(static_cast<double>(i.bytes) / 1024);
        age.push_back(i.age.count());
        ttl.push_back(i.ttl_left.count() < 0 ? "-" : fmt::format("{:.1f}", i.ttl_left.count()));
        hits.push_back(static_cast<double>(i.hits));
        load.push_back(i.load_time.count());
        where.push_back(i.failed    ? "failed: " + i.error
                        : i.on_disk ? (i.from_disk ? "memory + disk (read back)" : "memory + disk")
                                    : "memory");
    }
    Table t;
    t.columns = {{"arguments", std::move(args)}, {"widgets", std::move(widgets)},
                 {"KiB", std::move(kib)},        {"age s", std::move(age)},
                 {"ttl left s", std::move(ttl)}, {"hits", std::move(hits)},
                 {"load s", std::move(load)},    {"where", std::move(where)}};
    const float height =
        std::min(kMaxTableHeight, kRowHeight * static_cast<float>(list.size() + 2));
    table(t, {.height = height, .number_precision = 2});
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
    for (const auto& core : detail::registry().live())
        show_entries(*core);
}
