// imlit — choosing a file to open and saving a file, with a file browser drawn by imlit.
//
//   std::string path = imlit::file_input("Data file", "", {.filters = {"*.csv", "*.tsv"}});
//   if (!path.empty()) show(load_csv(path));
//
//   imlit::save_button("Save CSV", [&](std::ostream& out) { write_csv(out, *view); },
//                      "filtered.csv", {.filters = {"*.csv"}});
//
// The browser is a modal popup: the current directory, its subdirectories and the files that
// match the selected filter (a list that is read when the popup opens or the directory or filter
// changes, never per frame), a filter drop-down, and Open/Save and Cancel buttons. Mouse: click
// to highlight, double-click to enter a directory or pick a file. Keyboard: Up/Down move the
// highlight, Enter enters or picks, Backspace goes to the parent directory, Escape cancels.
// AppTest drives it with at.file_browser(label) (imlit/testing.hpp).
//
// Both are widgets of the frame function: inside a cached scope they are an error in place (a
// scope records what it shows; choosing and saving are actions).
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace imlit {

struct FileInputOptions {
    std::string_view key = {};  // "": the id comes from the label; else from this key
    std::string_view help = {}; // "": none; else a "(?)" after the label shows it on hover
    bool disabled = false;      // greyed out: neither typed into nor browsed
    // Filter patterns offered in the browser, first one selected: "*.csv", "data_*.txt"
    // ('*' any run of characters, '?' one character; case-sensitive). "All files (*)" is
    // always offered last. Empty: all files only.
    std::vector<std::string> filters = {};
    // Where the browser starts when the field is empty or names no existing directory's file;
    // "": the current working directory.
    std::string directory = {};
    bool pick_directory = false;       // choose a directory instead of a file
    std::string_view placeholder = {}; // grey hint shown while the field is empty
};

// A path field plus a "Browse..." button that opens the browser. Returns the path (typed or
// chosen; "" until one is), like text_input: the second argument is the default. AppTest: the
// widget "file_input" (set() a path) and at.file_browser(label).
std::string file_input(std::string_view label, std::string_view value = {},
                       FileInputOptions options = {});

struct SaveButtonOptions {
    std::string_view key = {};  // "": the id comes from the label; else from this key
    std::string_view help = {}; // "": none; else a "(?)" after the button shows it on hover
    bool disabled = false;      // greyed out, cannot be clicked
    std::vector<std::string> filters = {}; // as FileInputOptions::filters
    std::string directory = {};            // where the browser starts; "": the current one
};

// Writes the file: called only when the user saves, on the UI thread. Throwing (or leaving the
// stream failed) makes the save fail with that error.
using FileWriter = std::function<void(std::ostream& out)>;

// A button that opens the browser in save mode (a file name field, prefilled with
// `default_name`). Saving writes `writer`'s output to a temporary file next to the target and
// renames it over the target, so the target is either the old file or the complete new one:
// never half written. An error (no permission, a full disk, a directory in the way, the writer
// throwing) is shown in place under the button and the old file stays intact. Returns true on
// the frame after a successful save; AppTest reports the saved path as the widget's value.
bool save_button(std::string_view label, FileWriter writer, std::string_view default_name,
                 SaveButtonOptions options = {});
// The same with the bytes given at once (fine for small files; for big ones pass a writer,
// which runs only on save).
bool save_button(std::string_view label, std::string_view bytes, std::string_view default_name,
                 SaveButtonOptions options = {});

// Writes `writer`'s output to `path` atomically (temporary file + rename, as save_button).
// Throws std::runtime_error naming the path and the reason; the old file is then unchanged.
void write_file_atomically(const std::string& path, const FileWriter& writer);

} // namespace imlit
