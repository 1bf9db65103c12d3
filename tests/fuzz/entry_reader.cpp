// libFuzzer target: the Persist::disk entry reader on arbitrary bytes. Any input must end in a
// decoded entry or a FormatError (or another std::exception), never a crash, a hang or a huge
// allocation.
//
// The first input byte picks a mode: odd, the length and checksum fields are fixed up first, so
// that the fuzzer gets past the checksum into the section and widget-read decoders; even, the
// bytes are read as they are. Seeds: tests/fuzz/entry_reader/ (format version 2 entries written
// by `persist_proc fill`: text, a table, a texture, a chart, widgets; each with mode 0 and 1;
// and a few broken ones).
//
// With IMLIT_FUZZ_RECORDINGS defined it also decodes the recording (every command kind) and a
// fixed-size value, and writes the recording back. That needs imlit/ui.hpp (clang 15 or newer
// with libstdc++ 12) and the library; by hand, against a gcc-built libimlit.a:
//   FL="-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -DIMLIT_FUZZ_RECORDINGS
//       -Iinclude -Isrc -isystem /usr/include/imgui -isystem /usr/include/stb -DFMT_SHARED"
//   clang++-16 $FL tests/fuzz/entry_reader.cpp src/cache/persist_format.cpp
//       src/cache/persist_recording.cpp build/libimlit.a <its link libraries> -o fuzz_entry_reader
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "cache/persist_format.hpp"
#ifdef IMLIT_FUZZ_RECORDINGS
#include "imlit/cache.hpp"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace imlit::detail;
    if (size == 0) return 0;
    std::string file(reinterpret_cast<const char*>(data) + 1, size - 1);
    if ((data[0] & 1) != 0 && file.size() >= kEnvelopeSize) {
        const std::uint64_t length = file.size() - kEnvelopeSize;
        std::memcpy(file.data() + kChecksumOffset - sizeof(length), &length, sizeof(length));
        const std::uint64_t sum =
            entry_checksum(file, std::string_view(file).substr(kEnvelopeSize));
        std::memcpy(file.data() + kChecksumOffset, &sum, sizeof(sum));
    }
    try {
        DecodedEntry d = decode_entry(file);
        parse_reads(std::string_view(file).substr(kEnvelopeSize)); // the prefix reader
#ifdef IMLIT_FUZZ_RECORDINGS
        auto rec = load_recording(d.recording, Site{}, std::move(d.reads));
        // A fixed-size value type: the checksum keeps foreign bytes from ever reaching cereal's
        // own decoding of sized containers in imlit.
        static const auto codec = make_value_codec<std::array<std::uint64_t, 4>>();
        codec->load(d.value);
        std::string again;
        save_recording(*rec, again); // what was read can be written back
#endif
    } catch (const std::exception&) {
    }
    return 0;
}
