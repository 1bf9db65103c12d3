// imlit internal — file_input and save_button (imlit/files.hpp):
//   files.cpp         the public functions, atomic writes
//   file_browser.cpp  the browser's state (per widget id, in the session), listing, filters,
//                     drawing; the actions shared by the mouse, the keyboard and AppTest
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "imlit/files.hpp"
#include "ui/context.hpp"

namespace imlit::detail {

// What a file widget's WidgetCmd carries (direct path only: never recorded).
struct FileSpec {
    bool save = false;                         // save_button (else file_input)
    std::span<const std::string> filters = {}; // patterns, "All files (*)" not included
    std::string_view directory = {};           // the start directory ("": current)
    bool pick_directory = false;               // file_input: choose a directory
    std::string_view placeholder = {};         // file_input
    std::string_view default_name = {};        // save_button
    const FileWriter* writer = nullptr;        // save_button
};

// One line of the browser's list.
struct BrowserEntry {
    std::string name;
    bool directory = false;
};

// The browser of one file widget. UI thread only (the frame, or AppTest between frames).
struct FileBrowser {
    bool open = false;
    bool save = false; // opened by a save_button
    std::filesystem::path directory;
    std::vector<BrowserEntry> entries; // directories first, then matching files; by name
    std::string list_error;            // the directory could not be read ("": fine)
    std::vector<std::string> filters;  // the widget's patterns plus "*" (copied when changed)
    std::size_t filter = 0;            // index into filters
    int highlight = -1;                // index into entries (-1: none)
    std::string name;                  // save mode: the file name field
    bool confirm = false;              // AppTest's save(): done by the next frame's draw
    std::string error;                 // the last save's failure, shown under the button
    std::string saved;                 // the last path saved to
    bool just_saved = false;           // save_button returns true once
    std::uint64_t last_frame = 0;
    // The widget's parameters in its last frame (for AppTest's open()).
    std::string current, start_dir, default_name;
    bool pick_directory = false;
};

// The browser of widget `id` in this session (made on first use).
FileBrowser& file_browser(Session& session, std::uint64_t id);
// Null when the widget never drew one.
FileBrowser* find_file_browser(Session& session, std::uint64_t id);

// Actions (the popup's buttons and keys, and AppTest). Each re-reads the directory only when
// it changes what is listed.
void browser_open(FileBrowser& b, std::string_view current_path, std::string_view start_dir,
                  std::string_view default_name);
void browser_navigate(FileBrowser& b, const std::filesystem::path& directory);
void browser_up(FileBrowser& b);
void browser_set_filter(FileBrowser& b, std::size_t index);
// Moves the highlight by `delta` entries (the Up/Down keys), kept within the list.
void browser_move(FileBrowser& b, int delta);
// Enter a directory entry, or (file_input) return the path of a file entry to choose; in save
// mode a file entry fills the name field. "" when nothing is chosen.
std::string browser_activate(FileBrowser& b, std::size_t entry, bool pick_directory);
// True when `name` matches glob `pattern` ('*', '?').
bool glob_match(std::string_view pattern, std::string_view name);

// Draws a file_input or save_button (UI thread, visible). A choice is written to the store.
void draw_file_widget(Context::Impl& c, const WidgetCmd& w, std::uint64_t id,
                      const std::string& value);

} // namespace imlit::detail
