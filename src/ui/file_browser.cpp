// imlit — the file browser behind file_input and save_button: its state per widget, directory
// listing, glob filters, the actions, and drawing. See file_browser.hpp.
//
// I/O happens only in actions (open, navigate, filter, save), never in the per-frame draw.
//
// Index
//   [SECTION] State
//   [SECTION] Listing and filters
//   [SECTION] Actions
//   [SECTION] Drawing
#include <algorithm>
#include <system_error>
#include <typeinfo>
#include <unordered_map>

#include <fmt/format.h>
#include <imgui.h>

#include "ui/file_browser.hpp"
#include "ui/session_impl.hpp"
#include "ui/widget_impl.hpp"

namespace imlit::detail {

namespace fs = std::filesystem;

namespace {

constexpr const char* kBrowsersKey = "\x1fimlit.file_browsers"; // session_state: not a user key
constexpr std::string_view kAllFiles = "*";
constexpr float kListHeightEm = 16; // the entry list's height, in font sizes
constexpr float kPopupWidthEm = 36; // the popup's width, in font sizes
constexpr float kPathFieldEm = 24;  // the path field's width, in font sizes
constexpr const char* kBrowse = "Browse...";
constexpr std::size_t kNameBytes = 256;  // a file name (NAME_MAX is 255)
constexpr std::size_t kPathBytes = 4096; // a path (PATH_MAX)

// [SECTION] State ---------------------------------------------------------------------------------

struct FileBrowsers {
    std::unordered_map<std::uint64_t, FileBrowser> browsers;
};

FileBrowsers* browsers(Session& session, bool create) {
    auto& state = session.impl().state;
    auto it = state.find(std::string_view(kBrowsersKey));
    if (it == state.end()) {
        if (!create) return nullptr;
        it = state
                 .emplace(kBrowsersKey, SessionStateObject{&typeid(FileBrowsers),
                                                           std::make_shared<FileBrowsers>()})
                 .first;
    }
    return static_cast<FileBrowsers*>(it->second.object.get());
}

} // namespace

FileBrowser& file_browser(Session& session, std::uint64_t id) {
    return browsers(session, true)->browsers[id];
}

FileBrowser* find_file_browser(Session& session, std::uint64_t id) {
    FileBrowsers* all = browsers(session, false);
    if (all == nullptr) return nullptr;
    auto it = all->browsers.find(id);
    return it == all->browsers.end() ? nullptr : &it->second;
}

// [SECTION] Listing and filters -------------------------------------------------------------------

bool glob_match(std::string_view pattern, std::string_view name) {
    // Iterative matcher with one backtrack point for the last '*' (linear in practice).
    std::size_t p = 0, n = 0, star = std::string_view::npos, resume = 0;
    while (n < name.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
            ++p;
            ++n;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = n;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            n = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

namespace {

void list_directory(FileBrowser& b) {
    b.entries.clear();
    b.list_error.clear();
    b.highlight = -1;
    const std::string_view pattern =
        b.filter < b.filters.size() ? std::string_view(b.filters[b.filter]) : kAllFiles;
    std::error_code ec;
    fs::directory_iterator it(b.directory, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        b.list_error = fmt::format("cannot read {}: {}", b.directory.string(), ec.message());
        return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) {
            b.list_error = fmt::format("cannot read {}: {}", b.directory.string(), ec.message());
            break;
        }
        std::error_code type_ec;
        const bool dir = it->is_directory(type_ec);
        std::string name = it->path().filename().string();
        if (!dir && !glob_match(pattern, name)) continue;
        b.entries.push_back({std::move(name), dir});
    }
    std::sort(b.entries.begin(), b.entries.end(), [](const auto& x, const auto& y) {
        if (x.directory != y.directory) return x.directory;
        return x.name < y.name;
    });
    if (!b.entries.empty()) b.highlight = 0;
}

} // namespace

// [SECTION] Actions -------------------------------------------------------------------------------

void browser_open(FileBrowser& b, std::string_view current_path, std::string_view start_dir,
                  std::string_view default_name) {
    std::error_code ec;
    fs::path dir;
    if (!current_path.empty()) {
        const fs::path p(current_path);
        if (fs::is_directory(p, ec))
            dir = p;
        else if (fs::is_directory(p.parent_path(), ec))
            dir = p.parent_path();
    }
    if (dir.empty() && !start_dir.empty() && fs::is_directory(start_dir, ec)) dir = start_dir;
    if (dir.empty()) dir = fs::current_path(ec);
    b.directory = fs::absolute(dir, ec).lexically_normal();
    b.open = true;
    b.name.assign(default_name);
    b.error.clear();
    list_directory(b);
}

void browser_navigate(FileBrowser& b, const fs::path& directory) {
    b.directory = directory.lexically_normal();
    list_directory(b);
}

void browser_up(FileBrowser& b) {
    fs::path parent = b.directory.parent_path();
    if (b.directory.has_relative_path() && !parent.empty()) browser_navigate(b, parent);
}

void browser_set_filter(FileBrowser& b, std::size_t index) {
    if (index >= b.filters.size() || index == b.filter) return;
    b.filter = index;
    list_directory(b);
}

void browser_move(FileBrowser& b, int delta) {
    if (b.entries.empty()) return;
    const int last = static_cast<int>(b.entries.size()) - 1;
    b.highlight = std::clamp(b.highlight + delta, 0, last);
}

std::string browser_activate(FileBrowser& b, std::size_t entry, bool pick_directory) {
    if (entry >= b.entries.size()) return {};
    const BrowserEntry e = b.entries[entry];
    if (e.directory) {
        browser_navigate(b, b.directory / e.name);
        return {};
    }
    if (b.save) {
        b.name = e.name;
        return {};
    }
    if (pick_directory) return {};
    return (b.directory / e.name).string();
}

// [SECTION] Drawing -------------------------------------------------------------------------------

namespace {

bool key_pressed(ImGuiKey key) {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key));
}

// Keeps b.filters equal to the widget's patterns plus "*" (allocates only when they change).
void sync_filters(FileBrowser& b, std::span<const std::string> patterns) {
    bool same = b.filters.size() == patterns.size() + 1;
    for (std::size_t i = 0; same && i < patterns.size(); ++i)
        same = b.filters[i] == patterns[i];
    if (same) return;
    b.filters.assign(patterns.begin(), patterns.end());
    b.filters.emplace_back(kAllFiles);
    if (b.filter >= b.filters.size()) b.filter = 0;
}

// Saves to b.directory / b.name; errors go to b.error. True on success.
bool do_save(FileBrowser& b, const FileSpec& spec) {
    if (b.name.empty() || b.name.find('/') != std::string::npos) {
        b.error = b.name.empty() ? "enter a file name" : "a file name cannot contain '/'";
        return false;
    }
    const std::string path = (b.directory / b.name).string();
    try {
        write_file_atomically(path, *spec.writer);
    } catch (const std::exception& e) {
        b.error = e.what();
        return false;
    }
    b.error.clear();
    b.saved = path;
    b.just_saved = true;
    return true;
}

// The popup's content. Returns the chosen path ("" while none).
std::string draw_browser(Context::Impl& c, FileBrowser& b, const FileSpec& spec) {
    std::string chosen;
    const std::string dir = b.directory.string();
    ImGui::TextUnformatted(dir.c_str());
    if (ImGui::Button("Up")) browser_up(b);
    ImGui::SameLine();
    if (ImGui::Button("Refresh")) browser_navigate(b, b.directory);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    const std::string& current = b.filters[b.filter];
    if (ImGui::BeginCombo("##filter", current.c_str())) {
        for (std::size_t i = 0; i < b.filters.size(); ++i) {
            const bool on = i == b.filter;
            const std::string label =
                b.filters[i] == kAllFiles ? std::string("All files (*)") : b.filters[i];
            if (ImGui::Selectable(label.c_str(), on)) browser_set_filter(b, i);
        }
        ImGui::EndCombo();
    }
    if (!b.list_error.empty())
        ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", b.list_error.c_str());

    // Keyboard: only while no text field has focus (the name field uses Backspace).
    if (!ImGui::GetIO().WantTextInput && !b.entries.empty()) {
        if (key_pressed(ImGuiKey_DownArrow)) browser_move(b, 1);
        if (key_pressed(ImGuiKey_UpArrow)) browser_move(b, -1);
        if (key_pressed(ImGuiKey_Enter) && b.highlight >= 0)
            chosen =
                browser_activate(b, static_cast<std::size_t>(b.highlight), spec.pick_directory);
    }
    if (!ImGui::GetIO().WantTextInput && key_pressed(ImGuiKey_Backspace)) browser_up(b);

    const float list_h = ImGui::GetFontSize() * kListHeightEm;
    int activate = -1; // acted on after the list: it re-reads b.entries
    if (ImGui::BeginChild("##entries", ImVec2(0, list_h), true)) {
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(b.entries.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const BrowserEntry& e = b.entries[static_cast<std::size_t>(i)];
                c.label_buf.assign(e.name);
                if (e.directory) c.label_buf += '/';
                ImGui::PushID(i);
                if (ImGui::Selectable(c.label_buf.c_str(), i == b.highlight,
                                      ImGuiSelectableFlags_AllowDoubleClick)) {
                    b.highlight = i;
                    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) activate = i;
                }
                ImGui::PopID();
            }
        }
        if (c.logging()) { // for AppTest: the directory and what it lists
            log_element(c, "file_browser", dir);
            for (const BrowserEntry& e : b.entries)
                log_element(c, "file_entry", e.directory ? e.name + "/" : e.name);
        }
    }
    ImGui::EndChild();
    if (activate >= 0)
        chosen = browser_activate(b, static_cast<std::size_t>(activate), spec.pick_directory);

    if (spec.save) {
        char name[kNameBytes];
        const std::size_t n = std::min(b.name.size(), sizeof name - 1);
        std::copy_n(b.name.data(), n, name);
        name[n] = '\0';
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * kPathFieldEm);
        if (ImGui::InputText("File name", name, sizeof name)) b.name = name;
    }
    const char* ok = spec.save ? "Save" : (spec.pick_directory ? "Choose this directory" : "Open");
    if (ImGui::Button(ok) || b.confirm) {
        b.confirm = false;
        if (spec.save) {
            if (do_save(b, spec)) b.open = false;
        } else if (spec.pick_directory) {
            chosen = dir;
        } else if (b.highlight >= 0) {
            chosen = browser_activate(b, static_cast<std::size_t>(b.highlight), false);
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || key_pressed(ImGuiKey_Escape)) b.open = false;
    if (spec.save && !b.error.empty())
        ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", b.error.c_str());
    return chosen;
}

} // namespace

void draw_file_widget(Context::Impl& c, const WidgetCmd& w, std::uint64_t id,
                      const std::string& value) {
    const FileSpec& spec = *w.file;
    FileBrowser& b = file_browser(*c.session, id);
    b.save = spec.save;
    b.last_frame = c.session->impl().frame_count;
    sync_filters(b, spec.filters);
    if (b.current != value) b.current = value;
    if (b.start_dir != spec.directory) b.start_dir.assign(spec.directory);
    if (b.default_name != spec.default_name) b.default_name.assign(spec.default_name);
    b.pick_directory = spec.pick_directory;

    if (spec.save) {
        c.label_buf.assign(w.label);
        if (ImGui::Button(c.label_buf.c_str()))
            browser_open(b, b.saved, spec.directory, spec.default_name);
    } else {
        if (!w.label.empty())
            ImGui::TextUnformatted(w.label.data(), w.label.data() + w.label.size());
        // The field takes the width left beside the button (at most kPathFieldEm).
        const ImGuiStyle& style = ImGui::GetStyle();
        const float button_w = ImGui::CalcTextSize(kBrowse).x + style.FramePadding.x * 2;
        const float field_w =
            std::min(ImGui::GetFontSize() * kPathFieldEm,
                     ImGui::GetContentRegionAvail().x - button_w - style.ItemSpacing.x);
        ImGui::SetNextItemWidth(std::max(field_w, ImGui::GetFontSize()));
        // The field edits a copy; a change is written to the store like a user's edit.
        char buf[kPathBytes];
        const std::size_t n = std::min(value.size(), sizeof buf - 1);
        std::copy_n(value.data(), n, buf);
        buf[n] = '\0';
        c.text_buf.assign(spec.placeholder);
        if (ImGui::InputTextWithHint("##path", c.text_buf.c_str(), buf, sizeof buf))
            write_store(c, w.kind, id, std::string(buf));
        ImGui::SameLine();
        if (ImGui::Button(kBrowse)) browser_open(b, value, spec.directory, {});
    }

    const char* popup = spec.save ? "Save file##browser" : "Open file##browser";
    if (b.open && !ImGui::IsPopupOpen(popup)) ImGui::OpenPopup(popup);
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * kPopupWidthEm, 0), ImGuiCond_Appearing);
    bool keep = true;
    if (ImGui::BeginPopupModal(popup, &keep)) {
        const std::string chosen = draw_browser(c, b, spec);
        if (!chosen.empty()) {
            write_store(c, w.kind, id, chosen);
            b.open = false;
        }
        if (!keep || !b.open) {
            b.open = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    } else if (b.open && !keep) {
        b.open = false;
    }
    if (spec.save) {
        if (!b.error.empty() && !b.open) {
            c.text_buf.clear();
            fmt::format_to(std::back_inserter(c.text_buf), "{}: {}", w.label, b.error);
            draw_error_text(c, c.text_buf);
        } else if (!b.saved.empty()) {
            ImGui::TextDisabled("Saved %s", b.saved.c_str());
        }
    }
}

} // namespace imlit::detail
