// imlit — CSV column builders and type inference. See csv_columns.hpp.
#include "ui/csv_columns.hpp"

#include <bit>
#include <charconv>
#include <cstdlib>
#include <new>
#include <stdexcept>
#include <system_error>

#include <sys/mman.h>

#include "ui/column_access.hpp"

namespace imlit::detail {
namespace {

constexpr std::size_t kMaxNumberChars = 128; // longer texts are never numbers worth strtod-ing

std::string_view trim_blanks(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// from_chars accepts a leading '-' but not '+': drop a '+' that starts a number.
std::string_view drop_plus(std::string_view s) noexcept {
    if (s.size() >= 2 && s[0] == '+' && ((s[1] >= '0' && s[1] <= '9') || s[1] == '.'))
        s.remove_prefix(1);
    return s;
}

bool equals_ignoring_case(std::string_view s, std::string_view lower) noexcept {
    if (s.size() != lower.size()) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        if (c != lower[i]) return false;
    }
    return true;
}

} // namespace

// [SECTION] Chunk memory -------------------------------------------------------------------

void* allocate_chunk(std::size_t bytes) {
    void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    return p;
}

void release_chunk(void* chunk, std::size_t bytes) noexcept {
    ::munmap(chunk, bytes);
}

// [SECTION] Field classification -------------------------------------------------------------

bool parse_int64(std::string_view s, std::int64_t& out) noexcept {
    s = drop_plus(trim_blanks(s));
    if (s.empty()) return false;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

bool parse_float64(std::string_view s, double& out) noexcept {
    s = drop_plus(trim_blanks(s));
    if (s.empty()) return false;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    if (r.ptr != s.data() + s.size()) return false;
    if (r.ec == std::errc()) return true;
    if (r.ec != std::errc::result_out_of_range || s.size() >= kMaxNumberChars) return false;
    // A valid number beyond double's range: strtod's answer (+-inf on overflow, 0 or a
    // denormal on underflow), as other CSV readers give.
    char buf[kMaxNumberChars];
    std::memcpy(buf, s.data(), s.size());
    buf[s.size()] = '\0';
    out = std::strtod(buf, nullptr);
    return true;
}

bool parse_bool(std::string_view s, std::uint8_t& out) noexcept {
    s = trim_blanks(s);
    if (equals_ignoring_case(s, "true")) {
        out = 1;
        return true;
    }
    if (equals_ignoring_case(s, "false")) {
        out = 0;
        return true;
    }
    return false;
}

FieldKind classify(std::string_view s, bool infer_bool) noexcept {
    std::uint8_t b;
    std::int64_t i;
    double d;
    if (infer_bool && parse_bool(s, b)) return FieldKind::boolean;
    if (parse_int64(s, i)) return FieldKind::int64;
    if (parse_float64(s, d)) return FieldKind::float64;
    return FieldKind::text;
}

// [SECTION] ColumnBuilder --------------------------------------------------------------------

void ColumnBuilder::start(State s) {
    state_ = s;
    for (std::size_t i = 0; i < leading_missing_; ++i) {
        validity_.push(false);
        switch (s) {
        case State::boolean:
            bools_.push_back(0);
            break;
        case State::int64:
        case State::float64:
            numbers_.push_back(0);
            break;
        case State::text:
            push_text({});
            break;
        case State::unknown:
        case State::deferred:
            break;
        }
    }
    leading_missing_ = 0;
}

void ColumnBuilder::to_float64() {
    numbers_.for_each([](std::uint64_t& bits) {
        bits = std::bit_cast<std::uint64_t>(double(std::bit_cast<std::int64_t>(bits)));
    });
    state_ = State::float64;
}

void ColumnBuilder::defer() {
    state_ = State::deferred;
    numbers_.clear();
    bools_.clear();
    text_bytes_.clear();
    text_ends_.clear();
    text_size_ = 0;
    validity_ = {};
}

void ColumnBuilder::push_text(std::string_view text) {
    text_bytes_.append(text.data(), text.size());
    text_size_ += text.size();
    text_ends_.push_back(text_size_);
}

void ColumnBuilder::add(std::string_view text, bool missing, bool quoted_empty) {
    switch (state_) {
    case State::unknown:
        if (missing || quoted_empty) {
            ++leading_missing_;
            leading_quoted_empty_ = leading_quoted_empty_ || quoted_empty;
            return;
        }
        switch (classify(text, infer_bool_)) {
        case FieldKind::boolean:
            start(State::boolean);
            break;
        case FieldKind::int64:
            start(State::int64);
            break;
        case FieldKind::float64:
            start(State::float64);
            break;
        case FieldKind::text:
            // Which of the earlier empty fields were "" (empty strings) is not known: re-read.
            if (leading_quoted_empty_) {
                defer();
                return;
            }
            start(State::text);
            break;
        }
        add(text, false, false);
        return;
    case State::boolean: {
        std::uint8_t b = 0;
        if (missing || quoted_empty) {
            validity_.push(false);
        } else if (parse_bool(text, b)) {
            validity_.push(true);
        } else {
            defer();
            return;
        }
        bools_.push_back(b);
        return;
    }
    case State::int64: {
        std::int64_t i = 0;
        if (missing || quoted_empty) {
            validity_.push(false);
        } else if (parse_int64(text, i)) {
            validity_.push(true);
        } else {
            double d;
            if (!parse_float64(text, d)) {
                defer();
                return;
            }
            to_float64();
            validity_.push(true);
            numbers_.push_back(std::bit_cast<std::uint64_t>(d));
            return;
        }
        numbers_.push_back(std::bit_cast<std::uint64_t>(i));
        return;
    }
    case State::float64: {
        double d = 0;
        if (missing || quoted_empty) {
            validity_.push(false);
        } else if (parse_float64(text, d)) {
            validity_.push(true);
        } else {
            defer();
            return;
        }
        numbers_.push_back(std::bit_cast<std::uint64_t>(d));
        return;
    }
    case State::text:
        validity_.push(!missing);
        push_text(missing ? std::string_view() : text);
        return;
    case State::deferred:
        return;
    }
}

void ColumnBuilder::collect_text() {
    defer();
    leading_missing_ = 0;
    state_ = State::text;
}

void ColumnBuilder::add_text(std::string_view text, bool missing) {
    validity_.push(!missing);
    push_text(missing ? std::string_view() : text);
}

Column ColumnBuilder::finish() {
    static_assert(sizeof(std::int64_t) == sizeof(std::uint64_t) &&
                  sizeof(double) == sizeof(std::uint64_t));
    std::string name = std::move(name_);
    switch (state_) {
    case State::unknown: { // no value at all: a string column of missing values
        const std::size_t n = leading_missing_;
        std::vector<std::uint64_t> offsets(n == 0 ? 0 : n + 1, 0);
        std::vector<std::uint64_t> bits((n + 63) / 64, 0);
        return ColumnAccess::make(std::move(name), StringArray::from_parts({}, std::move(offsets)),
                                  std::move(bits));
    }
    case State::boolean: {
        std::vector<std::uint8_t> v;
        bools_.move_to(v);
        return ColumnAccess::make(std::move(name), std::move(v), validity_.take());
    }
    case State::int64: {
        std::vector<std::int64_t> v;
        numbers_.move_to(v);
        return ColumnAccess::make(std::move(name), std::move(v), validity_.take());
    }
    case State::float64: {
        std::vector<double> v;
        numbers_.move_to(v);
        return ColumnAccess::make(std::move(name), std::move(v), validity_.take());
    }
    case State::text: {
        std::string bytes;
        text_bytes_.move_to(bytes);
        std::vector<std::uint64_t> offsets;
        if (text_ends_.size() != 0) {
            offsets.reserve(text_ends_.size() + 1);
            offsets.push_back(0);
            text_ends_.move_to(offsets);
        }
        return ColumnAccess::make(std::move(name),
                                  StringArray::from_parts(std::move(bytes), std::move(offsets)),
                                  validity_.take());
    }
    case State::deferred:
        break;
    }
    throw std::logic_error("imlit: read_csv: column '" + name + "' was not read again as text");
}

} // namespace imlit::detail
