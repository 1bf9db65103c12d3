// imlit — AppTest access to the data widgets: a data table's sort order and selection
// (imlit/data_table.hpp), and the file browser of file_input and save_button (imlit/files.hpp).
//
//   imlit::testing::table(at, "Sales").set("price descending");   // as a header click would
//   imlit::testing::table_selection(at, "Sales").set({"3", "17"}); // rows 3 and 17 selected
//   at.run();
//   at.elements_of("table_row");                                   // the visible rows, in order
//
//   imlit::testing::AppTest at([&] { path = imlit::file_input("Data", "", {.filters = {"*.csv"}});
//   }); at.run(); auto browser = imlit::testing::file_browser(at, "Data");
//   browser.open().enter("reports").filter("*.csv").enter("q3.csv"); // as a user's clicks
//   at.run();                                                       // path is .../reports/q3.csv
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "imlit/files.hpp"
#include "imlit/testing.hpp"

namespace imlit::testing {

// The sort order of the data table labelled `label` (and keyed `key`) in the last frame: a
// string widget ("price descending, city ascending"; "" unsorted). std::out_of_range when
// there is none or several.
WidgetHandle table(AppTest& at, std::string_view label, std::string_view key = {});
// Its selected rows (tables with RowSelection::single or multiple): row indices of the frame,
// as strings ({"3", "17"}).
WidgetHandle table_selection(AppTest& at, std::string_view label, std::string_view key = {});

// The browser of a file_input or save_button, driven as a user would: each action acts at once
// on the browser's state (the next run() shows it), except confirm() in save mode, which saves
// during the next run() (the writer belongs to the frame). Actions other than open() need the
// browser open (std::logic_error otherwise).
class FileBrowserHandle {
public:
    FileBrowserHandle& open(); // like clicking "Browse..." or the save button
    bool is_open() const;
    std::string directory() const;            // the directory shown
    std::vector<std::string> entries() const; // subdirectories (ending in '/'), then files
    // Pick one of the offered patterns ("*": all files); std::invalid_argument otherwise.
    FileBrowserHandle& filter(std::string_view pattern);
    // Double-click an entry: a directory is entered; a file is chosen (file_input: the widget
    // returns its path from the next frame) or, in save mode, fills the name field.
    // std::invalid_argument when the directory shown has no such entry.
    FileBrowserHandle& enter(std::string_view name);
    FileBrowserHandle& up();                                 // the parent directory
    FileBrowserHandle& navigate(std::string_view directory); // go to a directory
    FileBrowserHandle& name(std::string_view file_name);     // save mode: the name field
    FileBrowserHandle& key_down();                           // the Down arrow key
    FileBrowserHandle& key_up();                             // the Up arrow key
    FileBrowserHandle& key_enter();  // Enter: enter or choose the highlighted entry
    std::string highlighted() const; // the highlighted entry's name ("": none)
    FileBrowserHandle& confirm();    // the Open / Choose this directory / Save button
    FileBrowserHandle& cancel();     // Cancel (or Escape)
    std::string error() const;       // the last save's failure ("": none)

private:
    friend FileBrowserHandle file_browser(AppTest&, std::string_view, std::string_view);
    FileBrowserHandle(AppTest* test, std::uint64_t id) : test_(test), id_(id) {}
    void choose(const std::string& path);
    AppTest* test_;
    std::uint64_t id_;
};

// The browser of the file_input or save_button labelled `label` (and keyed `key`, when given)
// in the last frame. None or several: std::out_of_range.
FileBrowserHandle file_browser(AppTest& at, std::string_view label, std::string_view key = {});

} // namespace imlit::testing
