// file_input, save_button and the file browser through AppTest: navigate, filter, keyboard,
// choose; atomic saves (a failing write leaves the old file); errors in place.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "imlit/cache.hpp"
#include "imlit/files.hpp"
#include "imlit/testing.hpp"
#include "imlit/testing_data.hpp"
#include "ui/file_browser.hpp"
#include "widget_test_util.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using imlit::testing::AppTest;
using widget_test::errors;
using Strings = std::vector<std::string>;

namespace {

// A fresh directory tree under the temp directory, removed at the end:
//   a.csv b.txt data.csv notes/ notes/inner.csv sub/
struct Tree {
    fs::path root;
    Tree() {
        root = fs::temp_directory_path() / ("imlit_files_test_" + std::to_string(::getpid()) + "_" +
                                            std::to_string(counter()++));
        fs::remove_all(root);
        fs::create_directories(root / "notes");
        fs::create_directories(root / "sub");
        for (const char* f : {"a.csv", "b.txt", "data.csv", "notes/inner.csv"})
            std::ofstream(root / f) << "x\n";
    }
    ~Tree() {
        std::error_code ec;
        fs::permissions(root / "locked", fs::perms::owner_all, ec);
        fs::remove_all(root, ec);
    }
    static int& counter() {
        static int n = 0;
        return n;
    }
};

std::string read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("glob patterns", "[files]") {
    using imlit::detail::glob_match;
    CHECK(glob_match("*.csv", "a.csv"));
    CHECK(glob_match("*.csv", ".csv"));
    CHECK_FALSE(glob_match("*.csv", "a.csv.bak"));
    CHECK(glob_match("data_??.txt", "data_01.txt"));
    CHECK_FALSE(glob_match("data_??.txt", "data_1.txt"));
    CHECK(glob_match("*a*b*", "xxaxxbxx"));
    CHECK(glob_match("*", ""));
    CHECK_FALSE(glob_match("a", ""));
    CHECK_FALSE(glob_match("*.CSV", "a.csv")); // case-sensitive
}

TEST_CASE("file_input: browse, filter, navigate and choose", "[files]") {
    Tree t;
    std::string path;
    AppTest at([&] {
        path = imlit::file_input("Data file", "",
                                 {.filters = {"*.csv"}, .directory = t.root.string()});
    });
    at.run();
    CHECK(path.empty());
    auto browser = imlit::testing::file_browser(at, "Data file");
    CHECK_FALSE(browser.is_open());
    browser.open();
    at.run();
    CHECK(browser.is_open());
    CHECK(browser.directory() == t.root.string());
    CHECK(browser.entries() == Strings{"notes/", "sub/", "a.csv", "data.csv"});
    // The popup shows the same list (logged while it is drawn).
    Strings shown;
    for (const auto& e : at.elements_of("file_entry"))
        shown.push_back(e.text);
    CHECK(shown == browser.entries());

    browser.filter("*");
    CHECK(browser.entries() == Strings{"notes/", "sub/", "a.csv", "b.txt", "data.csv"});
    CHECK_THROWS_WITH(browser.filter("*.png"), Contains("no filter"));
    browser.filter("*.csv");

    browser.enter("notes");
    CHECK(browser.directory() == (t.root / "notes").string());
    CHECK(browser.entries() == Strings{"inner.csv"});
    browser.up();
    CHECK(browser.directory() == t.root.string());
    CHECK_THROWS_WITH(browser.enter("missing.csv"), Contains("no entry \"missing.csv\""));

    browser.enter("data.csv");
    CHECK_FALSE(browser.is_open());
    at.run();
    CHECK(path == (t.root / "data.csv").string());

    // Opening again starts in the chosen file's directory.
    browser.open().enter("notes").enter("inner.csv");
    at.run();
    CHECK(path == (t.root / "notes" / "inner.csv").string());
    browser.open();
    CHECK(browser.directory() == (t.root / "notes").string());
    browser.cancel();
    at.run();
    CHECK(path == (t.root / "notes" / "inner.csv").string());
}

TEST_CASE("file_input: keyboard navigation in the browser", "[files]") {
    Tree t;
    std::string path;
    AppTest at([&] { path = imlit::file_input("F", "", {.directory = t.root.string()}); });
    at.run();
    auto browser = imlit::testing::file_browser(at, "F");
    browser.open();
    CHECK(browser.highlighted() == "notes");
    browser.key_down().key_down().key_down(); // notes/ sub/ a.csv b.txt
    CHECK(browser.highlighted() == "b.txt");
    browser.key_up();
    CHECK(browser.highlighted() == "a.csv");
    browser.key_up().key_up().key_up().key_up();
    CHECK(browser.highlighted() == "notes"); // stops at the first
    browser.key_enter();
    CHECK(browser.directory() == (t.root / "notes").string());
    browser.key_enter(); // inner.csv
    at.run();
    CHECK(path == (t.root / "notes" / "inner.csv").string());
}

TEST_CASE("file_input: a typed path, set by AppTest, and a directory picker", "[files]") {
    Tree t;
    std::string path, dir;
    AppTest at([&] {
        path = imlit::file_input("F", "start.csv");
        dir =
            imlit::file_input("Folder", "", {.directory = t.root.string(), .pick_directory = true});
    });
    at.run();
    CHECK(path == "start.csv");
    at.widget("F").set("/tmp/other.csv");
    at.run();
    CHECK(path == "/tmp/other.csv");
    imlit::testing::file_browser(at, "Folder").open().enter("sub").confirm();
    at.run();
    CHECK(dir == (t.root / "sub").string());
}

TEST_CASE("file_input: an unreadable directory is shown in the browser, not thrown", "[files]") {
    imlit::detail::FileBrowser b;
    b.filters = {"*"};
    imlit::detail::browser_navigate(b, "/definitely/not/here");
    CHECK(b.entries.empty());
    CHECK_THAT(b.list_error, Contains("/definitely/not/here"));
}

TEST_CASE("save_button: saves atomically where the user says", "[files][save]") {
    Tree t;
    std::string content = "first\n";
    bool saved = false;
    AppTest at([&] {
        saved = imlit::save_button("Save", [&](std::ostream& out) { out << content; }, "out.csv",
                                   {.filters = {"*.csv"}, .directory = t.root.string()});
    });
    at.run();
    auto browser = imlit::testing::file_browser(at, "Save");
    browser.open();
    at.run();
    CHECK(browser.directory() == t.root.string());
    browser.confirm(); // the default name
    at.run();
    CHECK(saved);
    CHECK(read(t.root / "out.csv") == "first\n");
    at.run();
    CHECK_FALSE(saved); // true once
    CHECK(at.widget("Save").value<std::string>() == (t.root / "out.csv").string());
    // Saved files get the usual permissions, not mkstemp's 0600.
    CHECK((fs::status(t.root / "out.csv").permissions() & fs::perms::group_read) !=
          fs::perms::none);
    // Nothing else is left in the directory (no temporary file).
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(t.root))
        ++files;
    CHECK(files == 6);

    // Into a subdirectory under another name; a file entry fills the name field.
    content = "second\n";
    browser.open().enter("notes").enter("inner.csv").confirm();
    at.run();
    CHECK(read(t.root / "notes" / "inner.csv") == "second\n");
}

TEST_CASE("save_button: a failing write leaves the old file and shows the error in place",
          "[files][save]") {
    Tree t;
    std::ofstream(t.root / "keep.csv") << "old content\n";
    bool fail = true;
    AppTest at([&] {
        imlit::save_button("Save",
                           [&](std::ostream& out) {
                               out << "partial new content";
                               if (fail) throw std::runtime_error("the disk is full");
                           },
                           "keep.csv", {.directory = t.root.string()});
    });
    at.run();
    auto browser = imlit::testing::file_browser(at, "Save");
    browser.open().confirm();
    at.run();
    CHECK(read(t.root / "keep.csv") == "old content\n");
    CHECK_THAT(browser.error(), Contains("the disk is full") && Contains("keep.csv"));
    CHECK(browser.is_open()); // the user can pick another place or retry
    browser.cancel();
    at.run();
    CHECK_THAT(errors(at), Contains("the disk is full"));
    std::size_t files = 0; // no temporary file left behind
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(t.root))
        ++files;
    CHECK(files == 6);

    // A directory where the user cannot write: the error names it.
    if (::geteuid() != 0) { // root writes anywhere
        fs::create_directories(t.root / "locked");
        fs::permissions(t.root / "locked", fs::perms::owner_read | fs::perms::owner_exec);
        fail = false;
        browser.open().enter("locked").name("x.csv").confirm();
        at.run();
        CHECK_THAT(browser.error(), Contains("locked"));
        CHECK_FALSE(fs::exists(t.root / "locked" / "x.csv"));
    }
    // A name with a slash is refused.
    browser.open().name("a/b.csv").confirm();
    at.run();
    CHECK_THAT(browser.error(), Contains("cannot contain '/'"));
}

TEST_CASE("write_file_atomically: the old file survives a failure", "[files][save]") {
    Tree t;
    const std::string target = (t.root / "f.txt").string();
    imlit::write_file_atomically(target, [](std::ostream& out) { out << "v1"; });
    CHECK(read(target) == "v1");
    CHECK_THROWS_WITH(imlit::write_file_atomically(
                          target, [](std::ostream&) { throw std::runtime_error("boom"); }),
                      Contains("boom") && Contains("f.txt"));
    CHECK(read(target) == "v1");
    // A directory in the way of the target.
    fs::create_directories(t.root / "dir");
    CHECK_THROWS_WITH(imlit::write_file_atomically((t.root / "dir").string(),
                                                   [](std::ostream& out) { out << "x"; }),
                      Contains("dir"));
    CHECK(fs::is_directory(t.root / "dir"));
}

TEST_CASE("file widgets inside a cached scope are an error in place", "[files]") {
    static auto scope = imlit::cache_data(
        [](int) {
            imlit::file_input("Inside");
            return 0;
        },
        {.blocking = true});
    AppTest at([&] { scope(1); });
    at.run();
    CHECK_THAT(errors(at), Contains("file_input 'Inside' cannot be used inside cached scope"));
}
