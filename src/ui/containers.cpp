// imlit — containers: the level stack, Begin/End commands, and the public RAII handles.
//
// Each open container is a Level on the context's stack: its path id (for widget ids), whether
// output at that level is drawn, and which Dear ImGui calls must be undone when it closes.
// Closing is by token: a handle closes its own level and anything left open above it; a handle
// whose level is already gone does nothing.
//
// Groups (columns, tabs) and placeholders are *pending* while no child (or write) is open on
// them: output issued at their level closes them first (settle_pending), so it lands below the
// whole group, as in Streamlit, however long the group's handle lives.
//
// Index
//   [SECTION] Ids
//   [SECTION] Opening (emit_begin)
//   [SECTION] Settling and closing
//   [SECTION] Public containers
#include <algorithm>
#include <cmath>

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/container_access.hpp"
#include "ui/context.hpp"

namespace imlit::detail {

namespace {

std::atomic<std::uint64_t> g_tokens{1};

// Segment tags: a keyed container's id depends on its key only (one tag for every kind, so two
// containers with one key clash whatever their kinds); an unkeyed one's on its kind, label and
// call site.
constexpr std::uint64_t kKeyedTag = 0x3201;
constexpr std::uint64_t kSidebarTag = 0x3000;
constexpr std::uint64_t kExpanderTag = 0x3100;
constexpr std::uint64_t kContainerTag = 0x3200;
constexpr std::uint64_t kColumnsTag = 0x3300;
constexpr std::uint64_t kTabsTag = 0x3400;
constexpr std::uint64_t kChildTag = 0x3500;
constexpr std::uint64_t kStatusTag = 0x3600;
constexpr std::uint64_t kOccurrenceTag = 0x3700;
constexpr float kDefaultSidebarWidth = 280;
// Dear ImGui storage keys (under a status box's id): the `expanded` value the code declared
// last, and an open state to apply on the next frame.
constexpr const char* kStatusDeclaredKey = "##declared";
constexpr const char* kStatusApplyKey = "##apply";

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
    case ContainerKind::status:
        return "status";
    case ContainerKind::columns:
        return "columns";
    case ContainerKind::tabs:
        return "tabs";
    case ContainerKind::column:
        return "column";
    case ContainerKind::tab:
        return "tab";
    case ContainerKind::placeholder:
        return "placeholder";
    case ContainerKind::slot_write:
        return "placeholder write";
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
    const float width = s.sidebar_width > 0 ? s.sidebar_width : kDefaultSidebarWidth;
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

const char* status_state_name(StatusState s) {
    switch (s) {
    case StatusState::running:
        return "running";
    case StatusState::complete:
        return "complete";
    case StatusState::error:
        return "error";
    }
    return "running";
}

double session_seconds(const Context::Impl& c) {
    if (c.session == nullptr) return ImGui::GetTime();
    return std::chrono::duration<double>(c.session->now().time_since_epoch()).count();
}

// [SECTION] Ids ----------------------------------------------------------------------------------
// The path of a container opening under the current top level. Unkeyed: from its kind, label
// and call site, so it does not depend on what was drawn before it; the n-th time one call site
// opens under one parent in a frame (a loop) it gets occurrence n mixed in. Keyed: from the
// key; a second container with that key under that parent is an error in place (it still opens,
// with an id of its own, so nothing inside clashes).
std::uint64_t container_path(Context::Impl& c, const BeginCmd& b, std::uint64_t kind_tag,
                             bool with_label) {
    const Level& parent = c.stack.back();
    const std::uint64_t seg =
        b.key.empty() ? segment_hash(kind_tag ^ b.site, with_label ? b.label : std::string_view())
                      : segment_hash(kKeyedTag, b.key);
    const std::uint64_t path = child_path(parent.path, seg);
    const std::uint32_t n = c.container_ids.next(path);
    if (n == 0) return path;
    if (!b.key.empty() && c.replaying == 0) // a replay shows the recorded error instead
        container_error(c, fmt::format("{} key '{}' is used by another container here: give "
                                       "each container a unique key",
                                       container_kind_name(b.kind), b.key));
    return child_path(parent.path, segment_hash(kOccurrenceTag ^ seg, std::uint64_t(n)));
}

} // namespace

// [SECTION] Opening (emit_begin) --------------------------------------------------------------

std::uint64_t emit_begin(Context::Impl& c, const BeginCmd& b) {
    raw_check(c);
    const bool child = b.kind == ContainerKind::column || b.kind == ContainerKind::tab;
    // The sidebar is a window of its own, not output at this level: it leaves a pending group
    // open for its children.
    if (b.kind != ContainerKind::sidebar) settle_pending(c, child ? b.group : 0);
    const std::size_t parent_index = c.stack.size() - 1;
    const bool parent_visible = c.visible();
    Level l;
    l.kind = b.kind;
    l.token = g_tokens.fetch_add(1, std::memory_order_relaxed);
    l.recorder_depth = c.recorders.size();
    l.anchor = c.stack[parent_index].anchor;
    const int own_index = static_cast<int>(parent_index + 1);
    auto set_path = [&](std::uint64_t path) {
        l.path = path;
        l.depth = c.stack[parent_index].depth + 1;
    };
    const bool logging = c.logging();

    switch (b.kind) {
    case ContainerKind::root:
    case ContainerKind::placeholder:
    case ContainerKind::slot_write:
        return 0; // never emitted as a BeginCmd
    case ContainerKind::sidebar:
        l.path = child_path(0, segment_hash(kSidebarTag, std::string_view("sidebar")));
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
        set_path(container_path(c, b, kExpanderTag, true));
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
    case ContainerKind::status: {
        set_path(container_path(c, b, kStatusTag, false));
        l.status = b.status->shared_from_this();
        const StatusCell::State st = b.status->get();
        if (LoggedElement* e = log_element(c, "status", st.label, st.label)) {
            e->state = status_state_name(st.state);
            l.log_index = static_cast<int>(c.session->impl().log.size()) - 1;
        }
        bool open = st.expanded;
        if (parent_visible) {
            ImGui::PushID(imgui_id(l.path));
            // The open state: `expanded` on first show; later, whenever the value the code left
            // at the end of a frame changes (update({.expanded}), applied the next frame); in
            // between, the user's clicks decide.
            ImGuiStorage* storage = ImGui::GetStateStorage();
            const ImGuiID declared = ImGui::GetID(kStatusDeclaredKey);
            const ImGuiID apply = ImGui::GetID(kStatusApplyKey);
            if (storage->GetInt(declared, 0) == 0) {
                ImGui::SetNextItemOpen(st.expanded, ImGuiCond_Always);
                storage->SetInt(declared, st.expanded ? 2 : 1);
            } else if (const int a = storage->GetInt(apply, 0); a != 0) {
                ImGui::SetNextItemOpen(a == 2, ImGuiCond_Always);
                storage->SetInt(apply, 0);
            }
            // Where CollapsingHeader would start a label: after its arrow, from the cursor (the
            // frame itself reaches into the window padding).
            const ImGuiStyle& style = ImGui::GetStyle();
            l.header_text_x =
                ImGui::GetCursorScreenPos().x + ImGui::GetFontSize() + style.FramePadding.x * 3;
            open = ImGui::CollapsingHeader("##status");
            const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
            const ImDrawList* dl = ImGui::GetWindowDrawList();
            const ImVec2 clo = dl->GetClipRectMin(), chi = dl->GetClipRectMax();
            l.header_min[0] = lo.x, l.header_min[1] = lo.y;
            l.header_max[0] = hi.x, l.header_max[1] = hi.y;
            l.clip_min[0] = clo.x, l.clip_min[1] = clo.y;
            l.clip_max[0] = chi.x, l.clip_max[1] = chi.y;
            if (open) ImGui::Indent();
            l.imgui_begun = true;
        }
        l.open = open;
        l.visible = parent_visible && open;
        break;
    }
    case ContainerKind::container: {
        set_path(container_path(c, b, kContainerTag, false));
        log_element(c, "container", b.key, b.key);
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
        set_path(container_path(c, b, kColumnsTag, false));
        l.pending = true;
        l.count = static_cast<std::uint32_t>(b.weights.size());
        if (logging && parent_visible) log_element(c, "columns", fmt::format("{}", l.count));
        l.column_y.fill(0);
        if (parent_visible) {
            ImGui::PushID(imgui_id(l.path));
            l.imgui_begun = true;
            ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchProp;
            if (b.flag) flags |= ImGuiTableFlags_Borders | ImGuiTableFlags_PadOuterX;
            l.table_open = ImGui::BeginTable("##cols", static_cast<int>(l.count), flags);
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
        set_path(container_path(c, b, kTabsTag, false));
        l.pending = true;
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
                container_error(
                    c, fmt::format("{} {} of a {} group that is not open here. Output issued at "
                                   "the group's level (outside its {}s) closes the group and goes "
                                   "below it, so fill a group's {}s before writing below it; or "
                                   "the group was closed, or made outside the code that fills it",
                                   what, b.index, container_kind_name(group_kind), what, what));
                raw_arm(c);
                return 0;
            }
            // A loader on a worker filling a group made by the frame: record it; it is found (or
            // reported) when the recording is replayed on the UI thread.
            l.path = child_path(b.group, segment_hash(kChildTag, std::uint64_t(b.index)));
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
        l.path = child_path(grp.path, segment_hash(kChildTag, std::uint64_t(b.index)));
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
    if (child && logging && c.visible()) {
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

std::uint64_t open_placeholder(Context::Impl& c, PlaceholderSlot& slot) {
    settle_pending(c);
    raw_check(c);
    if (Recorder* r = c.recorder()) r->rec->impl().append(SlotCmd{&slot});
    const Level& parent = c.stack.back();
    Level l;
    l.kind = ContainerKind::placeholder;
    l.token = g_tokens.fetch_add(1, std::memory_order_relaxed);
    l.path = parent.path; // transparent: its content is drawn at the parent's level
    l.depth = parent.depth;
    l.anchor = parent.anchor;
    l.visible = parent.visible;
    l.pending = true;
    l.recorder_depth = 0; // recorded as one SlotCmd, with no EndCmd
    l.slot = slot.shared_from_this();
    c.stack.push_back(std::move(l));
    raw_arm(c);
    return c.stack.back().token;
}

std::uint64_t open_slot_write(Context::Impl& c, std::uint64_t placeholder_token,
                              PlaceholderSlot& slot) {
    raw_check(c);
    const std::size_t target = find_level(c, placeholder_token);
    const Level& top = c.stack.back();
    Level l;
    l.kind = ContainerKind::slot_write;
    l.token = g_tokens.fetch_add(1, std::memory_order_relaxed);
    l.path = top.path;
    l.depth = top.depth;
    l.anchor = top.anchor;
    l.visible = false; // the content is drawn when the slot takes its place, not as written
    l.recorder_depth = 0;
    l.slot = slot.shared_from_this();
    l.content = std::make_shared<Recording>(Site{top.path, top.depth});
    l.slot_token = target != 0 && c.stack[target].pending ? placeholder_token : 0;
    Recording* content = l.content.get();
    c.stack.push_back(std::move(l));
    Recorder r{content, ScopeInfo{.name = "placeholder", .allow_widgets = false, .slot = true},
               c.stack.size() - 1};
    r.saved_replaying = c.replaying;
    c.recorders.push_back(r);
    raw_arm(c);
    return c.stack.back().token;
}

// [SECTION] Settling and closing --------------------------------------------------------------

std::size_t find_level(const Context::Impl& c, std::uint64_t token) {
    if (token == 0) return 0;
    for (std::size_t i = c.stack.size(); i-- > 1;)
        if (c.stack[i].token == token) return i;
    return 0;
}

void settle_pending(Context::Impl& c, std::uint64_t keep) {
    for (;;) {
        const Level& top = c.stack.back();
        if (!top.pending) return;
        const bool is_group = top.kind == ContainerKind::columns || top.kind == ContainerKind::tabs;
        if (keep != 0 && is_group && top.path == keep) return; // its child opens
        close_level_token(c, top.token);
    }
}

namespace {

// A slot_write level closes: the content recording is complete; publish it to the slot.
void finish_slot_write(Context::Impl& c, Level& w) {
    for (std::size_t i = c.recorders.size(); i-- > 0;) {
        if (c.recorders[i].rec != w.content.get()) continue;
        Recording::Impl& r = w.content->impl();
        while (!r.open_begins.empty())
            r.append(EndCmd{});
        c.replaying = c.recorders[i].saved_replaying;
        c.recorders.erase(c.recorders.begin() + static_cast<std::ptrdiff_t>(i));
        break;
    }
    w.slot->set(std::move(w.content));
}

} // namespace

void pop_level(Context::Impl& c) {
    Level& l = c.stack.back();
    if (l.imgui_begun && c.drawing) {
        switch (l.kind) {
        case ContainerKind::root:
        case ContainerKind::placeholder:
        case ContainerKind::slot_write:
            break;
        case ContainerKind::sidebar:
            ImGui::PopID();
            ImGui::End();
            break;
        case ContainerKind::expander:
            if (l.open) ImGui::Unindent();
            ImGui::PopID();
            break;
        case ContainerKind::status: {
            if (l.open) ImGui::Unindent();
            const StatusCell::State st = l.status->get();
            ImGuiStorage* storage = ImGui::GetStateStorage();
            const ImGuiID declared = ImGui::GetID(kStatusDeclaredKey);
            if (const int now = st.expanded ? 2 : 1; storage->GetInt(declared, 0) != now) {
                storage->SetInt(declared, now);
                storage->SetInt(ImGui::GetID(kStatusApplyKey), now);
            }
            draw_status_label(
                ImVec2(l.header_min[0], l.header_min[1]), ImVec2(l.header_max[0], l.header_max[1]),
                l.header_text_x, ImVec2(l.clip_min[0], l.clip_min[1]),
                ImVec2(l.clip_max[0], l.clip_max[1]), st.label, st.state, session_seconds(c));
            // The running icon spins: keep frames coming (a manual clock never moves by
            // itself, so there is nothing to animate).
            if (st.state == StatusState::running && c.session &&
                !c.session->impl().options.manual_clock)
                request_redraw();
            ImGui::PopID();
            break;
        }
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
    if (l.kind == ContainerKind::status && l.log_index >= 0 && c.session) {
        // Logged when it opened; the body may have updated it since.
        auto& log = c.session->impl().log;
        if (static_cast<std::size_t>(l.log_index) < log.size()) {
            const StatusCell::State st = l.status->get();
            log[static_cast<std::size_t>(l.log_index)].text = st.label;
            log[static_cast<std::size_t>(l.log_index)].label = st.label;
            log[static_cast<std::size_t>(l.log_index)].state = status_state_name(st.state);
        }
    }
    std::shared_ptr<PlaceholderSlot> settled;
    if (l.kind == ContainerKind::slot_write) finish_slot_write(c, l);
    if (l.kind == ContainerKind::placeholder) settled = std::move(l.slot);
    c.stack.pop_back();
    // A pending level popped from under a replay or a record scope (output after a group made
    // before them): they now start at its parent.
    if (c.replay_floor > c.stack.size()) c.replay_floor = c.stack.size();
    for (Recorder& r : c.recorders)
        if (r.base_level >= c.stack.size()) r.base_level = c.stack.size() - 1;
    // The placeholder takes its place: its last content is drawn where it was made.
    if (settled && c.visible()) draw_slot_content(c, *settled);
}

void close_level_token(Context::Impl& c, std::uint64_t token) {
    const std::size_t i = find_level(c, token);
    if (i == 0) return;
    raw_check(c);
    while (c.stack.size() > i) {
        const Level& top = c.stack.back();
        if (!c.recorders.empty() && top.recorder_depth == c.recorders.size())
            c.recorders.back().rec->impl().append(EndCmd{});
        pop_level(c);
    }
    raw_arm(c);
}

void draw_slot_content(Context::Impl& c, const PlaceholderSlot& slot) {
    const std::shared_ptr<const Recording> content = slot.get();
    if (!content || content->size() == 0) return;
    // The content is recorded once, in the slot: while it is drawn, no enclosing recording may
    // copy it (a replay of that recording draws the slot through its SlotCmd).
    struct HideRecorders {
        Context::Impl& c;
        std::vector<Recorder> hidden;
        explicit HideRecorders(Context::Impl& ctx) : c(ctx) { hidden.swap(c.recorders); }
        ~HideRecorders() { hidden.swap(c.recorders); }
    } hide(c);
    replay(*content, content->size());
}

} // namespace imlit::detail

// [SECTION] Public containers ---------------------------------------------------------------------

namespace imlit {
using namespace detail;

Container::~Container() {
    ContainerAccess::close(ctx_, token_);
}
ContainerGroup::~ContainerGroup() {
    ContainerAccess::close(ctx_, token_);
}
Container ContainerGroup::operator[](std::size_t index) const& {
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

Container expander(std::string_view label, ExpanderOptions options, std::source_location where) {
    BeginCmd b;
    b.kind = ContainerKind::expander;
    b.label = label;
    b.key = options.key;
    b.site = call_site_hash(where);
    b.flag = options.expanded;
    return open_container("expander", b);
}

Container container(ContainerOptions options, std::source_location where) {
    BeginCmd b;
    b.kind = ContainerKind::container;
    b.key = options.key;
    b.site = call_site_hash(where);
    b.flag = options.border;
    return open_container("container", b);
}

namespace {
constexpr std::size_t kMaxColumns = 64;
constexpr std::size_t kMaxTabs = 1024; // more is no usable tab bar; checked before copying

// Empty when `n` labels are acceptable for tabs; else the error shown in place.
std::string tabs_count_error(std::size_t n) {
    if (n == 0) return "tabs: at least one label is needed";
    if (n > kMaxTabs) return fmt::format("tabs: at most {} tabs (got {} labels)", kMaxTabs, n);
    return {};
}

ContainerGroup columns_impl(std::span<const float> weights, const ColumnsOptions& options,
                            std::uint64_t site) {
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
    b.key = options.key;
    b.site = site;
    b.flag = options.border;
    return open_group("columns", b, weights.size(), false);
}

ContainerGroup tabs_impl(std::span<const std::string_view> labels, const TabsOptions& options,
                         std::uint64_t site) {
    Context::Impl& c = require_context("tabs");
    if (std::string error = tabs_count_error(labels.size()); !error.empty()) {
        emit(c, CalloutCmd{CalloutKind::error, error});
        return {};
    }
    BeginCmd b;
    b.kind = ContainerKind::tabs;
    b.labels = labels;
    b.key = options.key;
    b.site = site;
    return open_group("tabs", b, labels.size(), true);
}
} // namespace

ContainerGroup columns(std::size_t count, ColumnsOptions options, std::source_location where) {
    if (count == 0 || count > kMaxColumns) {
        emit(require_context("columns"),
             CalloutCmd{CalloutKind::error,
                        fmt::format("columns: count must be 1..{} (got {})", kMaxColumns, count)});
        return {};
    }
    std::array<float, kMaxColumns> ones;
    ones.fill(1.0f);
    return columns_impl(std::span<const float>(ones.data(), count), options, call_site_hash(where));
}

ContainerGroup columns(std::initializer_list<float> weights, ColumnsOptions options,
                       std::source_location where) {
    return columns_impl(std::span<const float>(weights.begin(), weights.size()), options,
                        call_site_hash(where));
}

ContainerGroup tabs(std::initializer_list<std::string_view> labels, TabsOptions options,
                    std::source_location where) {
    return tabs_impl(std::span<const std::string_view>(labels.begin(), labels.size()), options,
                     call_site_hash(where));
}

ContainerGroup tabs(std::span<const std::string> labels, TabsOptions options,
                    std::source_location where) {
    Context::Impl& c = require_context("tabs");
    if (std::string error = tabs_count_error(labels.size()); !error.empty()) {
        emit(c, CalloutCmd{CalloutKind::error, error}); // before copying the labels
        return {};
    }
    c.labels_buf.assign(labels.begin(), labels.end());
    return tabs_impl(c.labels_buf, options, call_site_hash(where));
}

} // namespace imlit
