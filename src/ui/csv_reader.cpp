// imlit — read_csv and parse_csv: libcsv parses, ColumnBuilders infer types and store values.
// See include/imlit/csv.hpp for the rules.
//
// The input streams through a ByteSource in chunks. Each chunk is cut at line feeds and fed to
// libcsv one line at a time, so every callback knows the line it is on (libcsv reports no
// positions). What an error message needs beyond that (the column of a field) is found on the
// error path only, by re-reading the line from the source and walking it with the same quote
// rules (locate_field). libcsv's callbacks are C code: nothing may throw through them, so a
// callback records the error and the loop throws once csv_parse has returned.
//
// Index
//   [SECTION] Constants and messages
//   [SECTION] Byte sources
//   [SECTION] libcsv parser guard
//   [SECTION] CsvReader
//   [SECTION] read_csv, parse_csv
#include "imlit/csv.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include <csv.h>
#include <fmt/format.h>

#include "ui/csv_columns.hpp"

namespace imlit {
namespace {

// [SECTION] Constants and messages -----------------------------------------------------------

constexpr std::size_t kChunkBytes = std::size_t(1) << 20;        // bytes read per system call
constexpr std::size_t kFieldBlockBytes = std::size_t(1) << 16;   // libcsv's field buffer growth
constexpr std::size_t kMaxErrorLineBytes = std::size_t(1) << 24; // read back for an error column
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::runtime_error read_error(std::string_view source, std::string_view what) {
    return std::runtime_error(fmt::format("read_csv: {}: {}", source, what));
}

// [SECTION] Byte sources ---------------------------------------------------------------------

class ByteSource {
public:
    virtual ~ByteSource() = default;
    // The next bytes; empty at the end. Valid until the next call.
    virtual std::string_view next() = 0;
    // Start again from the first byte.
    virtual void rewind() = 0;
    // Up to `max` bytes from byte `offset`, without disturbing next() (error messages only).
    virtual std::string read_at(std::uint64_t offset, std::size_t max) = 0;
    // The source as error messages name it.
    virtual const std::string& name() const = 0;
};

class FileSource final : public ByteSource {
public:
    explicit FileSource(const std::filesystem::path& path)
        : name_(fmt::format("'{}'", path.string())), buffer_(new char[kChunkBytes]) {
        fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0) throw read_error(name_, fmt::format("cannot open: {}", std::strerror(errno)));
        ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
    }
    ~FileSource() override { ::close(fd_); }
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;

    std::string_view next() override {
        for (;;) {
            const ssize_t n = ::read(fd_, buffer_.get(), kChunkBytes);
            if (n >= 0) {
                offset_ += std::uint64_t(n);
                return std::string_view(buffer_.get(), std::size_t(n));
            }
            if (errno != EINTR)
                throw read_error(name_, fmt::format("read failed at byte {}: {}", offset_,
                                                    std::strerror(errno)));
        }
    }
    void rewind() override {
        if (::lseek(fd_, 0, SEEK_SET) != 0)
            throw read_error(name_, fmt::format("cannot read it again: {}", std::strerror(errno)));
        offset_ = 0;
    }
    std::string read_at(std::uint64_t offset, std::size_t max) override {
        std::string out(max, '\0');
        std::size_t got = 0;
        while (got < max) {
            const ssize_t n = ::pread(fd_, out.data() + got, max - got, off_t(offset + got));
            if (n <= 0 && !(n < 0 && errno == EINTR)) break;
            if (n > 0) got += std::size_t(n);
        }
        out.resize(got);
        return out;
    }
    const std::string& name() const override { return name_; }

private:
    std::string name_;
    std::unique_ptr<char[]> buffer_;
    int fd_ = -1;
    std::uint64_t offset_ = 0;
};

class MemorySource final : public ByteSource {
public:
    MemorySource(std::string_view text, std::string_view name) : text_(text), name_(name) {}
    std::string_view next() override {
        const std::string_view chunk = text_.substr(at_, kChunkBytes);
        at_ += chunk.size();
        return chunk;
    }
    void rewind() override { at_ = 0; }
    std::string read_at(std::uint64_t offset, std::size_t max) override {
        if (offset >= text_.size()) return {};
        return std::string(text_.substr(std::size_t(offset), max));
    }
    const std::string& name() const override { return name_; }

private:
    std::string_view text_;
    std::string name_;
    std::size_t at_ = 0;
};

// [SECTION] libcsv parser guard --------------------------------------------------------------

int never_space(unsigned char) {
    return 0;
}

class Parser {
public:
    explicit Parser(const CsvOptions& o) {
        if (csv_init(&p_, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0)
            throw std::bad_alloc();
        csv_set_delim(&p_, static_cast<unsigned char>(o.delimiter));
        csv_set_quote(&p_, static_cast<unsigned char>(o.quote));
        csv_set_blk_size(&p_, kFieldBlockBytes);
        if (!o.trim_spaces) csv_set_space_func(&p_, never_space);
    }
    ~Parser() { csv_free(&p_); }
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;
    csv_parser* get() noexcept { return &p_; }

private:
    csv_parser p_;
};

// [SECTION] CsvReader ------------------------------------------------------------------------

// Where the current line began, and the parser's state there.
struct LineStart {
    std::uint64_t line = 1;   // 1-based, counting line feeds
    std::uint64_t offset = 0; // byte offset of the line's first byte
    bool in_quotes = false;   // the line began inside a quoted field (a field with a line break)
    std::size_t fields = 0;   // fields of the current record completed before the line
};

// A quoted field still open at a line feed: the line it began on and its index in the record.
struct OpenQuote {
    LineStart at;
    std::size_t field = 0;
};

// An error found inside a libcsv callback, thrown once csv_parse returns.
struct PendingError {
    enum class Kind { none, too_many_fields, too_few_fields } kind = Kind::none;
    LineStart at;
    std::size_t fields = 0; // fields found in the record
};

class CsvReader {
public:
    CsvReader(ByteSource& source, const CsvOptions& options) : source_(source), options_(options) {
        for (const std::string& m : options_.missing_values)
            if (m.empty()) has_empty_missing_ = true;
    }

    DataFrame read() {
        run_pass(Pass::infer);
        bool any_deferred = false;
        for (auto& b : builders_) {
            if (b.state() == detail::ColumnBuilder::State::deferred) {
                b.collect_text();
                deferred_.push_back(true);
                any_deferred = true;
            } else {
                deferred_.push_back(false);
            }
        }
        if (any_deferred) {
            const std::size_t rows = rows_;
            source_.rewind();
            run_pass(Pass::text);
            if (rows_ != rows)
                throw read_error(source_.name(),
                                 "the file changed while it was read (a second pass over it, for "
                                 "columns that mix numbers and text, found another row count)");
        }
        std::vector<Column> columns;
        columns.reserve(builders_.size());
        for (auto& b : builders_)
            columns.push_back(b.finish());
        return DataFrame(std::move(columns));
    }

private:
    enum class Pass { infer, text };

    // ---- The pass loop
    void run_pass(Pass pass) {
        pass_ = pass;
        Parser parser(options_);
        csv_parser* p = parser.get();
        rows_ = 0;
        fields_ = 0;
        header_pending_ = options_.header;
        stopped_ = false;
        line_ = LineStart{};
        open_quote_.reset();

        std::uint64_t chunk_offset = 0;
        bool first_chunk = true;
        while (!stopped_) {
            const std::string_view chunk = source_.next();
            if (chunk.empty()) break;
            std::size_t pos = 0;
            if (first_chunk && chunk.starts_with(kUtf8Bom)) {
                pos = kUtf8Bom.size();
                line_.offset = pos;
            }
            first_chunk = false;
            while (pos < chunk.size() && !stopped_) {
                const void* nl = std::memchr(chunk.data() + pos, '\n', chunk.size() - pos);
                const std::size_t end =
                    nl ? std::size_t(static_cast<const char*>(nl) - chunk.data()) + 1
                       : chunk.size();
                const std::size_t n =
                    csv_parse(p, chunk.data() + pos, end - pos, on_field, on_record, this);
                check_callbacks();
                if (n != end - pos) parse_failed(p, chunk_offset + pos + n);
                pos = end;
                if (nl) next_line(p, chunk_offset + end);
            }
            chunk_offset += chunk.size();
        }
        if (stopped_) return; // max_rows reached: the rest is not read
        if (csv_fini(p, on_field, on_record, this) != 0) {
            if (csv_error(p) == CSV_EPARSE) unterminated_quote();
            throw read_error(source_.name(), csv_strerror(csv_error(p)));
        }
        check_callbacks();
    }

    // A line feed was consumed: the next line begins at `offset`. Only a quoted field continues
    // over a line break, so the record is still open exactly when libcsv is inside quotes.
    void next_line(csv_parser* p, std::uint64_t offset) {
        const bool in_quotes = p->quoted != 0;
        if (in_quotes) {
            // A field opened on this line and still open: remember where, for an error at the
            // end of the file; an extra field has started when the header's count is reached.
            if (!open_quote_ || open_quote_->field != fields_) open_quote_ = {line_, fields_};
            if (ncols_known() && fields_ >= builders_.size()) {
                error_.kind = PendingError::Kind::too_many_fields;
                error_.at = line_;
                error_.fields = fields_ + 1;
                check_callbacks();
            }
        }
        line_.line += 1;
        line_.offset = offset;
        line_.in_quotes = in_quotes;
        line_.fields = in_quotes ? fields_ : 0;
    }

    bool ncols_known() const noexcept { return !header_pending_ && (rows_ > 0 || options_.header); }

    // ---- libcsv callbacks (no exceptions may leave them)
    static void on_field(void* data, std::size_t len, void* self) {
        auto* r = static_cast<CsvReader*>(self);
        if (r->stopped_ || r->failure_) return;
        try {
            r->field(static_cast<const char*>(data), len);
        } catch (...) {
            r->failure_ = std::current_exception();
        }
    }
    static void on_record(int, void* self) {
        auto* r = static_cast<CsvReader*>(self);
        if (r->stopped_ || r->failure_) return;
        try {
            r->record();
        } catch (...) {
            r->failure_ = std::current_exception();
        }
    }

    void field(const char* data, std::size_t len) {
        const std::size_t index = fields_++;
        const std::string_view text = data ? std::string_view(data, len) : std::string_view();
        if (header_pending_) {
            names_.emplace_back(text);
            return;
        }
        if (index >= builders_.size()) {
            if (ncols_known() || pass_ == Pass::text) {
                error_.kind = PendingError::Kind::too_many_fields;
                error_.at = line_;
                error_.fields = fields_;
                stopped_ = true;
                return;
            }
            // First record without a header: it makes the columns.
            builders_.emplace_back(fmt::format("column_{}", index + 1), options_.infer_bool);
        }
        bool missing = data == nullptr;
        if (!missing && !options_.missing_values.empty() && (len != 0 || has_empty_missing_))
            missing = std::find(options_.missing_values.begin(), options_.missing_values.end(),
                                text) != options_.missing_values.end();
        if (pass_ == Pass::infer)
            builders_[index].add(text, missing, !missing && data != nullptr && len == 0);
        else if (deferred_[index]) // (same size as builders_ in the text pass)
            builders_[index].add_text(text, missing);
    }

    void record() {
        const std::size_t found = fields_;
        fields_ = 0;
        open_quote_.reset();
        if (header_pending_) {
            header_pending_ = false;
            if (pass_ == Pass::infer) make_named_columns();
            names_.clear();
            return;
        }
        if (found < builders_.size()) {
            error_.kind = PendingError::Kind::too_few_fields;
            error_.at = line_;
            error_.fields = found;
            stopped_ = true;
            return;
        }
        if (++rows_ > kMaxRows)
            throw read_error(source_.name(),
                             fmt::format("more than {} rows: the limit of a DataFrame", kMaxRows));
        if (options_.max_rows != 0 && rows_ == options_.max_rows) stopped_ = true;
    }

    void make_named_columns() {
        std::unordered_set<std::string> used;
        builders_.reserve(names_.size());
        for (std::size_t i = 0; i < names_.size(); ++i) {
            std::string name = names_[i].empty() ? fmt::format("column_{}", i + 1) : names_[i];
            if (used.count(name) != 0) {
                std::size_t k = 1;
                while (used.count(fmt::format("{}.{}", name, k)) != 0)
                    ++k;
                name = fmt::format("{}.{}", name, k);
            }
            used.insert(name);
            builders_.emplace_back(std::move(name), options_.infer_bool);
        }
    }

    // ---- Errors
    [[noreturn]] void throw_at(std::uint64_t line, std::uint64_t column, std::string_view what) {
        throw read_error(source_.name(), fmt::format("line {}, column {}: {}", line, column, what));
    }

    // Throws what a callback recorded.
    void check_callbacks() {
        if (failure_) std::rethrow_exception(failure_);
        if (error_.kind == PendingError::Kind::none) return;
        const std::size_t expected = builders_.size();
        if (error_.kind == PendingError::Kind::too_many_fields) {
            throw_at(error_.at.line, locate_field(error_.at, expected),
                     fmt::format("a record with more than {} fields (the {} has {}); quote "
                                 "fields that contain '{}'",
                                 expected, options_.header ? "header" : "first record", expected,
                                 options_.delimiter));
        }
        throw_at(error_.at.line, line_end_column(error_.at),
                 fmt::format("a record with {} field{} where the {} has {}", error_.fields,
                             error_.fields == 1 ? "" : "s",
                             options_.header ? "header" : "first record", expected));
    }

    void parse_failed(csv_parser* p, std::uint64_t offset) {
        if (csv_error(p) != CSV_EPARSE)
            throw read_error(source_.name(),
                             fmt::format("line {}: {}", line_.line, csv_strerror(csv_error(p))));
        const std::uint64_t column = offset - line_.offset + 1;
        if (p->quoted)
            throw_at(line_.line, column,
                     fmt::format("unexpected text after a closing quote (a {} inside a quoted "
                                 "field is written twice)",
                                 options_.quote));
        throw_at(line_.line, column,
                 fmt::format("a quote character ({}) inside an unquoted field; quote the whole "
                             "field and write the quote twice",
                             options_.quote));
    }

    [[noreturn]] void unterminated_quote() {
        // Opened on a line that ended (recorded), or on the last line, which has no line feed.
        const OpenQuote open =
            open_quote_ && open_quote_->field == fields_ ? *open_quote_ : OpenQuote{line_, fields_};
        throw_at(open.at.line, locate_field(open.at, open.field),
                 fmt::format("a quoted field is not closed: no {} ends it before the end of the "
                             "file",
                             options_.quote));
    }

    // The line that begins at `at` (up to its line feed), read back from the source.
    std::string line_text(const LineStart& at) {
        std::string text = source_.read_at(at.offset, kMaxErrorLineBytes);
        const std::size_t nl = text.find('\n');
        if (nl != std::string::npos) text.resize(nl);
        return text;
    }

    // 1-based column where field number `target` (0-based within the record) begins on the line
    // `at`: its opening quote, or its first character; 1 when it is not on that line.
    std::uint64_t locate_field(const LineStart& at, std::size_t target) {
        const std::string text = line_text(at);
        bool in_quotes = at.in_quotes;
        std::size_t field = at.fields;
        std::size_t start = field == target && !in_quotes ? 0 : std::string::npos;
        for (std::size_t i = 0; i < text.size() && start == std::string::npos; ++i) {
            const char c = text[i];
            if (in_quotes) {
                if (c == options_.quote) {
                    if (i + 1 < text.size() && text[i + 1] == options_.quote)
                        ++i;
                    else
                        in_quotes = false;
                }
            } else if (c == options_.quote) {
                in_quotes = true;
            } else if (c == options_.delimiter && ++field == target) {
                start = i + 1;
            }
        }
        if (start == std::string::npos) return 1;
        if (options_.trim_spaces)
            while (start < text.size() && (text[start] == ' ' || text[start] == '\t') &&
                   text[start] != options_.delimiter)
                ++start;
        return start + 1;
    }

    // 1-based column just past the last character of the line `at` (where a record ended).
    std::uint64_t line_end_column(const LineStart& at) {
        std::string text = line_text(at);
        if (!text.empty() && text.back() == '\r') text.pop_back();
        return text.size() + 1;
    }

    ByteSource& source_;
    const CsvOptions& options_;
    bool has_empty_missing_ = false;
    Pass pass_ = Pass::infer;
    std::vector<detail::ColumnBuilder> builders_;
    std::vector<bool> deferred_; // per column: read again as text in the second pass
    std::vector<std::string> names_;
    bool header_pending_ = false;
    std::size_t rows_ = 0;   // data records completed
    std::size_t fields_ = 0; // fields of the current record completed
    bool stopped_ = false;
    LineStart line_;
    std::optional<OpenQuote> open_quote_; // the quoted field open at the last line feed
    PendingError error_;
    std::exception_ptr failure_;
};

void check_options(const CsvOptions& o) {
    const auto bad = [](char c) { return c == '\n' || c == '\r'; };
    if (o.delimiter == o.quote || bad(o.delimiter) || bad(o.quote))
        throw std::invalid_argument(fmt::format(
            "read_csv: the delimiter (code {}) and the quote (code {}) must differ and must not be "
            "a line break",
            int(static_cast<unsigned char>(o.delimiter)),
            int(static_cast<unsigned char>(o.quote))));
}

} // namespace

// [SECTION] read_csv, parse_csv --------------------------------------------------------------

DataFrame read_csv(const std::filesystem::path& path, const CsvOptions& options) {
    check_options(options);
    FileSource source(path);
    return CsvReader(source, options).read();
}

DataFrame parse_csv(std::string_view text, const CsvOptions& options,
                    std::string_view source_name) {
    check_options(options);
    MemorySource source(text, source_name);
    return CsvReader(source, options).read();
}

} // namespace imlit
