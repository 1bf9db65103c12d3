// imlit internal — building typed DataFrame columns from CSV field texts, with per-column type
// inference (see include/imlit/csv.hpp for the rules).
//
// Values are stored in fixed-size chunks while the file streams, so a growing column never
// holds a doubled copy of itself (as a growing std::vector would); finish() moves the chunks
// into the final vector one at a time, freeing each, so the peak is the table plus one chunk.
//
// Index
//   [SECTION] ChunkedVector
//   [SECTION] ValidityBuilder
//   [SECTION] Field classification
//   [SECTION] ColumnBuilder
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "imlit/dataframe.hpp"

namespace imlit::detail {

// [SECTION] ChunkedVector --------------------------------------------------------------------

// Memory for chunks, straight from mmap and back with munmap: a freed chunk returns to the
// system at once. (From malloc, chunks this size end up in its heap once its mmap threshold
// has risen, and memory freed while the final columns are built would stay resident: the
// peak would be the table twice.) Pages are only resident once written.
void* allocate_chunk(std::size_t bytes); // std::bad_alloc when out of memory
void release_chunk(void* chunk, std::size_t bytes) noexcept;

// An append-only sequence of trivially copyable T in chunks of kChunkBytes.
template <class T>
class ChunkedVector {
public:
    static constexpr std::size_t kChunkBytes = std::size_t(4) << 20;
    static constexpr std::size_t kChunk = kChunkBytes / sizeof(T);

    ChunkedVector() = default;
    ChunkedVector(ChunkedVector&& o) noexcept { *this = std::move(o); }
    ChunkedVector& operator=(ChunkedVector&& o) noexcept {
        if (this != &o) {
            clear();
            chunks_ = std::move(o.chunks_);
            next_ = std::exchange(o.next_, nullptr);
            left_ = std::exchange(o.left_, 0);
            size_ = std::exchange(o.size_, 0);
        }
        return *this;
    }
    ~ChunkedVector() { clear(); }

    std::size_t size() const noexcept { return size_; }

    void push_back(T v) {
        if (left_ == 0) [[unlikely]]
            grow();
        *next_++ = v;
        --left_;
        ++size_;
    }
    void append(const T* p, std::size_t n) {
        while (n != 0) {
            if (left_ == 0) grow();
            const std::size_t k = n < left_ ? n : left_;
            std::memcpy(next_, p, k * sizeof(T));
            next_ += k;
            left_ -= k;
            size_ += k;
            p += k;
            n -= k;
        }
    }
    // Calls f(T&) on every element, in order.
    template <class F>
    void for_each(F&& f) {
        std::size_t left = size_;
        for (T* c : chunks_) {
            const std::size_t k = left < kChunk ? left : kChunk;
            for (std::size_t i = 0; i < k; ++i)
                f(c[i]);
            left -= k;
        }
    }
    // Appends everything to `out` (a vector or string of same-sized elements), releasing each
    // chunk once copied, so the peak is the data plus one chunk.
    template <class Out>
    void move_to(Out& out) {
        static_assert(sizeof(typename Out::value_type) == sizeof(T));
        out.reserve(out.size() + size_);
        std::size_t left = size_;
        for (T*& c : chunks_) {
            const std::size_t k = left < kChunk ? left : kChunk;
            const std::size_t at = out.size();
            out.resize(at + k); // touches only this chunk's worth of new pages
            std::memcpy(out.data() + at, c, k * sizeof(T));
            left -= k;
            release_chunk(c, kChunkBytes);
            c = nullptr;
        }
        clear();
    }
    void clear() noexcept {
        for (T* c : chunks_)
            if (c) release_chunk(c, kChunkBytes);
        chunks_.clear();
        chunks_.shrink_to_fit();
        next_ = nullptr;
        left_ = size_ = 0;
    }

private:
    [[gnu::noinline]] void grow() {
        chunks_.reserve(chunks_.size() + 1);
        chunks_.push_back(static_cast<T*>(allocate_chunk(kChunkBytes)));
        next_ = chunks_.back();
        left_ = kChunk;
    }

    std::vector<T*> chunks_;
    T* next_ = nullptr;
    std::size_t left_ = 0;
    std::size_t size_ = 0;
};

// [SECTION] ValidityBuilder ------------------------------------------------------------------

// One bit per row, materialised only once a value is missing.
class ValidityBuilder {
public:
    void push(bool present) {
        if (!any_missing_ && present) [[likely]] {
            ++size_;
            return;
        }
        push_bit(present);
    }
    std::size_t size() const noexcept { return size_; }
    // The bits (empty when nothing is missing); the builder is left empty.
    std::vector<std::uint64_t> take() {
        std::vector<std::uint64_t> out = std::move(words_);
        out.shrink_to_fit();
        *this = {};
        return out;
    }

private:
    [[gnu::noinline]] void push_bit(bool present) {
        if (!any_missing_) materialise();
        if ((size_ & 63) == 0) words_.push_back(0);
        if (present) words_.back() |= std::uint64_t(1) << (size_ & 63);
        ++size_;
    }
    void materialise() {
        any_missing_ = true;
        words_.assign((size_ + 63) / 64, ~std::uint64_t(0));
        if ((size_ & 63) != 0) words_.back() = (std::uint64_t(1) << (size_ & 63)) - 1;
    }

    std::vector<std::uint64_t> words_;
    std::size_t size_ = 0;
    bool any_missing_ = false;
};

// [SECTION] Field classification -------------------------------------------------------------

// What a non-missing field could be, most specific first.
enum class FieldKind : std::uint8_t { boolean, int64, float64, text };

bool parse_int64(std::string_view s, std::int64_t& out) noexcept; // spaces around allowed
bool parse_float64(std::string_view s, double& out) noexcept;     // spaces around allowed
bool parse_bool(std::string_view s, std::uint8_t& out) noexcept;  // true/false, any case
FieldKind classify(std::string_view s, bool infer_bool) noexcept;

// [SECTION] ColumnBuilder --------------------------------------------------------------------

// One column of a CSV file being read. Pass 1 infers the type as values arrive; a column whose
// type turns to text after numbers or bools becomes `deferred` (its earlier texts are gone)
// and is read again, as text, by pass 2 (collect_text()).
class ColumnBuilder {
public:
    enum class State : std::uint8_t { unknown, boolean, int64, float64, text, deferred };

    ColumnBuilder(std::string name, bool infer_bool)
        : name_(std::move(name)), infer_bool_(infer_bool) {}

    // A field. `missing`: empty or one of the missing texts; `quoted_empty`: the field was "".
    void add(std::string_view text, bool missing, bool quoted_empty);
    // Pass 2 for a deferred column: every field as text ("" quoted: empty string).
    void add_text(std::string_view text, bool missing);
    // Start pass 2 (state deferred -> text, storage empty).
    void collect_text();

    State state() const noexcept { return state_; }
    const std::string& name() const noexcept { return name_; }
    std::size_t rows() const noexcept { return validity_.size() + leading_missing_; }
    // The finished column; the builder is left empty.
    Column finish();

private:
    void start(State s);
    void to_float64();
    void defer();
    void push_text(std::string_view text);

    std::string name_;
    bool infer_bool_;
    State state_ = State::unknown;
    std::size_t leading_missing_ = 0; // rows before the first value (state unknown)
    bool leading_quoted_empty_ = false;
    ChunkedVector<std::uint64_t> numbers_; // int64 or double bits
    ChunkedVector<std::uint8_t> bools_;
    ChunkedVector<char> text_bytes_;
    ChunkedVector<std::uint64_t> text_ends_; // end offset of each string
    std::uint64_t text_size_ = 0;
    ValidityBuilder validity_;
};

} // namespace imlit::detail
