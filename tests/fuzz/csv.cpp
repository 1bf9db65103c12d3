// libFuzzer target: parse_csv and read_csv (src/ui/csv_reader.cpp, libcsv underneath).
//
// Input: [flags][delimiter][quote][text...]. Any bytes give either a DataFrame or an
// exception of the documented kinds, never a crash, hang or sanitizer report:
//   - std::invalid_argument exactly when the options are bad (delimiter == quote, or either
//     is CR or LF);
//   - std::runtime_error naming the source and, for a malformed text, "line L, column C" with
//     L and C inside the text.
// A DataFrame's columns all have rows() values and max_rows is respected. read_csv of the same
// bytes in a file gives the same result (the same frame, or the same message but for the
// name), so the streaming file reader (chunks, the second pass for text columns) agrees with
// the in-memory one.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <stdexcept>
#include <string>
#include <string_view>

#include <unistd.h>

#include "imlit/csv.hpp"

namespace {

constexpr std::string_view kSource = "<fuzz>";

struct Outcome {
    bool ok = false;
    imlit::Hash128 frame{};
    std::string error; // the message after "read_csv: <name>: "
    bool invalid_argument = false;
};

[[noreturn]] void fail(const char* what, const std::string& detail) {
    std::fprintf(stderr, "csv fuzz: %s: %s\n", what, detail.c_str());
    std::abort();
}

std::string after_name(const std::string& message, std::string_view name) {
    const std::string prefix = "read_csv: " + std::string(name) + ": ";
    if (message.rfind(prefix, 0) != 0) fail("an error message does not name the source", message);
    return message.substr(prefix.size());
}

void check_position(const std::string& what, std::string_view text) {
    static const std::regex position(R"(^line (\d+), column (\d+): )");
    std::smatch m;
    if (!std::regex_search(what, m, position)) {
        // The only errors without a position are resource limits a small input cannot reach.
        fail("a parse error without a line and column", what);
    }
    const auto line = std::stoull(m[1]);
    const auto column = std::stoull(m[2]);
    const auto lines = std::size_t(std::count(text.begin(), text.end(), '\n')) + 1;
    if (line < 1 || line > lines || column < 1 || column > text.size() + 1)
        fail("an error position outside the text", what);
}

void check_frame(const imlit::DataFrame& df, const imlit::CsvOptions& options) {
    if (options.max_rows != 0 && df.rows() > options.max_rows) fail("max_rows ignored", "");
    for (const auto& column : df)
        if (column.size() != df.rows()) fail("a column of another length", column.name());
}

template <class Read>
Outcome run(Read&& read, std::string_view name, std::string_view text,
            const imlit::CsvOptions& options) {
    Outcome out;
    try {
        const imlit::DataFrame df = read();
        check_frame(df, options);
        out.ok = true;
        out.frame = imlit::hash_value(df);
    } catch (const std::invalid_argument& e) {
        out.invalid_argument = true;
        out.error = e.what();
    } catch (const std::runtime_error& e) {
        out.error = after_name(e.what(), name);
        check_position(out.error, text);
    }
    return out;
}

// One scratch file per process, rewritten for every input.
const std::string& scratch_path() {
    static const std::string path = [] {
        char name[] = "/tmp/imlit-fuzz-csv-XXXXXX";
        const int fd = mkstemp(name);
        if (fd < 0) fail("mkstemp", name);
        close(fd);
        std::atexit([] { std::remove(scratch_path().c_str()); });
        return std::string(name);
    }();
    return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 3) return 0;
    const std::uint8_t flags = data[0];
    imlit::CsvOptions options;
    options.header = (flags & 1) != 0;
    options.trim_spaces = (flags & 2) != 0;
    options.infer_bool = (flags & 4) != 0;
    if ((flags & 8) != 0) options.missing_values = {"NA", ""};
    options.max_rows = (flags >> 4) & 7; // 0: all
    // Mostly the usual characters, sometimes any byte (including bad ones).
    options.delimiter = (flags & 0x80) != 0 ? char(data[1]) : ",;\t|"[data[1] % 4];
    options.quote = (flags & 0x80) != 0 ? char(data[2]) : "\"'"[data[2] % 2];
    const std::string_view text(reinterpret_cast<const char*>(data + 3), size - 3);

    const bool bad_options = options.delimiter == options.quote || options.delimiter == '\r' ||
                             options.delimiter == '\n' || options.quote == '\r' ||
                             options.quote == '\n';
    const Outcome memory =
        run([&] { return imlit::parse_csv(text, options, kSource); }, kSource, text, options);
    if (memory.invalid_argument != bad_options)
        fail(bad_options ? "bad options accepted" : "good options rejected", memory.error);
    if (bad_options) return 0;

    const std::string& path = scratch_path();
    if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
        const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
        if (std::fclose(f) != 0 || !written) fail("cannot write", path);
    } else {
        fail("cannot open", path);
    }
    const Outcome file =
        run([&] { return imlit::read_csv(path, options); }, "'" + path + "'", text, options);
    if (memory.ok != file.ok || memory.frame != file.frame || memory.error != file.error)
        fail("read_csv and parse_csv disagree", memory.error + " | " + file.error);
    return 0;
}
