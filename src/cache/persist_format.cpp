// imlit cache internals — the on-disk format of one persisted entry (see persist_format.hpp).
//
// Index
//   [SECTION] Byte streams
//   [SECTION] Envelope
//   [SECTION] Whole entries
// (Recordings as data: persist_recording.cpp.)
#include "cache/persist_format.hpp"

#include <bit>

#include <xxhash.h>

static_assert(std::endian::native == std::endian::little,
              "imlit's cache files are little-endian; a big-endian port must byte-swap here");

namespace imlit::detail {

// [SECTION] Byte streams -------------------------------------------------------------------------

bool ByteReader::boolean() {
    const std::uint8_t v = u8();
    if (v > 1) throw FormatError("a bad boolean");
    return v == 1;
}

std::string_view ByteReader::bytes(std::uint64_t n) {
    if (n > left()) throw FormatError("truncated");
    const std::string_view b = in_.substr(pos_, static_cast<std::size_t>(n));
    pos_ += static_cast<std::size_t>(n);
    return b;
}

std::size_t ByteReader::count(std::size_t min_item_bytes) {
    const std::uint64_t n = u64();
    if (n > left() / (min_item_bytes == 0 ? 1 : min_item_bytes))
        throw FormatError("a count larger than the data");
    return static_cast<std::size_t>(n);
}

// [SECTION] Envelope -----------------------------------------------------------------------------

Envelope parse_envelope(std::string_view file) {
    if (file.size() < kEnvelopeSize)
        throw FormatError(file.size() < sizeof(kEntryMagic) ? "truncated magic"
                                                            : "truncated envelope");
    if (std::memcmp(file.data(), kEntryMagic, sizeof(kEntryMagic)) != 0)
        throw FormatError("not an imlit cache entry (wrong magic)");
    ByteReader r(file.substr(sizeof(kEntryMagic), kEnvelopeSize - sizeof(kEntryMagic)));
    Envelope e;
    e.format = r.u32();
    if (e.format != kFormatVersion)
        throw FormatError("format version " + std::to_string(e.format) + " (this build reads " +
                          std::to_string(kFormatVersion) + ")");
    e.fn_version = r.u32();
    e.fn_id = r.u64();
    e.args = r.hash();
    e.position = r.hash();
    e.created_ns = r.i64();
    e.ttl_ns = r.i64();
    e.length = r.u64();
    e.checksum = r.u64();
    return e;
}

std::uint64_t entry_checksum(std::string_view envelope_head, std::string_view payload) {
    const XXH64_hash_t seed = XXH3_64bits(envelope_head.data(), kChecksumOffset);
    return XXH3_64bits_withSeed(payload.data(), payload.size(), seed);
}

// [SECTION] Whole entries ------------------------------------------------------------------------

std::string encode_entry(Envelope env, const std::vector<WidgetRead>& reads,
                         std::string_view recording, std::string_view value) {
    std::string out;
    out.reserve(kEnvelopeSize + recording.size() + value.size() + 64 * (reads.size() + 1));
    out.append(kEntryMagic, sizeof(kEntryMagic));
    ByteWriter w(out);
    w.u32(env.format);
    w.u32(env.fn_version);
    w.u64(env.fn_id);
    w.hash(env.args);
    w.hash(env.position);
    w.i64(env.created_ns);
    w.i64(env.ttl_ns);
    w.u64(0); // length, patched below
    w.u64(0); // checksum, patched below
    w.u32(static_cast<std::uint32_t>(reads.size()));
    for (const WidgetRead& r : reads) {
        w.u64(r.id.val);
        w.u64(r.id.pow);
        w.hash(r.value);
        w.hash(r.default_value);
        w.str(r.label);
        w.str(r.shown);
    }
    w.str(recording);
    w.str(value);
    env.length = out.size() - kEnvelopeSize;
    std::memcpy(out.data() + kChecksumOffset - sizeof(env.length), &env.length,
                sizeof(env.length)); // the checksum's seed covers the length
    env.checksum = entry_checksum(out, std::string_view(out).substr(kEnvelopeSize));
    std::memcpy(out.data() + kChecksumOffset, &env.checksum, sizeof(env.checksum));
    return out;
}

namespace {
constexpr std::size_t kReadMinBytes = 8 * 6 + 8 * 2; // ids, hashes, label and text lengths
std::vector<WidgetRead> read_reads(ByteReader& r) {
    const std::uint32_t n = r.u32();
    if (n > r.left() / kReadMinBytes) throw FormatError("a count larger than the data");
    std::vector<WidgetRead> reads(n);
    for (WidgetRead& x : reads) {
        x.id.val = r.u64();
        x.id.pow = r.u64();
        x.value = r.hash();
        x.default_value = r.hash();
        x.label = std::string(r.str());
        x.shown = std::string(r.str());
    }
    return reads;
}
} // namespace

std::vector<WidgetRead> parse_reads(std::string_view payload_prefix) {
    ByteReader r(payload_prefix);
    return read_reads(r);
}

DecodedEntry decode_entry(std::string_view file) {
    DecodedEntry d;
    d.env = parse_envelope(file);
    const std::string_view payload = file.substr(kEnvelopeSize);
    if (d.env.length != payload.size())
        throw FormatError(payload.size() < d.env.length ? "truncated payload"
                                                        : "bytes after the payload");
    if (entry_checksum(file, payload) != d.env.checksum) throw FormatError("checksum mismatch");
    ByteReader r(payload);
    d.reads = read_reads(r);
    d.recording = r.str();
    d.value = r.str();
    if (r.left() != 0) throw FormatError("bytes after the value");
    return d;
}

} // namespace imlit::detail
