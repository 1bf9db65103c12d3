// imlit — AppTest access to the data widgets (imlit/testing_data.hpp): a data table's widgets,
// and FileBrowserHandle, the actions of the file browser's mouse and keys
// (ui/file_browser.cpp) applied between frames.
#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "imlit/testing_data.hpp"
#include "ui/file_browser.hpp"
#include "ui/session_impl.hpp"

namespace imlit::testing {

namespace {

detail::FileBrowser& browser_of(AppTest& at, std::uint64_t id) {
    detail::FileBrowser* b = detail::find_file_browser(at.session(), id);
    if (b == nullptr)
        throw std::logic_error("AppTest: this file browser's widget has not been drawn");
    return *b;
}

detail::FileBrowser& open_browser(AppTest& at, std::uint64_t id) {
    detail::FileBrowser& b = browser_of(at, id);
    if (!b.open) throw std::logic_error("AppTest: the file browser is not open (call open())");
    return b;
}

} // namespace

namespace {

// The one widget of `kind` labelled `label` (keyed `key`); its key, when the table has one, is
// the table's key plus `suffix` (data_table.cpp).
WidgetHandle one_widget(AppTest& at, std::string_view kind, std::string_view label,
                        std::string_view key, std::string_view suffix) {
    if (!key.empty()) return at.widget(label, std::string(key) + std::string(suffix));
    std::vector<WidgetHandle> found;
    for (WidgetHandle& h : at.widgets(kind))
        if (h.label() == label) found.push_back(h);
    if (found.size() != 1)
        throw std::out_of_range(fmt::format("AppTest: {} {} labelled \"{}\" in the last frame{}",
                                            found.empty() ? "no" : "several", kind, label,
                                            found.empty() ? "" : ": pick one by key"));
    return found.front();
}

} // namespace

WidgetHandle table(AppTest& at, std::string_view label, std::string_view key) {
    return one_widget(at, "data_table", label, key, "");
}

WidgetHandle table_selection(AppTest& at, std::string_view label, std::string_view key) {
    return one_widget(at, "table_selection", label, key, "#selection");
}

FileBrowserHandle file_browser(AppTest& at, std::string_view label, std::string_view key) {
    std::vector<std::uint64_t> ids;
    for (const detail::LoggedElement& e : detail::element_log(at.session())) {
        if (e.widget_id == 0 || e.label != label || (!key.empty() && e.key != key)) continue;
        if (e.widget_kind == detail::WidgetKind::file_input ||
            e.widget_kind == detail::WidgetKind::save_button)
            ids.push_back(e.widget_id);
    }
    if (ids.size() != 1)
        throw std::out_of_range(fmt::format(
            "AppTest: {} file_input or save_button labelled \"{}\"{} in the last frame{}",
            ids.empty() ? "no" : "several", label,
            key.empty() ? std::string() : fmt::format(" (key \"{}\")", key),
            ids.empty() ? "" : ": pick one by key"));
    return FileBrowserHandle(&at, ids.front());
}

FileBrowserHandle& FileBrowserHandle::open() {
    detail::FileBrowser& b = browser_of(*test_, id_);
    detail::browser_open(b, b.save ? b.saved : b.current, b.start_dir, b.default_name);
    return *this;
}

bool FileBrowserHandle::is_open() const {
    return browser_of(*test_, id_).open;
}

std::string FileBrowserHandle::directory() const {
    return browser_of(*test_, id_).directory.string();
}

std::vector<std::string> FileBrowserHandle::entries() const {
    std::vector<std::string> out;
    for (const detail::BrowserEntry& e : browser_of(*test_, id_).entries)
        out.push_back(e.directory ? e.name + "/" : e.name);
    return out;
}

FileBrowserHandle& FileBrowserHandle::filter(std::string_view pattern) {
    detail::FileBrowser& b = open_browser(*test_, id_);
    auto it = std::find(b.filters.begin(), b.filters.end(), pattern);
    if (it == b.filters.end())
        throw std::invalid_argument(
            fmt::format("AppTest: the file browser offers no filter \"{}\"", pattern));
    detail::browser_set_filter(b, static_cast<std::size_t>(it - b.filters.begin()));
    return *this;
}

void FileBrowserHandle::choose(const std::string& path) {
    if (path.empty()) return;
    detail::FileBrowser& b = browser_of(*test_, id_);
    detail::store_set(test_->session(), id_, detail::WidgetValue(path));
    b.open = false;
}

FileBrowserHandle& FileBrowserHandle::enter(std::string_view name) {
    detail::FileBrowser& b = open_browser(*test_, id_);
    auto it = std::find_if(b.entries.begin(), b.entries.end(),
                           [&](const detail::BrowserEntry& e) { return e.name == name; });
    if (it == b.entries.end())
        throw std::invalid_argument(
            fmt::format("AppTest: {} has no entry \"{}\"", b.directory.string(), name));
    const auto index = static_cast<std::size_t>(it - b.entries.begin());
    choose(detail::browser_activate(b, index, b.pick_directory));
    return *this;
}

FileBrowserHandle& FileBrowserHandle::up() {
    detail::browser_up(open_browser(*test_, id_));
    return *this;
}

FileBrowserHandle& FileBrowserHandle::navigate(std::string_view directory) {
    detail::browser_navigate(open_browser(*test_, id_), std::filesystem::path(directory));
    return *this;
}

FileBrowserHandle& FileBrowserHandle::name(std::string_view file_name) {
    open_browser(*test_, id_).name.assign(file_name);
    return *this;
}

FileBrowserHandle& FileBrowserHandle::key_down() {
    detail::browser_move(open_browser(*test_, id_), 1);
    return *this;
}

FileBrowserHandle& FileBrowserHandle::key_up() {
    detail::browser_move(open_browser(*test_, id_), -1);
    return *this;
}

FileBrowserHandle& FileBrowserHandle::key_enter() {
    detail::FileBrowser& b = open_browser(*test_, id_);
    if (b.highlight >= 0)
        choose(
            detail::browser_activate(b, static_cast<std::size_t>(b.highlight), b.pick_directory));
    return *this;
}

std::string FileBrowserHandle::highlighted() const {
    const detail::FileBrowser& b = browser_of(*test_, id_);
    if (b.highlight < 0 || static_cast<std::size_t>(b.highlight) >= b.entries.size()) return {};
    return b.entries[static_cast<std::size_t>(b.highlight)].name;
}

FileBrowserHandle& FileBrowserHandle::confirm() {
    detail::FileBrowser& b = open_browser(*test_, id_);
    if (b.save) {
        b.confirm = true; // saved by the next frame, which has the writer
    } else if (b.pick_directory) {
        choose(b.directory.string());
    } else if (b.highlight >= 0) {
        choose(detail::browser_activate(b, static_cast<std::size_t>(b.highlight), false));
    }
    return *this;
}

FileBrowserHandle& FileBrowserHandle::cancel() {
    browser_of(*test_, id_).open = false;
    return *this;
}

std::string FileBrowserHandle::error() const {
    return browser_of(*test_, id_).error;
}

} // namespace imlit::testing
