// imlit cache internals — the on-disk format of one persisted entry (Persist::disk, R9).
//
// A file is an envelope followed by a payload. Every integer is little-endian.
//
//   offset  size  field
//        0     8  magic "IMLITCE" + 0x01
//        8     4  format version (kFormatVersion)
//       12     4  the function's version (DataOptions::version)
//       16     8  the function's id: XXH3-64 of its name, seeded with kHashEncodingVersion
//       24    16  key: the arguments' hash (lo, hi)
//       40    16  key: the trie position (arguments + widget values read)
//       56     8  created at: wall clock, nanoseconds since the Unix epoch
//       64     8  ttl in nanoseconds (0: none)
//       72     8  payload length in bytes
//       80     8  checksum: XXH3-64 of the payload, seeded with XXH3-64 of bytes [0, 80)
//       88        payload:
//                   u32 reads, then per read: RelId (val, pow), value hash, default hash, label,
//                     the value as text (for the inspector)
//                   u64 length + the recording (commands as data, see save_recording)
//                   u64 length + the value (cereal binary archive)
//
// The widget reads come first so that a reader can tell from a short prefix whether a file
// is the entry it wants before it reads the value. Nothing here touches the file system.
//
// Index
//   [SECTION] Errors and byte streams
//   [SECTION] Envelope
//   [SECTION] Recordings as data
//   [SECTION] Whole entries
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "imlit/hash.hpp"
#include "ui/seam.hpp"

namespace imlit::detail {

// [SECTION] Errors and byte streams ------------------------------------------------------------

// A file that is not a valid entry: the message says what is wrong ("truncated envelope", ...).
struct FormatError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class ByteWriter {
public:
    explicit ByteWriter(std::string& out) : out_(out) {}
    void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
    void u32(std::uint32_t v) { put(v); }
    void u64(std::uint64_t v) { put(v); }
    void i64(std::int64_t v) { put(v); }
    void f32(float v) { put(v); }
    void f64(double v) { put(v); }
    void boolean(bool v) { u8(v ? 1 : 0); }
    void str(std::string_view s) {
        u64(s.size());
        out_.append(s);
    }
    void hash(Hash128 h) {
        u64(h.lo);
        u64(h.hi);
    }

private:
    template <class T>
    void put(T v) { // the machines imlit runs on are little-endian (static_assert in the .cpp)
        char b[sizeof(T)];
        std::memcpy(b, &v, sizeof(T));
        out_.append(b, sizeof(T));
    }
    std::string& out_;
};

// Bounds-checked reads over bytes it does not own: any read past the end is a FormatError.
class ByteReader {
public:
    explicit ByteReader(std::string_view in) : in_(in) {}
    std::uint8_t u8() { return get<std::uint8_t>(); }
    std::uint32_t u32() { return get<std::uint32_t>(); }
    std::uint64_t u64() { return get<std::uint64_t>(); }
    std::int64_t i64() { return get<std::int64_t>(); }
    float f32() { return get<float>(); }
    double f64() { return get<double>(); }
    bool boolean();
    std::string_view str() { return bytes(u64()); }
    std::string_view bytes(std::uint64_t n);
    Hash128 hash() {
        Hash128 h;
        h.lo = u64();
        h.hi = u64();
        return h;
    }
    // A count of items each at least `min_item_bytes` long: larger than what is left is an error
    // (so a corrupt count never makes a huge allocation).
    std::size_t count(std::size_t min_item_bytes);
    // An enum stored as u8, at most `max`.
    template <class E>
    E enumeration(E max) {
        const std::uint8_t v = u8();
        if (v > static_cast<std::uint8_t>(max)) throw FormatError("an unknown enum value");
        return static_cast<E>(v);
    }
    std::size_t left() const { return in_.size() - pos_; }
    std::size_t position() const { return pos_; }

private:
    template <class T>
    T get() {
        const std::string_view b = bytes(sizeof(T));
        T v;
        std::memcpy(&v, b.data(), sizeof(T));
        return v;
    }
    std::string_view in_;
    std::size_t pos_ = 0;
};

// [SECTION] Envelope ---------------------------------------------------------------------------

inline constexpr char kEntryMagic[8] = {'I', 'M', 'L', 'I', 'T', 'C', 'E', '\x01'};
// 2: reads carry their value as text; charts are saved.
inline constexpr std::uint32_t kFormatVersion = 2;
inline constexpr std::size_t kEnvelopeSize = 88;
inline constexpr std::size_t kChecksumOffset = 80;

struct Envelope {
    std::uint32_t format = kFormatVersion;
    std::uint32_t fn_version = 0;
    std::uint64_t fn_id = 0;
    Hash128 args;
    Hash128 position;
    std::int64_t created_ns = 0;
    std::int64_t ttl_ns = 0;
    std::uint64_t length = 0;
    std::uint64_t checksum = 0;
};

// Parse the first kEnvelopeSize bytes. FormatError: too short, wrong magic, other format version.
Envelope parse_envelope(std::string_view file);
std::uint64_t entry_checksum(std::string_view envelope_head, std::string_view payload);

// [SECTION] Recordings as data ----------------------------------------------------------------

// Append `rec`'s commands to `out` as data. Returns "" when every command could be saved, else
// what could not ("custom()", "a placeholder", ...): the entry is then kept in memory only.
std::string save_recording(const Recording& rec, std::string& out);
// A new Recording (at `site`) with the commands of `bytes` (as written by save_recording) and
// `reads` as its widget reads. FormatError when the bytes are not a valid recording.
std::shared_ptr<Recording> load_recording(std::string_view bytes, Site site,
                                          std::vector<WidgetRead> reads);

// [SECTION] Whole entries ----------------------------------------------------------------------

// One entry, encoded. `env.length` and `env.checksum` are filled in.
std::string encode_entry(Envelope env, const std::vector<WidgetRead>& reads,
                         std::string_view recording, std::string_view value);

// The widget reads at the start of a payload. FormatError when `payload_prefix` is too short
// (the caller reads more) or malformed.
std::vector<WidgetRead> parse_reads(std::string_view payload_prefix);

struct DecodedEntry {
    Envelope env;
    std::vector<WidgetRead> reads;
    std::string_view recording; // views into the file's bytes
    std::string_view value;
};
// Check and split a whole file: envelope, length, checksum, sections. FormatError says what is
// wrong. (The recording and value sections are not decoded here.)
DecodedEntry decode_entry(std::string_view file);

} // namespace imlit::detail
