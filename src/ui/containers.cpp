// imlit — containers: the level stack, Begin/End commands, and the public RAII handles.
//
// Each open container is a Level on the context's stack: its path id (for widget ids), whether
// output at that level is drawn, and which Dear ImGui calls must be undone when it closes.
// Closing is by token: a handle closes its own level and anything left open above it; a handle
// whose level is already gone does nothing.
//
// Index
//   [SECTION] Opening (emit_begin)
//   [SECTION] Closing
//   [SECTION] Public containers
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "ui/context.hpp"

namespace imlit::detail {

namespace {

std::atomic<std::uint64_t> g_tokens{1};

const void* imgui_id(std::uint64_t path) {
    return reinterpret_cast<const void*>(static_cast<std::uintptr_t>(path));
}

const char* container_kind_name(ContainerKind k) {
    switch (k) {
    case ContainerKind::root:
        return "root";
    case ContainerKind::sidebar:
        return "sidebar";
    case ContainerKind::expander:
        return "expander";
    case ContainerKind::container:
        return "container";
    case ContainerKind::columns:
        return "columns";
    case ContainerKind::tabs:
        return "tabs";
    case ContainerKind::column:
        return "column";
    case ContainerKind::tab:
        return "tab";
    }
    return "container";
}

bool is_table_level(const Level& l) {
    return (l.kind == ContainerKind::columns && l.table_open) ||
           (l.kind == ContainerKind::container && l.border && l.imgui_begun);
}

void begin_sidebar_window(Context::Impl& c) {
    Session::Impl& s = c.session->impl();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float width = s.sidebar_width > 0 ? s.sidebar_width : 280;
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(ImVec2(width, vp->WorkSize.y));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(20, 24));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::GetStyleColorVec4(ImGuiCol_MenuBarBg));
    ImGui::Begin("##imlit_sidebar", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                     ImGuiWindowFlags_NoSavedSettings); // scrolls when long
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(2);
    s.sidebar_used_now = true;
}

void container_error(Context::Impl& c, std::string message) {
    // Recorded when recording (so a replay explains the gap), else drawn only.
    if (c.replaying == 0)
        emit(c, CalloutCmd{CalloutKind::error, message});
    else
        draw_error_text(c, message);
}

} // namespace

// [SECTION] Opening (emit_begin) --------------------------------------------------------------

std::uint64_t emit_begin(Context::Impl& c, const BeginCmd& b) {
    raw_check(c);
    const std::size_t parent_index = c.stack.size() - 1;
    const bool parent_visible = c.visible();
    Level l;
    l.kind = b.kind;
    l.token = g_tokens.fetch_add(1, std::memory_order_relaxed);
    l.recorder_depth = c.recorders.size();
    l.anchor = c.stack[parent_index].anchor;
    const int own_index = static_cast<int>(parent_index + 1);
    auto child_of_parent = [&](std::uint64_t seg) {
        Level& p = c.stack[parent_index];
        l.path = child_path(p.path, seg);
        l.depth = p.depth + 1;
    };
    const bool logging = c.logging();

    switch (b.kind) {
    case ContainerKind::root:
        return 0;
    case ContainerKind::sidebar:
        l.path = child_path(0, segment_hash(0x3000, std::string_view("sidebar")));
        l.depth = 1;
        l.anchor = own_index;
        log_element(c, "sidebar", {});
        if (parent_visible && c.session) {
            begin_sidebar_window(c);
            ImGui::PushID(imgui_id(l.path));
            l.imgui_begun = true;
        }
        l.visible = parent_visible && c.session;
        break;
    case ContainerKind::expander: {
        child_of_parent(segment_hash(0x3100, b.label));
        log_element(c, "expander", b.label, b.label);
        bool open = b.flag;
        if (parent_visible) {
            ImGui::PushID(imgui_id(l.path));
            c.label_buf.assign(b.label.data(), b.label.size());
            ImGui::SetNextItemOpen(b.flag, ImGuiCond_Once);
            open = ImGui::CollapsingHeader(c.label_buf.c_str());
            if (open) ImGui::Indent();
            l.imgui_begun = true;
        }
        l.open = open;
        l.visible = parent_visible && open;
        break;
    }
    case ContainerKind::container: {
        Level& p = c.stack[parent_index];
        child_of_parent(b.label.empty() ? segment_hash(0x3200, std::uint64_t(p.counter++))
                                        : segment_hash(0x3201, b.label));
        log_element(c, "container", b.label, b.label);
        l.border = b.flag;
        if (parent_visible) {
            ImGui::PushID(imgui_id(l.path));
            if (b.flag) {
                if (ImGui::BeginTable("##box", 1,
                                      ImGuiTableFlags_BordersOuter | ImGuiTableFlags_PadOuterX)) {
                    ImGui::TableNextRow();
                    ImGui::TableSetColumnIndex(0);
                    ImGui::Dummy(ImVec2(0, 2));
                } else {
                    l.border = false;
                }
            }
            l.imgui_begun = true;
        }
        l.visible = parent_visible;
        break;
    }
    case ContainerKind::columns: {
        Level& p = c.stack[parent_index];
        child_of_parent(segment_hash(0x3300, std::uint64_t(p.counter++)));
        l.count = static_cast<std::uint32_t>(b.weights.size());
        if (logging && parent_visible) log_element(c, "columns", fmt::format("{}", l.count));
        l.column_y.fill(0);
        if (parent_visible) {
            ImGui::PushID(imgui_id(l.path));
            l.imgui_begun = true;
            l.table_open = ImGui::BeginTable("##cols", static_cast<int>(l.count),
                                             ImGuiTableFlags_SizingStretchProp);
            if (l.table_open) {
                for (float w : b.weights)
                    ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthStretch, w);
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                l.selected = 0;
            }
        }
        l.visible = parent_visible && l.table_open;
        break;
    }
    case ContainerKind::tabs: {
        Level& p = c.stack[parent_index];
        child_of_parent(segment_hash(0x3400, std::uint64_t(p.counter++)));
        l.count = static_cast<std::uint32_t>(b.labels.size());
        l.selected = 0;
        if (logging && parent_visible) {
            std::string joined;
            for (std::string_view s : b.labels) {
                if (!joined.empty()) joined += ", ";
                joined += s;
            }
            log_element(c, "tabs", joined);
            for (std::string_view s : b.labels)
                l.labels.emplace_back(s);
        }
        if (parent_visible) {
            ImGui::PushID(imgui_id(l.path));
            l.imgui_begun = true;
            l.selected = -1;
            if (ImGui::BeginTabBar("##tabs")) {
                for (std::size_t i = 0; i < b.labels.size(); ++i) {
                    c.label_buf.assign(b.labels[i].data(), b.labels[i].size());
                    c.label_buf += "##";
                    c.label_buf += std::to_string(i);
                    if (ImGui::BeginTabItem(c.label_buf.c_str())) {
                        l.selected = static_cast<int>(i);
                        ImGui::EndTabItem();
                    }
                }
                ImGui::EndTabBar();
            }
        }
        l.visible = parent_visible;
        break;
    }
    case ContainerKind::column:
    case ContainerKind::tab: {
        const ContainerKind group_kind =
            b.kind == ContainerKind::column ? ContainerKind::columns : ContainerKind::tabs;
        int g = -1;
        for (std::size_t i = c.stack.size(); i-- > 0;) {
            if (c.stack[i].kind == group_kind && c.stack[i].path == b.group) {
                g = static_cast<int>(i);
                break;
            }
        }
        const char* what = b.kind == ContainerKind::column ? "column" : "tab";
        if (g < 0) {
            if (c.frame) {
                container_error(c, fmt::format("{} {} of a {} group that is not open here (it was "
                                               "closed, or made outside the code that fills it)",
                                               what, b.index, container_kind_name(group_kind)));
                raw_arm(c);
                return 0;
            }
            // A loader on a worker filling a group made by the frame: record it; it is found (or
            // reported) when the recording is replayed on the UI thread.
            l.path = child_path(b.group, segment_hash(0x3500, std::uint64_t(b.index)));
            l.depth = c.stack[parent_index].depth + 1;
            l.anchor = own_index;
            l.visible = false;
            break;
        }
        Level& grp = c.stack[static_cast<std::size_t>(g)];
        if (b.index >= grp.count) {
            container_error(c, fmt::format("{} index {} is out of range ({} {}s)", what, b.index,
                                           grp.count, what));
            raw_arm(c);
            return 0;
        }
        for (std::size_t i = static_cast<std::size_t>(g) + 1; i < c.stack.size(); ++i) {
            const Level& between = c.stack[i];
            if (between.kind == ContainerKind::sidebar ||
                (b.kind == ContainerKind::column && is_table_level(between))) {
                container_error(c, fmt::format("{} {} cannot be opened from inside another {}",
                                               what, b.index, container_kind_name(between.kind)));
                raw_arm(c);
                return 0;
            }
        }
        l.path = child_path(grp.path, segment_hash(0x3500, std::uint64_t(b.index)));
        l.depth = grp.depth + 1;
        l.group_level = g;
        if (static_cast<std::size_t>(g) != parent_index) l.anchor = own_index;
        if (b.kind == ContainerKind::column) {
            l.open = true;
            l.visible = grp.visible && grp.table_open;
            if (l.visible) {
                if (grp.selected >= 0) {
                    float& y = grp.column_y[static_cast<std::size_t>(grp.selected)];
                    y = std::max(y, ImGui::GetCursorPosY());
                }
                l.previous = grp.selected;
                ImGui::TableSetColumnIndex(static_cast<int>(b.index));
                if (const float y = grp.column_y[b.index]; y > 0) ImGui::SetCursorPosY(y);
                grp.selected = static_cast<int>(b.index);
                ImGui::PushID(imgui_id(l.path));
                l.imgui_begun = true;
            }
        } else {
            l.open = grp.selected == static_cast<int>(b.index);
            l.visible = grp.visible && l.open;
            if (l.visible) {
                ImGui::PushID(imgui_id(l.path));
                l.imgui_begun = true;
            }
        }
        break;
    }
    }

    if (Recorder* r = c.recorder()) {
        if (b.kind == ContainerKind::columns || b.kind == ContainerKind::tabs) {
            // A group remembers its record-time id, so a replay elsewhere can map its
            // children's `group` (also record-time ids) to where the group is now.
            BeginCmd copy = b;
            copy.group = l.path;
            r->rec->impl().append(&copy);
        } else {
            r->rec->impl().append(&b);
        }
    }
    c.stack.push_back(std::move(l));
    if ((b.kind == ContainerKind::column || b.kind == ContainerKind::tab) && logging &&
        c.visible()) {
        const Level& grp = c.stack[static_cast<std::size_t>(c.stack.back().group_level)];
        std::string label = b.kind == ContainerKind::tab && b.index < grp.labels.size()
                                ? grp.labels[b.index]
                                : fmt::format("{}", b.index);
        if (LoggedElement* e = log_element(c, container_kind_name(b.kind), label, label))
            e->depth -= 1;
    }
    raw_arm(c);
    return c.stack.back().token;
}

// [SECTION] Closing
// ---------------------------------------------------------------------------------

void pop_level(Context::Impl& c) {
    Level& l = c.stack.back();
    if (l.imgui_begun && c.drawing) {
        switch (l.kind) {
        case ContainerKind::root:
            break;
        case ContainerKind::sidebar:
            ImGui::PopID();
            ImGui::End();
            break;
        case ContainerKind::expander:
            if (l.open) ImGui::Unindent();
            ImGui::PopID();
            break;
        case ContainerKind::container:
            if (l.border) {
                ImGui::Dummy(ImVec2(0, 2));
                ImGui::EndTable();
            }
            ImGui::PopID();
            break;
        case ContainerKind::columns:
            if (l.table_open) ImGui::EndTable();
            ImGui::PopID();
            break;
        case ContainerKind::tabs:
            ImGui::PopID();
            break;
        case ContainerKind::column: {
            ImGui::PopID();
            Level& grp = c.stack[static_cast<std::size_t>(l.group_level)];
            const auto idx = static_cast<std::size_t>(grp.selected);
            if (grp.selected >= 0)
                grp.column_y[idx] = std::max(grp.column_y[idx], ImGui::GetCursorPosY());
            if (l.previous >= 0 && l.previous != grp.selected) {
                ImGui::TableSetColumnIndex(l.previous);
                if (const float y = grp.column_y[static_cast<std::size_t>(l.previous)]; y > 0)
                    ImGui::SetCursorPosY(y);
                grp.selected = l.previous;
            }
            break;
        }
        case ContainerKind::tab:
            ImGui::PopID();
            break;
        }
    }
    c.stack.pop_back();
}

void close_level_token(Context::Impl& c, std::uint64_t token) {
    if (token == 0) return;
    for (std::size_t i = c.stack.size(); i-- > 1;) {
        if (c.stack[i].token != token) continue;
        raw_check(c);
        while (c.stack.size() > i) {
            const Level& top = c.stack.back();
            if (!c.recorders.empty() && top.recorder_depth == c.recorders.size())
                c.recorders.back().rec->impl().append(EndCmd{});
            pop_level(c);
        }
        raw_arm(c);
        return;
    }
}

} // namespace imlit::detail

// [SECTION] Public containers ---------------------------------------------------------------------

namespace imlit {
using namespace detail;

struct detail::ContainerAccess {
    static Container make(Context* ctx, std::uint64_t token, bool open) {
        Container c;
        if (token != 0) {
            c.ctx_ = ctx;
            c.token_ = token;
        }
        c.open_ = open;
        return c;
    }
    static ContainerGroup group(Context* ctx, std::uint64_t token, std::uint64_t id,
                                std::size_t count, bool tabs) {
        ContainerGroup g;
        if (token != 0) {
            g.ctx_ = ctx;
            g.token_ = token;
        }
        g.id_ = id;
        g.count_ = count;
        g.tabs_ = tabs;
        return g;
    }
    static void close(void* ctx, std::uint64_t token) {
        // Only the thread whose context opened it can close it (a handle moved to another
        // thread, or kept past its frame, is ignored: the frame already closed it).
        if (ctx == nullptr || ctx != Context::current()) return;
        close_level_token(static_cast<Context*>(ctx)->impl(), token);
    }
    static Container child(const ContainerGroup& g, std::size_t index) {
        Context::Impl& c = require_context(g.tabs_ ? "tabs[]" : "columns[]");
        const char* what = g.tabs_ ? "tab" : "column";
        if (g.count_ == 0) {
            draw_error_text(c, fmt::format("{} {} of a group that failed to open", what, index));
            return {};
        }
        if (index >= g.count_) {
            container_error_public(c, fmt::format("{} index {} is out of range ({} {}s)", what,
                                                  index, g.count_, what));
            return {};
        }
        BeginCmd b;
        b.kind = g.tabs_ ? ContainerKind::tab : ContainerKind::column;
        b.index = static_cast<std::uint32_t>(index);
        b.group = g.id_;
        const std::uint64_t token = emit_begin(c, b);
        if (token == 0) return {};
        const bool open = !c.recorders.empty() || c.stack.back().open;
        return make(Context::current(), token, open);
    }
    static void container_error_public(Context::Impl& c, const std::string& message) {
        emit(c, CalloutCmd{CalloutKind::error, message});
    }
};

Container::~Container() {
    ContainerAccess::close(ctx_, token_);
}
ContainerGroup::~ContainerGroup() {
    ContainerAccess::close(ctx_, token_);
}
Container ContainerGroup::operator[](std::size_t index) const {
    return ContainerAccess::child(*this, index);
}

namespace {

Container open_container(const char* fn, const BeginCmd& b) {
    Context::Impl& c = require_context(fn);
    const std::uint64_t token = emit_begin(c, b);
    if (token == 0) return {};
    const bool open = !c.recorders.empty() || c.stack.back().open;
    return ContainerAccess::make(Context::current(), token, open);
}

ContainerGroup open_group(const char* fn, const BeginCmd& b, std::size_t count, bool tabs) {
    Context::Impl& c = require_context(fn);
    const std::uint64_t token = emit_begin(c, b);
    if (token == 0) return {};
    return ContainerAccess::group(Context::current(), token, c.stack.back().path, count, tabs);
}

} // namespace

Container sidebar() {
    BeginCmd b;
    b.kind = ContainerKind::sidebar;
    return open_container("sidebar", b);
}

Container expander(std::string_view label, bool expanded) {
    BeginCmd b;
    b.kind = ContainerKind::expander;
    b.label = label;
    b.flag = expanded;
    return open_container("expander", b);
}

Container container(std::string_view key, bool border) {
    BeginCmd b;
    b.kind = ContainerKind::container;
    b.label = key;
    b.flag = border;
    return open_container("container", b);
}

namespace {
constexpr std::size_t kMaxColumns = 64;

ContainerGroup columns_impl(std::span<const float> weights) {
    Context::Impl& c = require_context("columns");
    if (weights.empty() || weights.size() > kMaxColumns) {
        emit(c, CalloutCmd{CalloutKind::error, fmt::format("columns: count must be 1..{} (got {})",
                                                           kMaxColumns, weights.size())});
        return {};
    }
    for (float w : weights) {
        if (!(w > 0) || !std::isfinite(w)) {
            emit(c, CalloutCmd{CalloutKind::error,
                               fmt::format("columns: weights must be finite and > 0 (got {})", w)});
            return {};
        }
    }
    BeginCmd b;
    b.kind = ContainerKind::columns;
    b.weights = weights;
    return open_group("columns", b, weights.size(), false);
}

ContainerGroup tabs_impl(std::span<const std::string_view> labels) {
    Context::Impl& c = require_context("tabs");
    if (labels.empty()) {
        emit(c, CalloutCmd{CalloutKind::error, "tabs: at least one label is needed"});
        return {};
    }
    BeginCmd b;
    b.kind = ContainerKind::tabs;
    b.labels = labels;
    return open_group("tabs", b, labels.size(), true);
}
} // namespace

ContainerGroup columns(std::size_t count) {
    std::array<float, kMaxColumns> ones;
    ones.fill(1.0f);
    if (count > kMaxColumns) {
        std::vector<float> many(count, 1.0f); // reported as an error by columns_impl
        return columns_impl(many);
    }
    return columns_impl(std::span<const float>(ones.data(), count));
}

ContainerGroup columns(std::initializer_list<float> weights) {
    return columns_impl(std::span<const float>(weights.begin(), weights.size()));
}

ContainerGroup tabs(std::initializer_list<std::string_view> labels) {
    return tabs_impl(std::span<const std::string_view>(labels.begin(), labels.size()));
}

ContainerGroup tabs(std::span<const std::string> labels) {
    Context::Impl& c = require_context("tabs");
    c.labels_buf.assign(labels.begin(), labels.end());
    return tabs_impl(c.labels_buf);
}

} // namespace imlit
