// image_viewer — the page (see image_viewer.hpp).
//
// Cached functions:
//   folder listing  (folder) -> sorted image paths; cache_data, no ttl: "Rescan folder" clears
//                   it (the frame itself never touches the disk)
//   image           (path, max_size) -> Texture; cache_resource: thumbnails ({.max_size =
//                   thumbnail size}) and the large view ({.max_size = kLargeMaxSize}) are
//                   entries of one function, so the inspector and --stats count them together.
//                   Decoding and downsizing run on the scheduler's workers; on_release runs
//                   on the UI thread once the cache and every frame have let go of a texture.
#include "image_viewer.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <vector>

#include <imlit/imlit.hpp>

namespace image_viewer {

namespace {

namespace fs = std::filesystem;

constexpr int kDefaultThumbnail = 160, kMinThumbnail = 64, kMaxThumbnail = 512, kThumbnailStep = 32;
constexpr int kDefaultColumns = 6, kMinColumns = 2, kMaxColumns = 16;
constexpr int kLargeMaxSize = 2048; // the large view: a 2048-pixel side is plenty on screen
constexpr int kBudgetStepMb = 50;
constexpr std::size_t kMiB = std::size_t(1) << 20;
constexpr float kGridWeight = 3, kLargeWeight = 2; // widths of the grid and the large view

std::atomic<std::size_t> g_released{0};

bool is_image(const fs::path& p) {
    std::string ext = p.extension().string();
    if (ext.size() < 2) return false;
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    const std::string_view all = kImageExtensions;
    for (std::size_t at = all.find(ext); at != std::string_view::npos; at = all.find(ext, at + 1)) {
        const std::size_t end = at + ext.size();
        if (end == all.size() || all[end] == ' ') return true;
    }
    return false;
}

// One listed image, with the names the page shows made once (not every frame).
struct ImageFile {
    std::string path;       // what the loader opens
    std::string name;       // file name: the button's key
    std::string stem;       // name without the extension: the button's label
    std::string selected;   // the label when it is the selected image
    std::string unreadable; // the grid's error when the file cannot be decoded
};
std::size_t byte_size(const ImageFile& f) {
    using imlit::byte_size;
    return byte_size(f.path) + byte_size(f.name) + byte_size(f.stem) + byte_size(f.selected) +
           byte_size(f.unreadable);
}

// The image files directly in `folder`, sorted by name. Throws a message naming the folder.
std::vector<ImageFile> list_images(const std::string& folder) {
    const fs::path dir(folder);
    std::error_code ec;
    const auto status = fs::status(dir, ec);
    if (!fs::exists(status))
        throw std::runtime_error(fmt::format("folder '{}' does not exist", folder));
    if (!fs::is_directory(status))
        throw std::runtime_error(fmt::format("'{}' is not a folder", folder));
    std::vector<ImageFile> out;
    fs::directory_iterator it(dir, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        std::error_code file_ec;
        const fs::path& p = it->path();
        if (!it->is_regular_file(file_ec) || !is_image(p)) continue;
        // The stem keeps the label short enough for a narrow cell; the key is the whole name.
        out.push_back({p.string(), p.filename().string(), p.stem().string(),
                       "> " + p.stem().string(), p.filename().string() + ": unreadable"});
    }
    if (ec)
        throw std::runtime_error(fmt::format("cannot read folder '{}': {}", folder, ec.message()));
    std::sort(out.begin(), out.end(),
              [](const ImageFile& a, const ImageFile& b) { return a.name < b.name; });
    return out;
}

auto& folder_listing() {
    static auto f = imlit::cache_data([](const std::string& folder) { return list_images(folder); },
                                      {.name = "folder listing", .spinner_text = "Listing..."});
    return f;
}

auto& image_loader() {
    static auto f = imlit::cache_resource(
        [](const std::string& path, int max_size) {
            // An unreadable file gives a Texture holding the error (kept like any value: the
            // file is not read again every frame); the page shows it in place.
            return imlit::Texture::from_file(path, {.max_size = max_size});
        },
        {.name = "image", .spinner_text = "Loading...", .on_release = [](imlit::Texture&) {
             g_released.fetch_add(1, std::memory_order_relaxed);
         }});
    return f;
}

struct Settings {
    std::string folder;
    int thumbnail = kDefaultThumbnail;
    int columns = kDefaultColumns;
};

// The sidebar: the settings, and the budget applied when it changes.
Settings sidebar(const PageOptions& options) {
    auto bar = imlit::sidebar();
    imlit::header("Image viewer");
    Settings s;
    s.folder = imlit::text_input("Folder", options.folder,
                                 {.key = "folder", .placeholder = "a folder of images"});
    if (imlit::button("Rescan folder", {.help = "read the folder again (new or removed files)"}))
        folder_listing().clear();
    s.thumbnail = imlit::slider(
        "Thumbnail size", kDefaultThumbnail, kMinThumbnail, kMaxThumbnail,
        {.key = "thumbnail",
         .help = "longer side of the decoded thumbnails, in pixels: each size is its own cache "
                 "entry per file",
         .step = kThumbnailStep});
    s.columns =
        imlit::slider("Columns", kDefaultColumns, kMinColumns, kMaxColumns, {.key = "columns"});

    // The global cache budget follows this widget. It starts at a value fixed for the session
    // (a default that moved with cache_budget() would fight the user's edits).
    const int start_mb = imlit::session_state<int>(
        "image_viewer.start_budget_mb",
        static_cast<int>(options.budget_mb > 0 ? options.budget_mb : imlit::cache_budget() / kMiB));
    int& applied = imlit::session_state<int>("image_viewer.applied_budget_mb", -1);
    const int budget = imlit::number_input(
        "Cache budget (MB)", start_mb,
        {.key = "budget",
         .help = "imlit::set_cache_budget: least recently used images beyond it are evicted "
                 "(never those shown in this frame or the last)",
         .min = 0,
         .max = static_cast<int>(kMaxBudgetMb),
         .step = kBudgetStepMb});
    // Set only when it changes, so imlit's "over budget" warning (once per set_cache_budget)
    // stays meaningful.
    if (budget != applied) {
        if (applied != -1 || std::size_t(budget) * kMiB != imlit::cache_budget())
            imlit::set_cache_budget(std::size_t(budget) * kMiB);
        applied = budget;
    }
    imlit::caption(fmt::format("Textures released: {}", released_textures()));
    return s;
}

// One cell of the grid: the thumbnail (a spinner while it loads; a short error when the file
// cannot be read: the cell is narrow, the large view gives the reason) and a button that
// selects it.
void cell(const ImageFile& file, int thumbnail, bool selected) {
    if (auto t = image_loader()(file.path, thumbnail)) {
        if (t->ok())
            imlit::image(*t);
        else
            imlit::error(file.unreadable);
    }
    if (imlit::button(selected ? file.selected : file.stem, {.key = file.name}))
        imlit::session_state<std::string>("selected") = file.path;
}

void grid(const std::vector<ImageFile>& files, const Settings& s, const ImageFile& selected) {
    const std::size_t per_row = static_cast<std::size_t>(s.columns);
    for (std::size_t row = 0; row * per_row < files.size(); ++row) {
        auto cols = imlit::columns(per_row);
        for (std::size_t j = 0; j < per_row && row * per_row + j < files.size(); ++j) {
            const ImageFile& f = files[row * per_row + j];
            if (auto c = cols[j]) cell(f, s.thumbnail, &f == &selected);
        }
    }
}

void large_view(const ImageFile& file) {
    imlit::subheader(file.name);
    if (auto t = image_loader()(file.path, kLargeMaxSize)) {
        if (!t->ok()) {
            imlit::error(t->error()); // names the path and the reason
            return;
        }
        imlit::image(*t);
        imlit::caption(fmt::format("{} x {} pixels (shown at most {} on a side)", t->width(),
                                   t->height(), kLargeMaxSize));
    }
}

} // namespace

void page(const PageOptions& options) {
    const Settings s = sidebar(options);
    imlit::title("Image viewer");
    if (s.folder.empty()) {
        imlit::info("No folder given. Type one in the sidebar, or start the app with one:\n"
                    "image_viewer [--] FOLDER [--budget-mb N]");
    } else if (auto files = folder_listing()(s.folder)) { // pending / failed: shown in place
        if (files->empty()) {
            imlit::warning(
                fmt::format("No images in '{}' (looked for {}).", s.folder, kImageExtensions));
        } else {
            // The selected image (by path: it survives a rescan); the first one at first.
            const std::string& path = imlit::session_state<std::string>("selected");
            auto selected = std::find_if(files->begin(), files->end(),
                                         [&](const ImageFile& f) { return f.path == path; });
            if (selected == files->end()) selected = files->begin();
            imlit::caption(fmt::format("{} images in {}. Click a name to view it large.",
                                       files->size(), s.folder));
            // The large view is filled first: loads start in the order a frame asks for them,
            // so the image the user looks at decodes before the thumbnails. A click in the
            // grid shows in the large view on the next frame (input is followed by settle
            // frames).
            auto cols = imlit::columns({kGridWeight, kLargeWeight});
            if (auto c = cols[1]) large_view(*selected);
            if (auto c = cols[0]) grid(*files, s, *selected);
        }
    }
    if (auto e = imlit::expander("Cache inspector", {.expanded = true})) imlit::cache_inspector();
}

namespace {
std::optional<long> whole_number(std::string_view s) {
    long n = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return n;
}
} // namespace

std::string check_budget_mb(std::string_view value) {
    const auto n = whole_number(value);
    return n && *n >= 1 && *n <= kMaxBudgetMb
               ? std::string()
               : fmt::format("needs a whole number of megabytes in 1..{}, got '{}'", kMaxBudgetMb,
                             value);
}

Arguments parse_arguments(const std::vector<std::string>& args,
                          const std::optional<std::string>& budget_flag) {
    constexpr std::string_view kFlag = "--budget-mb";
    Arguments out;
    std::vector<std::string> errors;
    auto take_budget = [&](std::string_view v) {
        if (std::string why = check_budget_mb(v); !why.empty())
            errors.push_back(fmt::format("{}: {}", kFlag, why));
        else
            out.options.budget_mb = static_cast<std::size_t>(*whole_number(v));
    };
    if (budget_flag) take_budget(*budget_flag);
    std::vector<std::string> folders;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        if (a == kFlag) {
            if (i + 1 < args.size())
                take_budget(args[++i]);
            else
                errors.push_back(fmt::format("{} needs a value (megabytes)", kFlag));
        } else if (a.starts_with(kFlag) && a.size() > kFlag.size() && a[kFlag.size()] == '=') {
            take_budget(a.substr(kFlag.size() + 1));
        } else if (a.starts_with("--")) {
            errors.push_back(fmt::format("unknown flag '{}' (image_viewer knows {})", a, kFlag));
        } else {
            folders.emplace_back(a);
        }
    }
    if (!folders.empty()) out.options.folder = folders.front();
    if (folders.size() > 1)
        errors.push_back(fmt::format("one FOLDER expected, got {}; showing the first, '{}'",
                                     folders.size(), folders.front()));
    for (const std::string& e : errors)
        out.error += (out.error.empty() ? "" : "; ") + e;
    return out;
}

imlit::CacheStats image_cache_stats() {
    return image_loader().stats();
}

std::size_t released_textures() {
    return g_released.load(std::memory_order_relaxed);
}

void clear_caches() {
    folder_listing().clear();
    image_loader().clear();
}

} // namespace image_viewer
