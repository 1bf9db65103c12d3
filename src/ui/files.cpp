// imlit — file_input, save_button and atomic file writes (imlit/files.hpp). The browser they
// open: file_browser.cpp.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "ui/file_browser.hpp"

namespace imlit {
using namespace detail;

namespace {

// A cached scope records what it shows; choosing and saving are actions of the frame.
bool refuse_in_scope(Context::Impl& c, const char* kind, std::string_view label) {
    const Recorder* r = c.recorder();
    if (r == nullptr) return false;
    emit(c,
         CalloutCmd{CalloutKind::error,
                    fmt::format("{} '{}' cannot be used inside cached scope '{}': choosing and "
                                "saving files are actions of the frame function. Call it "
                                "outside and pass the path as an argument.",
                                kind, label, r->info.name.empty() ? "(unnamed)" : r->info.name)});
    return true;
}

std::string errno_text(int e) {
    return std::strerror(e);
}

} // namespace

void write_file_atomically(const std::string& path, const FileWriter& writer) {
    // The temporary file sits next to the target (same filesystem: rename is atomic there).
    std::string temp = path + ".XXXXXX";
    const int fd = ::mkstemp(temp.data());
    if (fd < 0)
        throw std::runtime_error(
            fmt::format("cannot save {}: cannot create a file there: {}", path, errno_text(errno)));
    ::close(fd);
    auto fail = [&](const std::string& why) {
        std::remove(temp.c_str());
        throw std::runtime_error(fmt::format("cannot save {}: {}", path, why));
    };
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) fail("cannot open the temporary file");
        try {
            writer(out);
        } catch (const std::exception& e) {
            fail(e.what());
        }
        out.flush();
        if (!out) fail("writing failed (disk full?)");
    }
    // Keep the data on disk before it replaces the old file.
    const int sync_fd = ::open(temp.c_str(), O_RDONLY);
    if (sync_fd >= 0) {
        ::fsync(sync_fd);
        ::close(sync_fd);
    }
    // mkstemp makes the file 0600; a saved file gets the usual permissions.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::chmod(temp.c_str(), 0666 & ~mask);
    if (std::rename(temp.c_str(), path.c_str()) != 0) fail(errno_text(errno));
}

std::string file_input(std::string_view label, std::string_view value, FileInputOptions o) {
    Context::Impl& c = require_context("file_input");
    if (refuse_in_scope(c, "file_input", label)) return std::string(value);
    const FileSpec spec{
        .save = false,
        .filters = o.filters,
        .directory = o.directory,
        .pick_directory = o.pick_directory,
        .placeholder = o.placeholder,
    };
    const WidgetCmd w{
        .kind = WidgetKind::file_input,
        .label = label,
        .key = o.key,
        .help = o.help,
        .disabled = o.disabled,
        .def_text = value,
        .file = &spec,
    };
    WidgetValue v;
    emit_widget(c, w, &v);
    if (auto* s = std::get_if<std::string>(&v)) return std::move(*s);
    return std::string(value);
}

bool save_button(std::string_view label, FileWriter writer, std::string_view default_name,
                 SaveButtonOptions o) {
    Context::Impl& c = require_context("save_button");
    if (refuse_in_scope(c, "save_button", label)) return false;
    const FileSpec spec{
        .save = true,
        .filters = o.filters,
        .directory = o.directory,
        .default_name = default_name,
        .writer = &writer,
    };
    const WidgetCmd w{
        .kind = WidgetKind::save_button,
        .label = label,
        .key = o.key,
        .help = o.help,
        .disabled = o.disabled,
        .file = &spec,
    };
    if (c.session == nullptr) {
        emit_widget(c, w, nullptr); // reports it in place
        return false;
    }
    const std::uint64_t id = widget_id(c, WidgetKind::save_button, label, o.key);
    emit_widget(c, w, nullptr);
    FileBrowser* b = find_file_browser(*c.session, id);
    if (b == nullptr || !b->just_saved) return false;
    b->just_saved = false;
    // The store keeps the last saved path: AppTest's value for the widget.
    store_set(*c.session, id, WidgetValue(b->saved));
    return true;
}

bool save_button(std::string_view label, std::string_view bytes, std::string_view default_name,
                 SaveButtonOptions options) {
    return save_button(
        label,
        [bytes](std::ostream& out) {
            out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        },
        default_name, std::move(options));
}

} // namespace imlit
